import { parse } from "csv-parse/sync";
import type { GrosseKreisstadt, TerritorialChange } from "./types.js";

type CsvRow = Record<string, string | undefined>;

function readRows(text: string, file: string, columns: readonly string[]): { row: CsvRow; line: number }[] {
  const rows = parse<CsvRow>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  const header = Object.keys(rows[0] ?? {});
  const missing = columns.filter((c) => !header.includes(c));
  if (rows.length > 0 && missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(", ")}`);
  // Row 1 is the header.
  return rows.map((row, index) => ({ row, line: index + 2 }));
}

function required(row: CsvRow, column: string, pattern: RegExp, where: string): string {
  const value = row[column] ?? "";
  if (!pattern.test(value)) throw new Error(`${where}: ${column} "${value}" is not valid`);
  return value;
}

const AGS = /^\d{8}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const NON_EMPTY = /\S/;

export function parseTerritorialChangesCsv(text: string): TerritorialChange[] {
  const file = "territorial-changes.csv";
  const columns = ["date", "dissolved_ags", "dissolved_name", "successor_ags", "successor_name", "kind"];
  return readRows(text, file, columns).map(({ row, line }) => {
    const where = `${file} line ${line}`;
    return {
      date: required(row, "date", DATE, where),
      dissolvedAgs: required(row, "dissolved_ags", AGS, where),
      dissolvedName: required(row, "dissolved_name", NON_EMPTY, where),
      successorAgs: required(row, "successor_ags", AGS, where),
      successorName: required(row, "successor_name", NON_EMPTY, where),
      kind: required(row, "kind", NON_EMPTY, where),
    };
  });
}

export function parseGrosseKreisstaedteCsv(text: string): GrosseKreisstadt[] {
  const file = "grosse-kreisstaedte.csv";
  return readRows(text, file, ["ags", "name", "since"]).map(({ row, line }) => {
    const where = `${file} line ${line}`;
    const since = row.since ?? "";
    return {
      ags: required(row, "ags", AGS, where),
      name: required(row, "name", NON_EMPTY, where),
      since: since === "" ? null : required(row, "since", DATE, where),
    };
  });
}
