import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { municipalities } from "./registry.js";

/*
 * Concepts as records (decision 0027): the document that is drafted, adopted by one or more councils,
 * funded and updated. A council resolution of a member (concept_resolutions, in status.ts beside the
 * history it writes to) writes that member's status event, which carries the concept's id.
 */

export const CONCEPT_KIND_VALUES = ["INSEK", "INGEKO", "SEKO", "GIHK", "VU"] as const;
export const CONCEPT_SCOPE_VALUES = ["municipal", "joint", "area"] as const;
export const PARTICIPATION_FORMAT_VALUES = ["buergerversammlung", "online", "workshop", "auslegung", "other"] as const;
export const DOCUMENT_KIND_VALUES = ["concept", "resolution", "other"] as const;
/** Who made a concept: an account through the API, migration 0016 from a municipality's history, or the demo seeder. */
export const CONCEPT_ORIGIN_VALUES = ["recorded", "history", "demo"] as const;

/** PostgreSQL bytea: the bytes of an uploaded document, kept in the database (every instance and every backup has them). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export const concepts = pgTable(
  "concepts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    kind: text("kind", { enum: CONCEPT_KIND_VALUES }).notNull(),
    scope: text("scope", { enum: CONCEPT_SCOPE_VALUES }).notNull(),
    /** The lead municipality (of a joint concept; the only member otherwise). */
    leadAgs: char("lead_ags", { length: 8 }).references(() => municipalities.ags),
    /** The town-wide concept an area concept is derived from. */
    parentId: bigint("parent_id", { mode: "number" }).references((): AnyPgColumn => concepts.id),
    /** The concept this one updates (Fortschreibung of). */
    updatesId: bigint("updates_id", { mode: "number" }).references((): AnyPgColumn => concepts.id),
    horizonYear: integer("horizon_year"),
    note: text("note"),
    origin: text("origin", { enum: CONCEPT_ORIGIN_VALUES }).notNull().default("recorded"),
    /** Optimistic concurrency: If-Match of PATCH /api/concepts/:id names it. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
  },
  (t) => [
    index("concepts_parent_idx").on(t.parentId),
    index("concepts_updates_idx").on(t.updatesId),
    check("concepts_kind", sql`${t.kind} in ('INSEK', 'INGEKO', 'SEKO', 'GIHK', 'VU')`),
    check("concepts_scope", sql`${t.scope} in ('municipal', 'joint', 'area')`),
    check("concepts_origin", sql`${t.origin} in ('recorded', 'history', 'demo')`),
    // An area concept is of an area kind and has a parent; a town-wide one neither.
    check("concepts_area_kind", sql`(${t.scope} = 'area') = (${t.kind} in ('SEKO', 'GIHK', 'VU'))`),
    check("concepts_area_parent", sql`(${t.scope} = 'area') = (${t.parentId} is not null)`),
    check("concepts_not_updating_itself", sql`${t.updatesId} is null or ${t.updatesId} <> ${t.id}`),
    check("concepts_horizon", sql`${t.horizonYear} is null or ${t.horizonYear} between 1990 and 2100`),
  ],
);

export const conceptMembers = pgTable(
  "concept_members",
  {
    conceptId: bigint("concept_id", { mode: "number" })
      .notNull()
      .references(() => concepts.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    lead: boolean("lead").notNull().default(false),
    /** Order of the members as given. */
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conceptId, t.ags] }),
    index("concept_members_ags_idx").on(t.ags),
    uniqueIndex("concept_members_one_lead_idx").on(t.conceptId).where(sql`${t.lead}`),
  ],
);

export const conceptParticipation = pgTable(
  "concept_participation",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conceptId: bigint("concept_id", { mode: "number" })
      .notNull()
      .references(() => concepts.id),
    date: date("date", { mode: "string" }).notNull(),
    format: text("format", { enum: PARTICIPATION_FORMAT_VALUES }).notNull(),
    note: text("note"),
  },
  (t) => [
    index("concept_participation_concept_idx").on(t.conceptId, t.date),
    check("concept_participation_format", sql`${t.format} in ('buergerversammlung', 'online', 'workshop', 'auslegung', 'other')`),
  ],
);

/**
 * A document of a concept: an uploaded file (its bytes in `content`, with name, type, size and SHA-256)
 * or a link (`url`), never both.
 */
export const documents = pgTable(
  "documents",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    conceptId: bigint("concept_id", { mode: "number" }).references(() => concepts.id),
    kind: text("kind", { enum: DOCUMENT_KIND_VALUES }).notNull(),
    title: text("title"),
    fileName: text("file_name"),
    mediaType: text("media_type"),
    size: integer("size"),
    sha256: char("sha256", { length: 64 }),
    content: bytea("content"),
    url: text("url"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    createdBy: uuid("created_by").references(() => users.id),
  },
  (t) => [
    index("documents_concept_idx").on(t.conceptId),
    check("documents_kind", sql`${t.kind} in ('concept', 'resolution', 'other')`),
    check("documents_file_or_link", sql`(${t.content} is null) <> (${t.url} is null)`),
    check(
      "documents_file_facts",
      sql`${t.content} is null or (${t.fileName} is not null and ${t.mediaType} is not null and ${t.size} = octet_length(${t.content}) and ${t.sha256} is not null)`,
    ),
  ],
);
