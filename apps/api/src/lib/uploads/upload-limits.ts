import { ERROR_CODES, EVENT_IMPORT_MAX_BYTES } from "@insek/contracts";
import { AppError } from "../errors.js";

/**
 * What any upload may cost, in one place (docs/decisions/0015-upload-bounds.md). Each kind of upload
 * names its largest body, the content types its bytes must prove (by magic bytes, not by the header
 * the client sends) and, for archives and tables, how far it may unpack and how many rows, columns
 * and characters it may hold. Bounds are checked before a parser sees the file, and again while
 * inflating (an archive's directory can lie).
 */

/** Limits of an archive (ZIP container such as XLSX), checked on its directory and while inflating. */
export interface ArchiveLimits {
  maxEntries: number;
  /** Unpacked bytes of all entries together (declared and actual). */
  maxUnpackedBytes: number;
  /** Unpacked bytes per packed byte of one entry, for entries above `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
}

/** Limits of a table (CSV, or each worksheet of an XLSX workbook). */
export interface TableLimits {
  maxSheets: number;
  /** Data rows, the header not counted. */
  maxRows: number;
  maxColumns: number;
  /** Cells of all worksheets together (a workbook is read whole). */
  maxCells: number;
  maxCellChars: number;
  /** Characters of one physical line of a text table. */
  maxLineChars: number;
}

export interface UploadKind {
  maxBytes: number;
  /** MIME types the content must be detected as; `text` when it must be text (no known binary signature). */
  contentTypes: readonly string[];
  archive?: ArchiveLimits;
  table?: TableLimits;
}

const MB = 1024 * 1024;

/** Rows of one import file; what a person prepares by hand or exports from a spreadsheet. */
export const TABLE_LIMITS: TableLimits = {
  maxSheets: 16,
  maxRows: 10_000,
  maxColumns: 50,
  maxCells: 150_000,
  // The longest import field is the note (4,000 characters).
  maxCellChars: 4_000,
  maxLineChars: 64 * 1024,
};

export const UPLOAD_KINDS = {
  /** Bulk import of status events as XLSX. */
  spreadsheet: {
    maxBytes: EVENT_IMPORT_MAX_BYTES,
    contentTypes: ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
    archive: { maxEntries: 200, maxUnpackedBytes: 32 * MB, maxRatio: 200, ratioFloorBytes: MB },
    table: TABLE_LIMITS,
  },
  /** Bulk import of status events as CSV (UTF-8 text). */
  csv: { maxBytes: EVENT_IMPORT_MAX_BYTES, contentTypes: ["text"], table: TABLE_LIMITS },
  /** Concept documents (PDF), for the document upload the product gains. */
  document: { maxBytes: 25 * MB, contentTypes: ["application/pdf"] },
  /** Pictures (e.g. of a municipality), for the image upload the product gains. */
  image: { maxBytes: 10 * MB, contentTypes: ["image/png", "image/jpeg", "image/webp"] },
} as const satisfies Record<string, UploadKind>;

export type UploadKindName = keyof typeof UPLOAD_KINDS;

/** 413: the file, or what it unpacks to, is larger than its kind allows. */
export class UploadTooLargeError extends AppError {
  constructor(code: string, message: string) {
    super(413, code, message);
  }
}

/** 422: the file is readable but holds more (rows, columns, characters) than its kind allows. */
export class UploadContentError extends AppError {
  constructor(code: string, message: string) {
    super(422, code, message);
  }
}

/** 415: the bytes are not of a type the upload takes, whatever the Content-Type says. */
export class UploadTypeError extends AppError {
  constructor(message: string) {
    super(415, ERROR_CODES.contentTypeMismatch, message);
  }
}

/** A value of the file quoted back in an answer: never longer than this. */
export const QUOTE_MAX_CHARS = 200;

export function quoteOf(text: string, max = QUOTE_MAX_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}
