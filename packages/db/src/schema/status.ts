import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { concepts, documents } from "./concepts.js";
import { municipalities } from "./registry.js";

/**
 * How an event reached the history (decision 0024): a signed-in session or an API token (the single write
 * and the review of an update request), the bulk import, an answer through an update-request link, the
 * demo seeder, a system write (no account), or "unknown" for rows older than this column whose channel
 * was never stored.
 */
export const RECORDED_VIA = ["session", "api_token", "import", "update_request", "demo", "system", "unknown"] as const;
export type RecordedVia = (typeof RECORDED_VIA)[number];

/**
 * The INSEK history: one row per status change or confirmation. Append-only: a database trigger
 * refuses UPDATE, DELETE and TRUNCATE (migration 0001); a correction is a new row naming the row it
 * supersedes.
 */
export const statusEvents = pgTable(
  "status_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    type: text("type", { enum: ["status", "confirmation"] }).notNull(),
    status: text("status", { enum: ["none", "drafting", "council_adopted", "funding_eligible", "updating"] }),
    conceptKind: text("concept_kind", { enum: ["INSEK", "INGEKO"] }),
    effectiveDate: date("effective_date", { mode: "string" }).notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /**
     * Before decision 0024: an account id or "update-request:<id>" in one text column. Still written (the
     * widen step); readers use the typed columns below, and a later release drops it.
     */
    recordedBy: text("recorded_by"),
    /** The account that recorded it; null for a link answer, the demo seeder and system writes. */
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    /** The channel (RECORDED_VIA). */
    recordedVia: text("recorded_via", { enum: RECORDED_VIA }).notNull().default("unknown"),
    /**
     * The update request behind the event (a link answer, or the review of one). No foreign key: the
     * update request names its event (update_requests.event_id), and a key both ways would be a cycle.
     */
    updateRequestId: bigint("update_request_id", { mode: "number" }),
    source: text("source", { enum: ["municipality", "fs_inge", "smr", "import"] }).notNull(),
    note: text("note"),
    /** An internal note is shown to SMR and FS INGE only, never to municipalities or the public. */
    noteInternal: boolean("note_internal").notNull().default(false),
    councilResolutionDate: date("council_resolution_date", { mode: "string" }),
    documentUrl: text("document_url"),
    horizonYear: integer("horizon_year"),
    supersedes: bigint("supersedes", { mode: "number" }).references((): AnyPgColumn => statusEvents.id),
    /** The record version this event produced (1, 2, …) per municipality. */
    version: integer("version").notNull(),
    /**
     * The concept record the event belongs to (decision 0027): written with a council resolution recorded on
     * a concept, or set once by migration 0016 for the history before concepts existed. Null: none.
     */
    conceptId: bigint("concept_id", { mode: "number" }).references(() => concepts.id),
  },
  (t) => [
    index("status_events_timeline_idx").on(t.ags, t.effectiveDate, t.id),
    // The per-municipality lookups of the record on a date (recordsOn, apps/api records.sql.ts),
    // one probe each: latest status and latest adoption without walking past the confirmations
    // (~90 % of the rows), last activity and last confirmation as max(recorded_at) below a bound.
    index("status_events_status_idx").on(t.ags, t.effectiveDate, t.id).where(sql`${t.type} = 'status'`),
    index("status_events_adopted_idx")
      .on(t.ags, t.effectiveDate, t.id)
      .where(sql`${t.type} = 'status' and ${t.status} = 'council_adopted'`),
    index("status_events_activity_idx").on(t.ags, t.recordedAt),
    index("status_events_confirmed_idx").on(t.ags, t.recordedAt).where(sql`${t.type} = 'confirmation'`),
    index("status_events_concept_idx").on(t.conceptId).where(sql`${t.conceptId} is not null`),
    uniqueIndex("status_events_supersedes_uq").on(t.supersedes),
    uniqueIndex("status_events_version_uq").on(t.ags, t.version),
    check("status_events_status_presence", sql`(${t.type} = 'status') = (${t.status} is not null)`),
    check("status_events_horizon", sql`${t.horizonYear} is null or ${t.horizonYear} between 1990 and 2100`),
    check("status_events_recorded_via", sql`${t.recordedVia} in ('session', 'api_token', 'import', 'update_request', 'demo', 'system', 'unknown')`),
    check("status_events_effective_range", sql`${t.effectiveDate} >= date '1990-01-01'`),
  ],
);

/**
 * A member council's resolution adopting a concept (decision 0027). Recording one writes the member's
 * status event (council_adopted, carrying the concept's id) in the same transaction; an area concept's
 * resolution writes none (`status_event_id` null: the INSEK status is the town-wide concept's).
 */
export const conceptResolutions = pgTable(
  "concept_resolutions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conceptId: bigint("concept_id", { mode: "number" })
      .notNull()
      .references(() => concepts.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    date: date("date", { mode: "string" }).notNull(),
    decisionNumber: text("decision_number"),
    /** The body that resolved (Stadtrat, Gemeinderat, Verbandsversammlung …). */
    body: text("body"),
    documentId: bigint("document_id", { mode: "number" }).references(() => documents.id),
    statusEventId: bigint("status_event_id", { mode: "number" }).references(() => statusEvents.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    recordedBy: uuid("recorded_by").references(() => users.id),
  },
  (t) => [
    index("concept_resolutions_concept_idx").on(t.conceptId, t.ags, t.date),
    index("concept_resolutions_ags_idx").on(t.ags),
    uniqueIndex("concept_resolutions_event_uq").on(t.statusEventId),
  ],
);

/** Small key-value settings the application keeps in the database (e.g. that demo data was seeded). */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
