import type { Consultation, ConsultationKind, ConsultationStats, ConsultationTopic } from "@insek/contracts";
import ExcelJS from "exceljs";
import { berlinDateTime } from "../exports/berlin-time.js";

export const KIND_LABELS: Record<ConsultationKind, string> = {
  phone: "Telefonberatung",
  on_site: "Erstberatung vor Ort",
  seminar: "Seminar/Workshop",
  email: "E-Mail",
  video: "Videokonferenz",
};

export const TOPIC_LABELS: Record<ConsultationTopic, string> = {
  preparation: "Erstellung",
  update: "Fortschreibung",
  participation: "Beteiligung",
  funding: "Förderung",
  other: "Sonstiges",
};

type Kind = "text" | "integer" | "date" | "flag";
interface Column<T> {
  header: string;
  width: number;
  kind: Kind;
  value: (row: T) => string | number | boolean | null;
}

const NUMBER_FORMATS: Partial<Record<Kind, string>> = { integer: "0", date: "dd.mm.yyyy" };

function cell(kind: Kind, value: string | number | boolean | null): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === "flag") return value === true ? "ja" : "nein";
  if (kind === "integer") return Number(value);
  if (kind === "date") return new Date(`${String(value)}T00:00:00Z`);
  // Text cells, never formulas.
  return String(value);
}

/** A data sheet as in the municipality export: typed cells, bold frozen header, autofilter. */
function addTable<T>(workbook: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: readonly T[]): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => cell(c.kind, c.value(row))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
}

export interface ReportInput {
  title: string;
  stats: ConsultationStats;
  consultations: Consultation[];
  createdAt: Date;
}

/**
 * The quarterly activity report: "Übersicht" (range and totals), "Monate", "Beratungsarten",
 * "Landkreise" and "Beratungen" (every consultation of the range, internal ones marked).
 */
export async function consultationsReportXlsx({ title, stats, consultations, createdAt }: ReportInput): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "INSEK-Monitor Sachsen";
  workbook.created = createdAt;
  workbook.modified = createdAt;

  const summary = workbook.addWorksheet("Übersicht");
  summary.columns = [{ width: 30 }, { width: 90 }];
  summary.addRow([title]).font = { bold: true, size: 14 };
  summary.addRow([]);
  const internal = consultations.filter((c) => c.internal).length;
  const lines: [string, string | number | Date][] = [
    ["Von", new Date(`${stats.from}T00:00:00Z`)],
    ["Bis", new Date(`${stats.to}T00:00:00Z`)],
    ["Erstellt", `${berlinDateTime(createdAt.toISOString())} (Europe/Berlin)`],
    ["Beratungen", stats.total],
    ["Erreichte Gemeinden", stats.municipalitiesReached],
    ["davon intern", internal],
    [
      "Hinweise",
      "Gezählt werden alle nicht zurückgezogenen Beratungen im Zeitraum, interne eingeschlossen (im Blatt " +
        "„Beratungen“ gekennzeichnet). Erreichte Gemeinden zählen jede Gemeinde einmal: ein Seminar mit 12 Gemeinden " +
        "erreicht 12. Eine Beratung mit Gemeinden aus mehreren Landkreisen zählt in jedem dieser Landkreise.",
    ],
  ];
  for (const [label, value] of lines) {
    const row = summary.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = "dd.mm.yyyy";
    row.getCell(2).alignment = { wrapText: true, vertical: "top", horizontal: "left" };
    row.getCell(1).alignment = { vertical: "top" };
  }

  addTable(
    workbook,
    "Monate",
    [
      { header: "Monat", width: 12, kind: "text", value: (r) => r.month },
      { header: "Beratungen", width: 14, kind: "integer", value: (r) => r.consultations },
      { header: "Erreichte Gemeinden", width: 20, kind: "integer", value: (r) => r.municipalitiesReached },
    ],
    stats.perMonth,
  );
  addTable(
    workbook,
    "Beratungsarten",
    [
      { header: "Beratungsart", width: 24, kind: "text", value: (r) => KIND_LABELS[r.kind] },
      { header: "Beratungen", width: 14, kind: "integer", value: (r) => r.consultations },
    ],
    stats.perKind,
  );
  addTable(
    workbook,
    "Landkreise",
    [
      { header: "Schlüssel", width: 10, kind: "text", value: (r) => r.districtKey },
      { header: "Landkreis / Kreisfreie Stadt", width: 36, kind: "text", value: (r) => r.name },
      { header: "Beratungen", width: 14, kind: "integer", value: (r) => r.consultations },
      { header: "Erreichte Gemeinden", width: 20, kind: "integer", value: (r) => r.municipalitiesReached },
    ],
    stats.perDistrict,
  );
  addTable<Consultation>(
    workbook,
    "Beratungen",
    [
      { header: "Datum", width: 12, kind: "date", value: (c) => c.date },
      { header: "Beratungsart", width: 22, kind: "text", value: (c) => KIND_LABELS[c.kind] },
      { header: "Gemeinden", width: 40, kind: "text", value: (c) => c.municipalities.map((m) => m.name).join("; ") },
      { header: "AGS", width: 30, kind: "text", value: (c) => c.municipalities.map((m) => m.ags).join("; ") },
      { header: "Anzahl Gemeinden", width: 10, kind: "integer", value: (c) => c.municipalities.length },
      {
        header: "Themen",
        width: 30,
        kind: "text",
        value: (c) => c.topics.map((t) => (t === "other" && c.topicOther ? `${TOPIC_LABELS[t]} (${c.topicOther})` : TOPIC_LABELS[t])).join("; "),
      },
      { header: "Zusammenfassung", width: 60, kind: "text", value: (c) => c.summary },
      { header: "Nächster Schritt", width: 40, kind: "text", value: (c) => c.nextStep },
      { header: "Nächster Kontakt", width: 14, kind: "date", value: (c) => c.nextContactDate },
      { header: "Intern", width: 8, kind: "flag", value: (c) => c.internal },
      { header: "Beraterin / Berater", width: 28, kind: "text", value: (c) => c.advisor.displayName },
    ],
    consultations,
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
