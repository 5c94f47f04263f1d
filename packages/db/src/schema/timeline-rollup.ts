import { sql } from "drizzle-orm";
import { bigint, check, date, integer, pgTable, primaryKey, smallint, text } from "drizzle-orm/pg-core";

/**
 * The statewide timeline's monthly roll-up (migration 0009, decision 0012): for every month before
 * the horizon, how the counts change in that month. Each stretch of a municipality's record (its time
 * without a status, then each status period, clipped to the municipality's existence) adds one
 * municipality and its population to its status in the month it starts and takes them away in the
 * month it ends; `covered_*` do the same for the part of the stretch in which its adoption is current
 * (up to resolution + `currency_years`). The count on a month end is the sum of all rows up to that
 * month. Only deltas on days before `horizon` are held, so the usual write (a status event effective
 * in the current month) never touches these rows.
 *
 * Written only by the API's rebuild (apps/api timeline-rollup.ts), never on the write path. Not in
 * backups: rebuilt on demand.
 */
export const timelineRollup = pgTable(
  "timeline_rollup",
  {
    /** First day of the month; `-infinity` for stretches that start before the registry's records begin. */
    month: date("month", { mode: "string" }).notNull(),
    status: text("status").notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    population: bigint("population", { mode: "number" }).notNull(),
    coveredCount: bigint("covered_count", { mode: "number" }).notNull(),
    coveredPopulation: bigint("covered_population", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.status] })],
);

/**
 * The roll-up's one state row. `version` is raised (in the writing transaction) by every change that
 * alters a delta before the horizon: a status event effective before it, any correction or bulk insert
 * (they re-derive whole histories), and registry changes of existence or population. The roll-up
 * answers only while `built_version = version`, for the rule `currency_years` it was built with.
 */
export const timelineRollupState = pgTable(
  "timeline_rollup_state",
  {
    id: smallint("id").primaryKey(),
    version: bigint("version", { mode: "number" }).notNull().default(0),
    builtVersion: bigint("built_version", { mode: "number" }),
    horizon: date("horizon", { mode: "string" }),
    currencyYears: integer("currency_years"),
  },
  (t) => [check("timeline_rollup_state_single_row", sql`${t.id} = 1`)],
);
