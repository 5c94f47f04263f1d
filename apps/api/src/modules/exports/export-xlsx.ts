import ExcelJS from "exceljs";
import type { CellValue, Column, ColumnKind } from "./export-columns.js";
import { berlinWallClock } from "./berlin-time.js";

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  integer: "0",
  decimal: "#,##0.00",
  date: "dd.mm.yyyy",
  timestamp: "dd.mm.yyyy hh:mm",
};

function typedCell(kind: ColumnKind, value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  switch (kind) {
    case "flag":
      return value === true ? "ja" : "nein";
    case "integer":
    case "decimal":
      return Number(value);
    case "date":
      return new Date(`${String(value)}T00:00:00Z`);
    case "timestamp":
      return berlinWallClock(String(value));
    case "url":
      // Only web links become clickable; anything else stays plain text.
      return /^https?:\/\//i.test(String(value)) ? { text: String(value), hyperlink: String(value) } : String(value);
    default:
      // Strings are written as text cells, never as formulas, so no apostrophe is needed here.
      return String(value);
  }
}

export interface XlsxNotes {
  title: string;
  lines: [label: string, value: string | Date | number][];
}

/**
 * A workbook with the data sheet (typed cells, bold frozen header, autofilter) and a sheet
 * "Hinweise" with the date, the rules and the data credits.
 */
export async function toXlsx<T>(
  sheetName: string,
  columns: Column<T>[],
  rows: readonly T[],
  notes: XlsxNotes,
  createdAt: Date,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "INSEK-Monitor Sachsen";
  workbook.created = createdAt;
  workbook.modified = createdAt;

  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: "frozen", xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(NUMBER_FORMATS[c.kind] ? { style: { numFmt: NUMBER_FORMATS[c.kind] } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(columns.map((c) => typedCell(c.kind, c.value(row))));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };

  const info = workbook.addWorksheet("Hinweise");
  info.columns = [{ width: 28 }, { width: 110 }];
  info.addRow([notes.title]).font = { bold: true, size: 14 };
  info.addRow([]);
  for (const [label, value] of notes.lines) {
    const row = info.addRow([label, value]);
    row.getCell(1).font = { bold: true };
    if (value instanceof Date) row.getCell(2).numFmt = "dd.mm.yyyy";
    row.getCell(2).alignment = { wrapText: true, vertical: "top", horizontal: "left" };
    row.getCell(1).alignment = { vertical: "top" };
  }

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
