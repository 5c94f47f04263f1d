import { stringify } from "csv-stringify/sync";
import type { CellValue, Column, ColumnKind } from "./export-columns.js";
import { berlinDateTime } from "./berlin-time.js";

/** A cell that spreadsheet programs would run as a formula (=, +, -, @; tab and CR per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Defuses CSV formula injection: such a cell gets a leading apostrophe, so it is shown as text. */
export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function formatCell(kind: ColumnKind, value: CellValue): string {
  if (value === null) return "";
  switch (kind) {
    case "flag":
      return value === true ? "ja" : "nein";
    case "decimal":
      // German Excel reads a decimal comma; the thousands separator is left out on purpose.
      return String(value).replace(".", ",");
    case "timestamp":
      return berlinDateTime(String(value));
    case "freeText":
    case "url":
      return neutraliseFormula(String(value));
    default:
      return String(value);
  }
}

/**
 * CSV for German Excel: UTF-8 with BOM, semicolon-separated, CRLF, one header row and no comment
 * lines; numbers with a decimal comma, dates as YYYY-MM-DD, times as YYYY-MM-DD HH:MM (Europe/Berlin).
 */
export function toCsv<T>(columns: Column<T>[], rows: readonly T[]): string {
  const records = rows.map((row) => columns.map((c) => formatCell(c.kind, c.value(row))));
  return stringify([columns.map((c) => c.header), ...records], {
    bom: true,
    delimiter: ";",
    record_delimiter: "windows",
    eof: true,
  });
}
