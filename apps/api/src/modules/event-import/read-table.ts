import { ERROR_CODES } from "@insek/contracts";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { AppError } from "../../lib/errors.js";
import { checkUpload } from "../../lib/uploads/check-upload.js";
import { TABLE_LIMITS, type TableLimits, UPLOAD_KINDS, UploadContentError, quoteOf } from "../../lib/uploads/upload-limits.js";
import { ArchiveUnreadableError } from "../../lib/uploads/zip-bounds.js";

/** The cells of an import file as text: the header and each non-empty data row with its line number. */
export interface Table {
  header: string[];
  /** `line`: 1-based line of the file (CSV) or row of the sheet (XLSX); the header is line 1. */
  rows: { line: number; cells: string[] }[];
}

export type TableFormat = "csv" | "xlsx";

export class ImportUnreadableError extends AppError {
  constructor(message: string) {
    super(400, ERROR_CODES.importUnreadable, message);
  }
}

/**
 * The table of an import file, read only after the file passed the bounds of its kind
 * (lib/uploads: size, magic bytes, what an XLSX unpacks to, rows, columns, cell length).
 */
export async function readTable(format: TableFormat, data: Buffer, limits: TableLimits = TABLE_LIMITS): Promise<Table> {
  if (data.length === 0) throw new ImportUnreadableError("The file is empty");
  try {
    await checkUpload(format === "csv" ? UPLOAD_KINDS.csv : UPLOAD_KINDS.spreadsheet, data);
  } catch (error) {
    if (error instanceof ArchiveUnreadableError) throw new ImportUnreadableError("The file is not a readable XLSX workbook");
    throw error;
  }
  const table = format === "csv" ? readCsv(data, limits) : await readXlsx(data);
  if (table.header.every((h) => h === "")) throw new ImportUnreadableError("The first line holds no column headers");
  checkTable(table, limits);
  return table;
}

/** Rows, columns and cell lengths of a table read (the XLSX checks ran on its XML already; CSV's run here). */
export function checkTable(table: Table, limits: TableLimits): void {
  if (table.rows.length > limits.maxRows) {
    throw new UploadContentError(ERROR_CODES.tooManyRows, `An import takes at most ${limits.maxRows} rows`);
  }
  for (const cells of [table.header, ...table.rows.map((r) => r.cells)]) {
    if (cells.length > limits.maxColumns) {
      throw new UploadContentError(ERROR_CODES.tooManyColumns, `A line holds more than ${limits.maxColumns} columns`);
    }
    if (cells.some((c) => c.length > limits.maxCellChars)) {
      throw new UploadContentError(ERROR_CODES.cellTooLong, `A cell holds more than ${limits.maxCellChars} characters`);
    }
  }
}

/** Refuses a text whose lines are longer than the limit, before a parser builds its fields. */
function checkLineLengths(text: string, limits: TableLimits): void {
  let start = 0;
  for (;;) {
    const end = text.indexOf("\n", start);
    const length = (end === -1 ? text.length : end) - start;
    if (length > limits.maxLineChars) {
      throw new UploadContentError(ERROR_CODES.lineTooLong, `A line holds more than ${limits.maxLineChars} characters`);
    }
    if (end === -1) return;
    start = end + 1;
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** CSV in UTF-8 (with or without BOM), separated by semicolons or commas (whichever the header line uses). */
export function readCsv(data: Buffer, limits: TableLimits = TABLE_LIMITS): Table {
  let text: string;
  try {
    text = utf8.decode(data);
  } catch {
    throw new ImportUnreadableError('The file is not UTF-8 text: save it as "CSV UTF-8"');
  }
  checkLineLengths(text, limits);
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = count(firstLine, ";") >= count(firstLine, ",") ? ";" : ",";
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // A quoted field may span lines: bound it too. Read one record past the limit, to know it is passed.
      max_record_size: limits.maxLineChars,
      to: limits.maxRows + 2,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "CSV_MAX_RECORD_SIZE") {
      throw new UploadContentError(ERROR_CODES.cellTooLong, `A cell holds more than ${limits.maxLineChars} characters`);
    }
    throw new ImportUnreadableError(`The file is not readable as CSV: ${quoteOf(error instanceof Error ? error.message : "unknown error")}`);
  }
  const [first, ...rest] = records;
  if (!first) throw new ImportUnreadableError("The file holds no lines");
  return {
    header: first.record,
    rows: rest.filter(({ record }) => record.some((c) => c !== "")).map(({ record, info }) => ({ line: info.lines, cells: record })),
  };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The first worksheet of an XLSX workbook; row 1 is the header. */
export async function readXlsx(data: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own Buffer type; at run time it takes Node's.
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new ImportUnreadableError("The workbook holds no worksheet");
    // The widest row: a sheet may open with a title line narrower than its header (the bounds limit the columns).
    let width = 0;
    sheet.eachRow({ includeEmpty: false }, (row) => {
      width = Math.max(width, row.cellCount);
    });
    const cellsOf = (row: ExcelJS.Row) => Array.from({ length: width }, (_, i) => cellText(row.getCell(i + 1).value));
    const rows: Table["rows"] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      if (number === 1) return;
      const cells = cellsOf(row);
      if (cells.some((c) => c !== "")) rows.push({ line: number, cells });
    });
    return { header: cellsOf(sheet.getRow(1)), rows };
  } catch (error) {
    if (error instanceof ImportUnreadableError) throw error;
    throw new ImportUnreadableError("The file is not a readable XLSX workbook");
  }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if ("richText" in value) return value.richText.map((r) => r.text).join("").trim();
  if ("hyperlink" in value) return (/^https?:/i.test(value.hyperlink) ? value.hyperlink : value.text).trim();
  if ("result" in value) return cellText(value.result);
  if ("error" in value) return "";
  return "";
}
