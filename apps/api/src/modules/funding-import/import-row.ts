import { MEASURE_IMPORT_ROW_CODES, type MeasureState, agsSchema } from "@insek/contracts";
import { searchText } from "@insek/refdata";
import { quoteOf } from "../../lib/uploads/upload-limits.js";
import { parseEuroCents } from "./amounts.js";
import { MEASURE_IMPORT_COLUMNS, type MeasureImportColumn, type MeasureImportColumns } from "./import-columns.js";

export interface ImportRowIssue {
  field: string;
  code: string;
  message: string;
}

/** The cells of one row, read and checked on their own (the municipality and the programme are looked up later). */
export interface MeasureRowCells {
  /** Null: the Land column is absent or empty (the row is taken as Saxon). */
  land: string | null;
  municipality: string;
  name: string;
  programme: string;
  amountCents: number | undefined;
  ags: string | undefined;
  year: number | undefined;
  district: string | undefined;
  area: string | undefined;
  state: MeasureState | undefined;
  errors: ImportRowIssue[];
}

/** The Zustand of the programme lists (and the English keys). */
const STATES: Record<string, MeasureState> = {
  laufend: "running",
  running: "running",
  ruhend: "paused",
  paused: "paused",
  ausfinanziert: "fully_funded",
  fully_funded: "fully_funded",
  abgerechnet: "settled",
  settled: "settled",
};

const SAXONY = new Set(["sachsen", "freistaat sachsen", "sn", "sax", "14"]);

function folded(text: string): string {
  const [transliterated] = searchText([text]).split("\n").reverse();
  return (transliterated ?? "").replace(/\s+/g, " ").trim();
}

/** The Land cell names Saxony ("Sachsen", "Freistaat Sachsen", "SN", "14"). */
export function isSaxony(land: string): boolean {
  return SAXONY.has(folded(land).replace(/[^a-z0-9 ]/g, "").trim());
}

export const header = (column: MeasureImportColumn) => MEASURE_IMPORT_COLUMNS[column].header;

/** The cells of a row as text, by column (empty for a column the file lacks). */
export function cellReader(cells: readonly string[], columns: MeasureImportColumns) {
  return (column: MeasureImportColumn) => {
    const index = columns[column];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
}

const MAX_TEXT = 300;

/** One data row's cells, checked (`year`: the list's year when the file has no Jahr column). */
export function readMeasureRow(cell: (column: MeasureImportColumn) => string, listYear: number | undefined): MeasureRowCells {
  const errors: ImportRowIssue[] = [];
  const fail = (column: MeasureImportColumn, code: string, message: string) => {
    errors.push({ field: header(column), code, message });
    return undefined;
  };
  const text = (column: MeasureImportColumn, required: boolean) => {
    const value = cell(column).replace(/\s+/g, " ");
    if (value === "") return required ? (fail(column, MEASURE_IMPORT_ROW_CODES.required, "required"), "") : "";
    if (value.length > MAX_TEXT) return fail(column, MEASURE_IMPORT_ROW_CODES.tooLong, `at most ${MAX_TEXT} characters`) ?? "";
    return value;
  };

  const land = cell("land") === "" ? null : cell("land");
  const municipality = text("municipality", cell("ags") === "");
  const name = text("name", true);
  const programme = text("programme", true);
  const amountText = cell("amount");
  const amountCents =
    amountText === ""
      ? fail("amount", MEASURE_IMPORT_ROW_CODES.required, "required")
      : (parseEuroCents(amountText) ??
        fail("amount", MEASURE_IMPORT_ROW_CODES.amountInvalid, `"${quoteOf(amountText)}" is no amount in euros (e.g. 1.234.567,89 or 1234567)`));

  const agsText = cell("ags");
  const ags = agsText === "" ? undefined : agsSchema.safeParse(agsText).success ? agsText : fail("ags", MEASURE_IMPORT_ROW_CODES.invalidAgs, "must be an 8-digit AGS");

  const yearText = cell("year");
  const year =
    yearText === ""
      ? (listYear ?? fail("year", MEASURE_IMPORT_ROW_CODES.yearMissing, "no Jahr column, no year in the query (?year=) or the file name"))
      : /^\d{4}$/.test(yearText) && Number(yearText) >= 1990 && Number(yearText) <= 2100
        ? Number(yearText)
        : fail("year", MEASURE_IMPORT_ROW_CODES.yearInvalid, `"${quoteOf(yearText)}" is no year between 1990 and 2100`);

  const stateText = cell("state");
  const state =
    stateText === ""
      ? undefined
      : (STATES[folded(stateText).replace(/ /g, "_")] ??
        fail("state", MEASURE_IMPORT_ROW_CODES.stateUnknown, `unknown state "${quoteOf(stateText)}" (laufend, ruhend, ausfinanziert, abgerechnet)`));

  const district = cell("district") || undefined;
  const area = text("area", false) || undefined;
  return { land, municipality, name, programme, amountCents, ags, year, district, area, state, errors };
}

/** The year a file name states ("Programmliste_2024.xlsx"), if exactly one. */
export function yearOfFileName(fileName: string | undefined): number | undefined {
  const years = [...(fileName ?? "").matchAll(/(?<!\d)(19[9]\d|20\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  return new Set(years).size === 1 ? years[0] : undefined;
}
