import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { concepts } from "./concepts.js";
import { measures, programmes } from "./funding.js";
import { municipalities } from "./registry.js";

/*
 * Praxisbeispiele (issue 16, docs/decisions/0033-praxisbeispiele.md). An entry's row holds the content that is
 * shown (the published version once published); a revision of a published entry lives in practice_revisions
 * until it is published, so the public keeps seeing the last published version meanwhile.
 */

export const PRACTICE_STATE_VALUES = ["draft", "submitted", "returned", "published", "withdrawn"] as const;
export const PRACTICE_REVISION_STATE_VALUES = ["draft", "submitted", "returned"] as const;
export const PRACTICE_PHASE_VALUES = ["idea", "implementation", "completed"] as const;
export const PRACTICE_TOPIC_VALUES = [
  "participation",
  "inner_development",
  "services",
  "climate_energy",
  "mobility",
  "digital",
  "cooperation",
  "youth",
  "other",
] as const;
/** Who made an entry: an account through the API, or the demo seeder. */
export const PRACTICE_ORIGIN_VALUES = ["recorded", "demo"] as const;

/** PostgreSQL bytea: an image's re-encoded bytes, kept in the database like documents (decision 0027). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => Buffer.from(value),
});

export interface PracticeLinkValue {
  url: string;
  label: string | null;
}

export const practices = pgTable(
  "practices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    title: text("title").notNull(),
    summary: text("summary").notNull(),
    /** Sanitised on writing (allowlist: p, ul, ol, li, a[href], strong, em, br). */
    descriptionHtml: text("description_html").notNull(),
    phase: text("phase", { enum: PRACTICE_PHASE_VALUES }).notNull(),
    periodFrom: date("period_from", { mode: "string" }),
    periodTo: date("period_to", { mode: "string" }),
    partners: text("partners"),
    outcome: text("outcome"),
    transferability: text("transferability"),
    /** Function or office: never personal data. */
    contactOffice: text("contact_office"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    /** A person's name, kept only with their recorded consent (when and who recorded it). */
    contactPerson: text("contact_person"),
    contactConsentAt: timestamp("contact_consent_at", { withTimezone: true, mode: "string" }),
    contactConsentBy: uuid("contact_consent_by").references(() => users.id),
    links: jsonb("links").$type<PracticeLinkValue[]>().notNull().default(sql`'[]'::jsonb`),
    innovative: boolean("innovative").notNull().default(false),
    exemplary: boolean("exemplary").notNull().default(false),
    cooperative: boolean("cooperative").notNull().default(false),
    state: text("state", { enum: PRACTICE_STATE_VALUES }).notNull().default("draft"),
    /** The editor's comment of the last return (shown to the authors). */
    returnComment: text("return_comment"),
    conceptId: bigint("concept_id", { mode: "number" }).references(() => concepts.id),
    origin: text("origin", { enum: PRACTICE_ORIGIN_VALUES }).notNull().default("recorded"),
    authorId: uuid("author_id").references(() => users.id),
    /** Optimistic concurrency: If-Match of PATCH /api/practices/:id names it; every step moves it on. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /** First published (kept when a revision is published; the feed's `published`). */
    publishedAt: timestamp("published_at", { withTimezone: true, mode: "string" }),
    /** Last published (a revision's publication too; the feed's `updated`). */
    lastPublishedAt: timestamp("last_published_at", { withTimezone: true, mode: "string" }),
  },
  (t) => [
    index("practices_state_idx").on(t.state, t.publishedAt),
    index("practices_concept_idx").on(t.conceptId),
    check("practices_state", sql`${t.state} in ('draft', 'submitted', 'returned', 'published', 'withdrawn')`),
    check("practices_phase", sql`${t.phase} in ('idea', 'implementation', 'completed')`),
    check("practices_origin", sql`${t.origin} in ('recorded', 'demo')`),
    check("practices_summary_length", sql`char_length(${t.summary}) <= 300`),
    check("practices_period", sql`${t.periodFrom} is null or ${t.periodTo} is null or ${t.periodTo} >= ${t.periodFrom}`),
    // A person's name only with recorded consent.
    check("practices_contact_consent", sql`${t.contactPerson} is null or (${t.contactConsentAt} is not null and ${t.contactConsentBy} is not null)`),
    check("practices_published_at", sql`${t.state} <> 'published' or ${t.publishedAt} is not null`),
    check("practices_links_array", sql`jsonb_typeof(${t.links}) = 'array'`),
  ],
);

