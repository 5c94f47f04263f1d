import type { InsekRecord } from "@insek/contracts";
import { STATUS_LABELS } from "../exports/export-columns.js";

const germanDate = new Intl.DateTimeFormat("de-DE", { timeZone: "Europe/Berlin", day: "2-digit", month: "2-digit", year: "numeric" });
const germanDateTime = new Intl.DateTimeFormat("de-DE", {
  timeZone: "Europe/Berlin",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
});

/** The calendar day after an ISO date, as an ISO date. */
function dayAfter(iso: string): string {
  const next = new Date(`${iso}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function calendarDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

export interface UpdateRequestMailInput {
  municipalityName: string;
  ags: string;
  record: InsekRecord;
  link: string;
  expiresAt: Date;
  message: string | null;
}

/** The German e-mail of one update request: what is asked, the record on file, the link and its expiry. */
export function updateRequestMail(input: UpdateRequestMailInput): { subject: string; text: string } {
  const { record } = input;
  const lines: string[] = [
    "Guten Tag,",
    "",
    `das Sächsische Staatsministerium für Regionalentwicklung (SMR) und die Fachstelle für integrierte Gemeindeentwicklung (FS INGE) bitten Sie, den im ` +
      `INSEK-Monitor Sachsen erfassten Stand des integrierten Stadtentwicklungskonzepts für ${input.municipalityName} ` +
      `(AGS ${input.ags}) zu prüfen.`,
    "",
    "Derzeit erfasst:",
    `  Status: ${STATUS_LABELS[record.status]}${record.conceptKind ? ` (${record.conceptKind})` : ""}`,
  ];
  if (record.statusSince) lines.push(`  Stand seit: ${calendarDate(record.statusSince)}`);
  if (record.councilResolutionDate) lines.push(`  Ratsbeschluss vom: ${calendarDate(record.councilResolutionDate)}`);
  if (record.currentUntil) {
    // Current until that day inclusive; an expired concept is named by the day it expired (glossary: abgelaufen seit).
    lines.push(record.current ? `  Aktuell bis: ${calendarDate(record.currentUntil)}` : `  Abgelaufen seit: ${calendarDate(dayAfter(record.currentUntil))}`);
  }
  if (record.horizonYear) lines.push(`  Zieljahr: ${record.horizonYear}`);
  if (record.documentUrl) lines.push(`  Dokument: ${record.documentUrl}`);
  lines.push(
    `  Zuletzt geändert oder bestätigt: ${record.lastActivityAt ? germanDate.format(new Date(record.lastActivityAt)) : "noch nie"}`,
  );
  if (input.message) lines.push("", "Nachricht:", input.message);
  lines.push(
    "",
    "Über den folgenden Link können Sie ohne Anmeldung bestätigen, dass der Stand unverändert gilt, oder eine Änderung melden:",
    "",
    input.link,
    "",
    `Der Link kann einmal verwendet werden und gilt bis zum ${germanDateTime.format(input.expiresAt)} Uhr. ` +
      "Änderungen zu einem beschlossenen oder in Fortschreibung befindlichen Konzept prüft FS INGE, bevor sie übernommen werden.",
    "",
    "Bitte leiten Sie diese E-Mail nicht weiter: Wer den Link kennt, kann den Stand Ihrer Gemeinde melden.",
    "",
    "Mit freundlichen Grüßen",
    "INSEK-Monitor Sachsen",
  );
  return { subject: `INSEK-Monitor Sachsen: Bitte prüfen Sie den INSEK-Stand von ${input.municipalityName}`, text: lines.join("\n") };
}
