import { sql } from "drizzle-orm";
import { bigint, boolean, char, check, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { concepts } from "./concepts.js";
import { municipalities } from "./registry.js";

/*
 * Funding (issue 15, decision 0032): programmes with their requirements, the funded measures
 * (Gesamtmaßnahmen) of the municipalities and their yearly amounts. What is derived from them on a date
 * (at risk, eligible without a concept, the figures) is computed in apps/api/src/modules/funding/funding.repo.ts.
 * Migration 0019 also inserts the programmes every database starts with (stable ids).
 */

export const PROGRAMME_LEVEL_VALUES = ["eu", "federal", "land"] as const;
export const MEASURE_STATE_VALUES = ["running", "paused", "fully_funded", "settled"] as const;
/** Who made a measure: an account through the API, the file import, or the demo seeder. */
export const MEASURE_ORIGIN_VALUES = ["recorded", "import", "demo"] as const;

export const programmes = pgTable(
  "programmes",
  {
    /** Stable slug (e.g. `lebendige-zentren`): part of the public API. */
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    level: text("level", { enum: PROGRAMME_LEVEL_VALUES }).notNull(),
    periodFrom: integer("period_from"),
    periodTo: integer("period_to"),
    /** A current town-wide concept (INSEK/INGEKO) is a condition of admission. */
    requiresTownWideConcept: boolean("requires_town_wide_concept").notNull(),
    /** Each funded area needs an area concept (SEKO, GIHK, VU) derived from the town-wide one. */
    requiresAreaConcept: boolean("requires_area_concept").notNull(),
    /** At least this many inhabitants ("more than 2,000" is 2001); null: no threshold. */
    minPopulation: integer("min_population"),
    jointConceptAllowed: boolean("joint_concept_allowed").notNull().default(true),
    source: text("source"),
    notes: text("notes"),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [
    check("programmes_id_slug", sql`${t.id} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
    check("programmes_level", sql`${t.level} in ('eu', 'federal', 'land')`),
    check("programmes_period", sql`${t.periodFrom} is null or ${t.periodTo} is null or ${t.periodFrom} <= ${t.periodTo}`),
    check("programmes_min_population", sql`${t.minPopulation} is null or ${t.minPopulation} >= 0`),
  ],
);

export const measures = pgTable(
  "measures",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** The municipality the measure was recorded for; after a merger it belongs to the successor (resolved when read). */
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
    name: text("name").notNull(),
    /** The funding area (Fördergebiet), when named apart from the measure. */
    area: text("area"),
    startYear: integer("start_year").notNull(),
    endYear: integer("end_year"),
    state: text("state", { enum: MEASURE_STATE_VALUES }).notNull(),
    /** The town-wide concept the measure rests on. */
    conceptId: bigint("concept_id", { mode: "number" }).references(() => concepts.id),
    /** The area concept of the funding area. */
    areaConceptId: bigint("area_concept_id", { mode: "number" }).references(() => concepts.id),
    note: text("note"),
    /** Staff only (SMR, FS INGE). */
    noteInternal: text("note_internal"),
    origin: text("origin", { enum: MEASURE_ORIGIN_VALUES }).notNull().default("recorded"),
    /** Optimistic concurrency: If-Match of PATCH/DELETE /api/measures/:id names it. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
    updatedBy: uuid("updated_by").references(() => users.id),
  },
  (t) => [
    index("measures_ags_idx").on(t.ags),
    index("measures_programme_idx").on(t.programmeId),
    index("measures_concept_idx").on(t.conceptId),
    index("measures_area_concept_idx").on(t.areaConceptId),
    // The running measures of a year (at risk, the figures).
    index("measures_running_idx").on(t.startYear, t.endYear).where(sql`${t.state} = 'running'`),
    check("measures_state", sql`${t.state} in ('running', 'paused', 'fully_funded', 'settled')`),
    check("measures_origin", sql`${t.origin} in ('recorded', 'import', 'demo')`),
    check("measures_years", sql`${t.startYear} between 1990 and 2100 and (${t.endYear} is null or ${t.endYear} between ${t.startYear} and 2100)`),
  ],
);

export const measureAmounts = pgTable(
  "measure_amounts",
  {
    measureId: bigint("measure_id", { mode: "number" })
      .notNull()
      .references(() => measures.id, { onDelete: "cascade" }),
    year: integer("year").notNull(),
    federal: numeric("federal", { precision: 14, scale: 2 }).notNull().default("0"),
    land: numeric("land", { precision: 14, scale: 2 }).notNull().default("0"),
    municipal: numeric("municipal", { precision: 14, scale: 2 }).notNull().default("0"),
  },
  (t) => [
    primaryKey({ columns: [t.measureId, t.year] }),
    check("measure_amounts_year", sql`${t.year} between 1990 and 2100`),
    check("measure_amounts_non_negative", sql`${t.federal} >= 0 and ${t.land} >= 0 and ${t.municipal} >= 0`),
  ],
);