/** The municipalities an entry is about. */
export const practiceMunicipalities = pgTable(
  "practice_municipalities",
  {
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.ags] }), index("practice_municipalities_ags_idx").on(t.ags)],
);

export const practiceTopics = pgTable(
  "practice_topics",
  {
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    topic: text("topic", { enum: PRACTICE_TOPIC_VALUES }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.practiceId, t.topic] }),
    index("practice_topics_topic_idx").on(t.topic),
    check(
      "practice_topics_topic",
      sql`${t.topic} in ('participation', 'inner_development', 'services', 'climate_energy', 'mobility', 'digital', 'cooperation', 'youth', 'other')`,
    ),
  ],
);

/** Municipalities that adopted the solution ("Bewährt vor Ort" counts them). */
export const practiceAdopters = pgTable(
  "practice_adopters",
  {
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    note: text("note"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.ags] }), index("practice_adopters_ags_idx").on(t.ags)],
);

/**
 * The revision under way of a published entry: the whole content as it would be published (the shape of
 * the revision's `content` in the contracts), reviewed like a new entry. At most one open revision per entry;
 * publishing it copies the content into the entry and deletes the row (the audit log keeps the steps).
 */
export const practiceRevisions = pgTable(
  "practice_revisions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    state: text("state", { enum: PRACTICE_REVISION_STATE_VALUES }).notNull().default("draft"),
    content: jsonb("content").notNull(),
    returnComment: text("return_comment"),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("practice_revisions_one_open_idx").on(t.practiceId),
    check("practice_revisions_state", sql`${t.state} in ('draft', 'submitted', 'returned')`),
  ],
);

/**
 * An image of an entry, stored only in the cleaned sizes (re-encoded, metadata stripped; the upload itself is
 * never kept): small, medium and large bytes with their dimensions, all of one content type.
 */
export const practiceImages = pgTable(
  "practice_images",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    alt: text("alt").notNull(),
    position: integer("position").notNull(),
    contentType: text("content_type").notNull(),
    small: bytea("small").notNull(),
    smallWidth: integer("small_width").notNull(),
    smallHeight: integer("small_height").notNull(),
    medium: bytea("medium").notNull(),
    mediumWidth: integer("medium_width").notNull(),
    mediumHeight: integer("medium_height").notNull(),
    large: bytea("large").notNull(),
    largeWidth: integer("large_width").notNull(),
    largeHeight: integer("large_height").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (t) => [
    index("practice_images_practice_idx").on(t.practiceId, t.position),
    check("practice_images_content_type", sql`${t.contentType} in ('image/webp', 'image/jpeg')`),
    check("practice_images_alt", sql`char_length(${t.alt}) > 0`),
  ],
);

/** The funding programmes an entry used (decision 0032's programmes). */
export const practiceProgrammes = pgTable(
  "practice_programmes",
  {
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    programmeId: text("programme_id")
      .notNull()
      .references(() => programmes.id),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.programmeId] }), index("practice_programmes_programme_idx").on(t.programmeId)],
);

/** The funded measures an entry grew from or used (decision 0032's measures). */
export const practiceMeasures = pgTable(
  "practice_measures",
  {
    practiceId: bigint("practice_id", { mode: "number" })
      .notNull()
      .references(() => practices.id),
    measureId: bigint("measure_id", { mode: "number" })
      .notNull()
      .references(() => measures.id),
  },
  (t) => [primaryKey({ columns: [t.practiceId, t.measureId] }), index("practice_measures_measure_idx").on(t.measureId)],
);
