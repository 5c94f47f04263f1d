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

const CSV_OPTIONS = { delimiter: ";", record_delimiter: "windows", eof: true } as const;

/**
 * CSV for German Excel: UTF-8 with BOM, semicolon-separated, CRLF, one header row and no comment
 * lines; numbers with a decimal comma, dates as YYYY-MM-DD, times as YYYY-MM-DD HH:MM (Europe/Berlin).
 */
export function toCsv<T>(columns: Column<T>[], rows: readonly T[]): string {
  const records = rows.map((row) => columns.map((c) => formatCell(c.kind, c.value(row))));
  return stringify([columns.map((c) => c.header), ...records], { ...CSV_OPTIONS, bom: true });
}

/** The header row of toCsv (with the BOM), for a CSV written in parts. */
export function csvHeader<T>(columns: Column<T>[]): string {
  return stringify([columns.map((c) => c.header)], { ...CSV_OPTIONS, bom: true });
}

/** Body rows of toCsv, for a CSV written in parts after csvHeader. */
export function csvRows<T>(columns: Column<T>[], rows: readonly T[]): string {
  return stringify(
    rows.map((row) => columns.map((c) => formatCell(c.kind, c.value(row)))),
    CSV_OPTIONS,
  );
}

/** Rows formatted per slice before the event loop gets a turn (about 10 ms of work on a slow core). */
const ROWS_PER_SLICE = 250;

/**
 * The same bytes as toCsv, produced a slice of rows at a time with a turn of the event loop in between:
 * a large export then never holds up other requests (health probes, reads) for more than one slice.
 */
export async function* csvSlices<T>(columns: Column<T>[], rows: readonly T[]): AsyncGenerator<string> {
  yield stringify([columns.map((c) => c.header)], { ...CSV_OPTIONS, bom: true });
  for (let i = 0; i < rows.length; i += ROWS_PER_SLICE) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const records = rows.slice(i, i + ROWS_PER_SLICE).map((row) => columns.map((c) => formatCell(c.kind, c.value(row))));
    yield stringify(records, CSV_OPTIONS);
  }
}
