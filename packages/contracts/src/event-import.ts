import { z } from "zod";
import { errorResponseSchema } from "./errors.js";
import type { EventSource } from "./insek.js";
import { type Status, queryBooleanSchema } from "./vocabulary.js";

/** Content types accepted by POST /api/import/events (the file is the raw request body). */
export const EVENT_IMPORT_CONTENT_TYPES = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export const EVENT_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The columns of an import file (German headers, matched case-insensitively) and the event field each fills. */
export const EVENT_IMPORT_COLUMNS = {
  ags: "AGS",
  status: "Status",
  conceptKind: "Konzeptart",
  effectiveDate: "Wirksam ab",
  councilResolutionDate: "Ratsbeschluss",
  documentUrl: "Dokument",
  horizonYear: "Planungshorizont",
  note: "Notiz",
  source: "Quelle",
} as const;
export type EventImportField = keyof typeof EVENT_IMPORT_COLUMNS;

/** Status values an import file may use besides the English keys (compared case-insensitively). */
export const STATUS_IMPORT_LABELS: Record<string, Status> = {
  "keine angabe": "none",
  "kein konzept": "none",
  "in erstellung": "drafting",
  beschlossen: "council_adopted",
  "fördergrundlage": "funding_eligible",
  "als fördergrundlage anerkannt": "funding_eligible",
  "in fortschreibung": "updating",
};

/** Source values an import file may use besides the English keys (compared case-insensitively). */
export const SOURCE_IMPORT_LABELS: Record<string, EventSource> = {
  gemeinde: "municipality",
  kommune: "municipality",
  "fs inge": "fs_inge",
};

export const eventImportQuerySchema = z.object({
  dryRun: queryBooleanSchema.default(true).describe("true (default): check every row and write nothing"),
});
export type EventImportQuery = z.infer<typeof eventImportQuerySchema>;

export const eventImportRowSchema = z.object({
  /** Line of the file, 1-based, the header being line 1 (the sheet's row number in XLSX). */
  row: z.number().int(),
  ags: z.string().nullable(),
  ok: z.boolean(),
  /** `field` is the column header (e.g. "Wirksam ab"); `code` a stable error code. */
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export type EventImportRow = z.infer<typeof eventImportRowSchema>;

export const eventImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** True only when the rows were written (a real run in which every row passed). */
  applied: z.boolean(),
  rows: z.array(eventImportRowSchema),
  summary: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
});
export type EventImportResult = z.infer<typeof eventImportResultSchema>;

/** 422 IMPORT_INVALID: a real run in which some row failed; nothing was written. */
export const eventImportFailedSchema = errorResponseSchema.extend(eventImportResultSchema.shape);
export type EventImportFailed = z.infer<typeof eventImportFailedSchema>;
