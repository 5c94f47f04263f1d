import {
  CONCEPT_KINDS,
  type ConceptKind,
  ERROR_CODES,
  EVENT_IMPORT_COLUMNS,
  EVENT_SOURCES,
  type EventImportField,
  type EventInput,
  type EventSource,
  SOURCE_IMPORT_LABELS,
  STATUSES,
  STATUS_IMPORT_LABELS,
  type Status,
  agsSchema,
  eventInputSchema,
  isoDateSchema,
} from "@insek/contracts";
import { quoteOf } from "../../lib/uploads/upload-limits.js";
import { ImportUnreadableError } from "./read-table.js";

export interface ImportRowError {
  field: string;
  code: string;
  message: string;
}

export interface ParsedRow {
  ags: string | null;
  /** The event the row asks for; absent when the row itself is malformed (see `errors`). */
  input?: EventInput;
  errors: ImportRowError[];
}

export type ColumnIndex = Partial<Record<EventImportField, number>>;

const FIELDS = Object.keys(EVENT_IMPORT_COLUMNS) as EventImportField[];

function normalise(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, " ");
}

/** Where each known column is (German header or English field name, any case); other columns are ignored. */
export function columnsOf(header: string[]): ColumnIndex {
  const columns: ColumnIndex = {};
  header.forEach((name, index) => {
    const key = normalise(name);
    const field = FIELDS.find((f) => normalise(EVENT_IMPORT_COLUMNS[f]) === key || f.toLowerCase() === key);
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const missing = (["ags", "status"] as const).filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    throw new ImportUnreadableError(
      `Missing column ${missing.map((f) => `"${EVENT_IMPORT_COLUMNS[f]}"`).join(" and ")} in the first line ` +
        `(expected: ${FIELDS.map((f) => EVENT_IMPORT_COLUMNS[f]).join("; ")})`,
    );
  }
  return columns;
}

/** The import column a request field (or a `body.<field>` issue path) belongs to. */
export function columnOf(pathOrField: string): string {
  const field = pathOrField.replace(/^body\.?/, "").split(".")[0] ?? "";
  return field in EVENT_IMPORT_COLUMNS ? EVENT_IMPORT_COLUMNS[field as EventImportField] : field || EVENT_IMPORT_COLUMNS.ags;
}

/** YYYY-MM-DD or DD.MM.YYYY (day and month may have one digit). */
export function parseDate(text: string): string | undefined {
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = german ? `${german[3]}-${german[2]?.padStart(2, "0")}-${german[1]?.padStart(2, "0")}` : text;
  return isoDateSchema.safeParse(iso).success ? iso : undefined;
}

function lookup<T extends string>(text: string, keys: readonly T[], labels: Record<string, T>): T | undefined {
  const key = normalise(text);
  return keys.find((k) => k.toLowerCase() === key) ?? labels[key];
}

/** Turns one data row into the body the POST route would take, or says which cells are wrong. */
export function parseRow(cells: string[], columns: ColumnIndex): ParsedRow {
  const cell = (field: EventImportField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const errors: ImportRowError[] = [];
  const fail = (field: EventImportField, message: string, code: string = ERROR_CODES.validation) => {
    errors.push({ field: EVENT_IMPORT_COLUMNS[field], code, message });
    return undefined;
  };

  const agsText = cell("ags");
  const ags = agsText === "" ? fail("ags", "required") : agsSchema.safeParse(agsText).success ? agsText : fail("ags", "must be an 8-digit AGS", ERROR_CODES.invalidAgs);

  const statusText = cell("status");
  const status: Status | undefined =
    statusText === ""
      ? fail("status", "required")
      : (lookup(statusText, STATUSES, STATUS_IMPORT_LABELS) ??
        fail("status", `unknown status "${quoteOf(statusText)}" (e.g. in Erstellung, beschlossen, in Fortschreibung)`));

  const kindText = cell("conceptKind");
  const conceptKind: ConceptKind | undefined =
    kindText === "" ? undefined : (lookup(kindText, CONCEPT_KINDS, {}) ?? fail("conceptKind", "must be INSEK or INGEKO"));

  const date = (field: "effectiveDate" | "councilResolutionDate") => {
    const text = cell(field);
    return text === "" ? undefined : (parseDate(text) ?? fail(field, `"${quoteOf(text)}" is no date (YYYY-MM-DD or DD.MM.YYYY)`));
  };
  const effectiveDate = date("effectiveDate");
  const councilResolutionDate = date("councilResolutionDate");

  const horizonText = cell("horizonYear");
  const horizonYear = horizonText === "" ? undefined : /^\d{4}$/.test(horizonText) ? Number(horizonText) : fail("horizonYear", "must be a year");

  const sourceText = cell("source");
  const source: EventSource | undefined =
    sourceText === ""
      ? "import"
      : (lookup(sourceText, EVENT_SOURCES, SOURCE_IMPORT_LABELS) ?? fail("source", `must be one of ${EVENT_SOURCES.join(", ")}`));

  if (errors.length > 0 || status === undefined || source === undefined) return { ags: quoteOf(agsText) || null, errors };

  const candidate = {
    type: "status",
    status,
    source,
    ...(conceptKind ? { conceptKind } : {}),
    ...(effectiveDate ? { effectiveDate } : {}),
    ...(councilResolutionDate ? { councilResolutionDate } : {}),
    ...(horizonYear !== undefined ? { horizonYear } : {}),
    ...(cell("documentUrl") ? { documentUrl: cell("documentUrl") } : {}),
    ...(cell("note") ? { note: cell("note") } : {}),
  };
  const parsed = eventInputSchema.safeParse(candidate);
  if (!parsed.success) {
    return {
      ags: quoteOf(agsText) || null,
      errors: parsed.error.issues.map((i) => ({ field: columnOf(String(i.path[0] ?? "")), code: ERROR_CODES.validation, message: i.message })),
    };
  }
  return { ags: ags ?? null, input: parsed.data, errors: [] };
}
