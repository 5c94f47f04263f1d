import { sql } from "drizzle-orm";
import {
  bigint,
  char,
  check,
  date,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * Two tables derived from `status_events` and nothing else, kept in step by a statement trigger on
 * every insert into the history (migration 0008, function `record_derive`), in the same transaction:
 * no code path can write an event without them. They hold facts of the history, never the rules
 * (currency, expiry and staleness are applied when reading), so a change of the rules needs no
 * rebuild. No foreign keys (every row comes from an event whose `ags` the history already checked, and
 * each would cost a check per derived row on the write path). Not in backups: a restore re-derives them from the restored history.
 * See docs/decisions/0011-derived-record-tables.md.
 */

/**
 * The record's status periods: per municipality, one row per live (not superseded) status event
 * that is in force for at least one day, from its effective date up to (excluding) the next one's;
 * the last one is open (`valid_to` null). The periods of a municipality are contiguous. Each period
 * carries the council resolution of the latest adoption in force (the latest `council_adopted` event
 * up to and including it, in effective-date-then-id order).
 */
export const recordPeriods = pgTable(
  "record_periods",
  {
    ags: char("ags", { length: 8 }).notNull(),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    status: text("status").notNull(),
    conceptKind: text("concept_kind"),
    source: text("source").notNull(),
    documentUrl: text("document_url"),
    horizonYear: integer("horizon_year"),
    councilResolutionDate: date("council_resolution_date", { mode: "string" }),
  },
  (t) => [
    primaryKey({ columns: [t.ags, t.validFrom] }),
    check("record_periods_nonempty", sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * The latest state of each municipality's record: the open status period (null while there is no
 * status event) and the last activity and confirmation ever recorded. A record on date D reads these
 * columns when they apply to D (the open period began on or before D; the last activity was
 * recorded before D ended in Berlin), which is always the case for today; otherwise it falls back to
 * `record_periods` and `status_events` (apps/api records.sql.ts).
 */
export const recordLatest = pgTable("record_latest", {
    ags: char("ags", { length: 8 }).primaryKey(),
    status: text("status"),
    conceptKind: text("concept_kind"),
    statusSince: date("status_since", { mode: "string" }),
    source: text("source"),
    documentUrl: text("document_url"),
    horizonYear: integer("horizon_year"),
    councilResolutionDate: date("council_resolution_date", { mode: "string" }),
    /** Start of the first status period: before it the record's status is "none". */
    firstStatusSince: date("first_status_since", { mode: "string" }),
    lastActivityAt: timestamp("last_activity_at", { withTimezone: true, mode: "string" }),
    lastConfirmedAt: timestamp("last_confirmed_at", { withTimezone: true, mode: "string" }),
});
