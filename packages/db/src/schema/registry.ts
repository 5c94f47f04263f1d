import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const districts = pgTable(
  "districts",
  {
    key: char("key", { length: 5 }).primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: ["kreisfreie_stadt", "landkreis"] }).notNull(),
  },
  (t) => [check("districts_key_format", sql`${t.key} ~ '^[0-9]{5}$'`)],
);

/**
 * The municipality registry, current and dissolved. A municipality exists on day d when
 * (valid_from is null or valid_from <= d) and (valid_to is null or valid_to > d):
 * valid_to is the first day on which it no longer exists.
 */
export const municipalities = pgTable(
  "municipalities",
  {
    ags: char("ags", { length: 8 }).primaryKey(),
    name: text("name").notNull(),
    displayName: text("display_name").notNull(),
    /** Folded name variants for umlaut- and case-insensitive substring search. */
    searchText: text("search_text").notNull(),
    /** Display name folded like DIN 5007-1 (ä = a, ß = ss), so sorting does not depend on the collation. */
    sortKey: text("sort_key").notNull(),
    type: text("type", { enum: ["kreisfreie_stadt", "grosse_kreisstadt", "stadt", "gemeinde"] }).notNull(),
    districtKey: char("district_key", { length: 5 })
      .notNull()
      .references(() => districts.key),
    population: integer("population"),
    populationDate: date("population_date", { mode: "string" }),
    areaHa: integer("area_ha"),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: date("valid_to", { mode: "string" }),
    successorAgs: char("successor_ags", { length: 8 }).references((): AnyPgColumn => municipalities.ags),
    dissolutionKind: text("dissolution_kind"),
    /** Version of the INSEK record: the number of status events recorded for this municipality. */
    recordVersion: integer("record_version").notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("municipalities_district_idx").on(t.districtKey),
    index("municipalities_successor_idx").on(t.successorAgs),
    index("municipalities_sort_key_idx").on(t.sortKey),
    check("municipalities_ags_format", sql`${t.ags} ~ '^[0-9]{8}$'`),
    check("municipalities_district_prefix", sql`left(${t.ags}, 5) = ${t.districtKey}`),
    check(
      "municipalities_validity",
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} < ${t.validTo}`,
    ),
    check(
      "municipalities_successor_needs_end",
      sql`${t.successorAgs} is null or ${t.validTo} is not null`,
    ),
  ],
);

/**
 * Verwaltungsgemeinschaften and Verwaltungsverbände (GV100AD record type 50, Textkennzeichen 54 and 56),
 * current and dissolved, valid like municipalities: valid_to is the first day on which it no longer exists.
 */
export const associations = pgTable(
  "associations",
  {
    /** District key + the association's 4 digits of the directory, e.g. 145215103. */
    key: char("key", { length: 9 }).primaryKey(),
    name: text("name").notNull(),
    type: text("type", { enum: ["verwaltungsgemeinschaft", "verwaltungsverband"] }).notNull(),
    districtKey: char("district_key", { length: 5 })
      .notNull()
      .references(() => districts.key),
    /** Seat of the administration as the directory names it. */
    seat: text("seat").notNull(),
    /** The erfüllende Gemeinde of a Verwaltungsgemeinschaft; null for a Verwaltungsverband. */
    fulfillingAgs: char("fulfilling_ags", { length: 8 }).references(() => municipalities.ags),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: date("valid_to", { mode: "string" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("associations_district_idx").on(t.districtKey),
    check("associations_key_format", sql`${t.key} ~ '^[0-9]{9}$'`),
    check("associations_type", sql`${t.type} in ('verwaltungsgemeinschaft', 'verwaltungsverband')`),
    check("associations_district_prefix", sql`left(${t.key}, 5) = ${t.districtKey}`),
    check("associations_validity", sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} < ${t.validTo}`),
  ],
);

/**
 * A municipality's membership of an association from valid_from (null: since before the first directory at
 * hand) to valid_to (first day without; null: still a member). A change closes the row and opens a new one.
 */
export const associationMemberships = pgTable(
  "association_memberships",
  {
    id: serial("id").primaryKey(),
    associationKey: char("association_key", { length: 9 })
      .notNull()
      .references(() => associations.key),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    validFrom: date("valid_from", { mode: "string" }),
    validTo: date("valid_to", { mode: "string" }),
  },
  (t) => [
    index("association_memberships_association_idx").on(t.associationKey),
    index("association_memberships_ags_idx").on(t.ags),
    // A municipality belongs to at most one association at a time; at most one open membership each.
    uniqueIndex("association_memberships_open_idx").on(t.ags).where(sql`${t.validTo} is null`),
    check(
      "association_memberships_validity",
      sql`${t.validFrom} is null or ${t.validTo} is null or ${t.validFrom} < ${t.validTo}`,
    ),
  ],
);

/** One row per applied directory (seed or `insek import-gv100ad`), with its report. */
export const registryImports = pgTable("registry_imports", {
  id: serial("id").primaryKey(),
  source: text("source").notNull(),
  landKey: char("land_key", { length: 2 }).notNull(),
  territorialStatus: date("territorial_status", { mode: "string" }).notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  report: jsonb("report").notNull(),
});
