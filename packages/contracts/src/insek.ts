import { z } from "zod";
import { type STATUSES, TEXT_ISSUE, agsSchema, conceptKindSchema, isWellFormedText, isoDateSchema, statusSchema, textSchema } from "./vocabulary.js";

export const EVENT_TYPES = ["status", "confirmation"] as const;
export const eventTypeSchema = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof eventTypeSchema>;

/** Who reported a change: the municipality itself, FS INGE, the ministry, or a bulk import. */
export const EVENT_SOURCES = ["municipality", "fs_inge", "smr", "import"] as const;
export const eventSourceSchema = z.enum(EVENT_SOURCES);
export type EventSource = z.infer<typeof eventSourceSchema>;

/** Statuses that mean an adopted concept exists (coverage counts them while the concept is current). */
export const ADOPTED_STATUSES = ["council_adopted", "funding_eligible", "updating"] as const satisfies readonly (typeof STATUSES)[number][];

/** The rules behind currency and staleness; returned with every figure that depends on them. */
export const rulesSchema = z.object({
  /** An adopted concept counts as current for this many years after its council resolution. */
  currencyYears: z.number().int(),
  /** "Expiring": current, but lapsing within this many months. */
  expiringMonths: z.number().int(),
  /** "Stale": nobody changed or confirmed the record for this many months. */
  staleMonths: z.number().int(),
  /**
   * "Fortschreibung empfohlen" (a soft flag on concepts, decision 0027): an adopted concept is older than this
   * many years (RULE_UPDATE_RECOMMENDED_YEARS, default 5). It never changes coverage or currency.
   */
  updateRecommendedYears: z.number().int().optional(),
});
export type Rules = z.infer<typeof rulesSchema>;

/** Body of POST /api/municipalities/:ags/events. */
const eventInputFields = z
  .object({
    type: eventTypeSchema,
    status: statusSchema.optional(),
    conceptKind: conceptKindSchema.optional(),
    effectiveDate: isoDateSchema.optional().describe("When it became true (default today); never in the future"),
    councilResolutionDate: isoDateSchema.nullish(),
    documentUrl: z
      .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
      .refine(isWellFormedText, TEXT_ISSUE)
      .max(2000)
      .nullish(),
    horizonYear: z.number().int().min(1990).max(2100).nullish(),
    note: textSchema.trim().max(4000).nullish(),
    /** An internal note is shown to SMR and FS INGE only. */
    noteInternal: z.boolean().optional(),
    source: eventSourceSchema.optional().describe("Who reported it; default: the recording account's own (smr, fs_inge, municipality)"),
    supersedes: z.number().int().positive().nullish().describe("Id of the event this one corrects"),
  })
  .strict();

function checkEventType(input: { type: EventType; status?: unknown }, ctx: z.RefinementCtx) {
  if (input.type === "status" && input.status === undefined) {
    ctx.addIssue({ code: "custom", path: ["status"], message: "required for a status event" });
  }
  if (input.type === "confirmation" && input.status !== undefined) {
    ctx.addIssue({ code: "custom", path: ["status"], message: "a confirmation changes no status" });
  }
}

export const eventInputSchema = eventInputFields.superRefine(checkEventType);

/**
 * A change sent through an update request's link (no account): the fields a municipality may give; no
 * source (it is "municipality"), no correction of an earlier event, no internal note.
 */
export const tokenEventInputSchema = eventInputFields
  .omit({ source: true, supersedes: true, noteInternal: true })
  .strict()
  .superRefine(checkEventType);
export type TokenEventInput = z.infer<typeof tokenEventInputSchema>;
export type EventInput = z.infer<typeof eventInputSchema>;

export const statusEventSchema = z.object({
  id: z.number().int(),
  ags: agsSchema,
  type: eventTypeSchema,
  status: statusSchema.nullable(),
  conceptKind: conceptKindSchema.nullable(),
  effectiveDate: isoDateSchema,
  recordedAt: z.string().describe("ISO 8601 timestamp (server clock)"),
  /** Name of the account that recorded it; shown to signed-in readers only. */
  recordedBy: z.string().nullable(),
  source: eventSourceSchema,
  /** Null for readers who may not see an internal note. */
  note: z.string().nullable(),
  noteInternal: z.boolean(),
  councilResolutionDate: isoDateSchema.nullable(),
  documentUrl: z.string().nullable(),
  horizonYear: z.number().int().nullable(),
  supersedes: z.number().int().nullable(),
  supersededBy: z.number().int().nullable(),
  /** The concept record this event belongs to (a council resolution recorded on a concept, or the migration's link); null: none. */
  conceptId: z.number().int().nullable(),
  /** The record version this event produced. */
  version: z.number().int(),
  /** Set when the event was recorded for a predecessor that merged into this municipality. */
  predecessor: z.object({ ags: agsSchema, name: z.string() }).nullable(),
});
export type StatusEvent = z.infer<typeof statusEventSchema>;

export const statusEventListSchema = z.object({ items: z.array(statusEventSchema) });

/** The state of one municipality's INSEK record on a date, derived from its history. */
export const insekRecordSchema = z.object({
  status: statusSchema,
  conceptKind: conceptKindSchema.nullable(),
  /** Effective date of the status. */
  statusSince: isoDateSchema.nullable(),
  /** Council resolution of the latest adoption on record. */
  councilResolutionDate: isoDateSchema.nullable(),
  /** Last day the adopted concept counts as current (resolution + currencyYears, minus one day). */
  currentUntil: isoDateSchema.nullable(),
  current: z.boolean(),
  expiring: z.boolean(),
  stale: z.boolean(),
  /** When somebody last changed or confirmed the record. */
  lastActivityAt: z.string().nullable(),
  lastConfirmedAt: z.string().nullable(),
  source: eventSourceSchema.nullable(),
  documentUrl: z.string().nullable(),
  horizonYear: z.number().int().nullable(),
  version: z.number().int(),
});
export type InsekRecord = z.infer<typeof insekRecordSchema>;

export const eventCreatedSchema = z.object({ event: statusEventSchema, version: z.number().int() });
