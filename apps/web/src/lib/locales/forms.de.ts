/** Texts of the form kit (date fields) and the status form's correction and date checks. */
export const formsDe = {
  date: {
    format: "Format: TT.MM.JJJJ, z. B. 31.12.2024",
    invalid: "Bitte das Datum als TT.MM.JJJJ eingeben, z. B. 31.12.2024.",
    outOfRange: "Bitte ein Datum vom {{min}} bis zum {{max}} eingeben.",
  },
};
