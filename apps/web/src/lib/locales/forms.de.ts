/** Texts of the form kit (date fields) and the status form's correction and date checks. */
export const formsDe = {
  date: {
    format: "Format: TT.MM.JJJJ, z. B. 31.12.2024",
    invalid: "Bitte das Datum als TT.MM.JJJJ eingeben, z. B. 31.12.2024.",
    outOfRange: "Bitte ein Datum vom {{min}} bis zum {{max}} eingeben.",
  },
  correction: {
    offer: "Ist der letzte Eintrag falsch (Status, Datum, Dokument)?",
    start: "Letzten Eintrag korrigieren",
    notice: "Sie korrigieren den Eintrag „{{status}}“, gültig ab {{date}}. Die Felder zeigen ihn; ändern Sie, was falsch ist. Nach dem Speichern zählt er nicht mehr; im Verlauf bleibt er als korrigiert sichtbar.",
    cancel: "Korrektur abbrechen",
    submit: "Korrektur speichern",
    saved: "Korrigiert. Neuer Stand: Version {{version}}.",
  },
};
