import { z } from "zod";
import { numericIdParamsSchema } from "./advisory.js";
import { associationKeySchema } from "./associations.js";
import { errorResponseSchema } from "./errors.js";
import { statusEventSchema } from "./insek.js";
import { agsSchema, isoDateSchema, statusSchema, textSchema } from "./vocabulary.js";

/*
 * Concepts as records (issue 14, docs/decisions/0027-concepts-as-records.md): the document that is drafted,
 * adopted by one or more councils, funded and updated. Paths and keys are part of the public API.
 */

/**
 * The kind of a concept: `INSEK` and `INGEKO` are town-wide (one municipality, or several as a joint
 * concept); `SEKO` (Fördergebietskonzept), `GIHK` (EFRE: gebietsbezogenes integriertes Handlungskonzept)
 * and `VU` (vorbereitende Untersuchung nach § 141 BauGB) are area concepts derived from a town-wide one.
 */
export const CONCEPT_RECORD_KINDS = ["INSEK", "INGEKO", "SEKO", "GIHK", "VU"] as const;
export const conceptRecordKindSchema = z.enum(CONCEPT_RECORD_KINDS);
export type ConceptRecordKind = z.infer<typeof conceptRecordKindSchema>;
export const TOWN_WIDE_CONCEPT_KINDS = ["INSEK", "INGEKO"] as const satisfies readonly ConceptRecordKind[];
export const AREA_CONCEPT_KINDS = ["SEKO", "GIHK", "VU"] as const satisfies readonly ConceptRecordKind[];

/** `municipal`: one town's own; `joint`: several municipalities' common one; `area`: one funding area of one town. */
export const CONCEPT_SCOPES = ["municipal", "joint", "area"] as const;
export const conceptScopeSchema = z.enum(CONCEPT_SCOPES);
export type ConceptScope = z.infer<typeof conceptScopeSchema>;

/**
 * Formats of citizen participation: Bürgerversammlung, Online-Beteiligung, Workshop (also
 * Zukunftswerkstatt, Stadtspaziergang), öffentliche Auslegung, and anything else (`other`, say what in `note`).
 */
export const PARTICIPATION_FORMATS = ["buergerversammlung", "online", "workshop", "auslegung", "other"] as const;
export const participationFormatSchema = z.enum(PARTICIPATION_FORMATS);
export type ParticipationFormat = z.infer<typeof participationFormatSchema>;

/** What a document is: the concept itself, a council resolution, or anything else (plans, annexes). */
export const DOCUMENT_KINDS = ["concept", "resolution", "other"] as const;
export const documentKindSchema = z.enum(DOCUMENT_KINDS);
export type DocumentKind = z.infer<typeof documentKindSchema>;

/**
 * The state of a concept, derived from its members' council resolutions: `drafting` (no council has
 * adopted it), `partly_adopted` (some members' councils have), `adopted` (every member's council has),
 * `replaced` (a later concept names it as the one it updates: its Fortschreibung exists).
 */
export const CONCEPT_STATUSES = ["drafting", "partly_adopted", "adopted", "replaced"] as const;
export const conceptStatusSchema = z.enum(CONCEPT_STATUSES);
export type ConceptStatus = z.infer<typeof conceptStatusSchema>;

/** The most members a concept takes (the largest Verwaltungsverband has far fewer). */
export const CONCEPT_MAX_MEMBERS = 50;
/** The largest uploaded document (a PDF), in bytes. */
export const DOCUMENT_MAX_BYTES = 25 * 1024 * 1024;
/** Default of "Fortschreibung empfohlen": years after the latest council resolution (RULE_UPDATE_RECOMMENDED_YEARS). */
export const DEFAULT_UPDATE_RECOMMENDED_YEARS = 5;

const titleSchema = textSchema.trim().min(1).max(300);
const noteSchema = textSchema.trim().max(4000);
const conceptIdSchema = z.number().int().positive().max(2_147_483_647);

export const participationInputSchema = z
  .object({
    date: isoDateSchema,
    format: participationFormatSchema,
    note: noteSchema.max(1000).nullish(),
  })
  .strict();
export type ParticipationInput = z.infer<typeof participationInputSchema>;

/**
 * Body of POST /api/concepts. The rules between fields (members once each, an area concept with one
 * municipality and a town-wide parent, the lead among the members, kind fitting scope, every AGS known)
 * are checked by the server and answered with 422 and one code per rule (ERROR_CODES.concept*).
 */
export const conceptInputSchema = z
  .object({
    title: titleSchema,
    kind: conceptRecordKindSchema,
    scope: conceptScopeSchema,
    /** AGS of the member municipalities; an area concept has exactly one. */
    members: z.array(agsSchema).min(1).max(CONCEPT_MAX_MEMBERS),
    /** The lead municipality of a joint concept (default: the first member). */
    leadAgs: agsSchema.nullish(),
    /** The town-wide concept an area concept is derived from (required for scope `area`). */
    parentId: conceptIdSchema.nullish(),
    /** The concept this one updates (its Fortschreibung). */
    updatesId: conceptIdSchema.nullish(),
    horizonYear: z.number().int().min(1990).max(2100).nullish(),
    participation: z.array(participationInputSchema).max(200).optional(),
    note: noteSchema.nullish(),
  })
  .strict();
export type ConceptInput = z.infer<typeof conceptInputSchema>;

/** Body of PATCH /api/concepts/:id (If-Match with the concept's version): the fields to change; members and participation are replaced whole. */
export const conceptUpdateSchema = conceptInputSchema.partial().strict();
export type ConceptUpdate = z.infer<typeof conceptUpdateSchema>;

/** A concept as other records name it. */
export const conceptRefSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: conceptRecordKindSchema,
  scope: conceptScopeSchema,
});
export type ConceptRef = z.infer<typeof conceptRefSchema>;

export const conceptMemberSchema = z.object({
  ags: agsSchema,
  name: z.string(),
  /** The lead municipality (of a joint concept; the only member otherwise). */
  lead: z.boolean(),
  /** The member's INSEK status as its events that carry this concept say (corrections applied); `none` when none does. */
  status: statusSchema,
  /** Its council's resolution adopting this concept (the latest, when it adopted it more than once); null: not adopted. */
  councilResolutionDate: isoDateSchema.nullable(),
  decisionNumber: z.string().nullable(),
  adopted: z.boolean(),
});
export type ConceptMember = z.infer<typeof conceptMemberSchema>;

export const participationSchema = z.object({
  date: isoDateSchema,
  format: participationFormatSchema,
  note: z.string().nullable(),
});
export type Participation = z.infer<typeof participationSchema>;

export const documentSchema = z.object({
  id: z.number().int(),
  conceptId: z.number().int().nullable(),
  kind: documentKindSchema,
  title: z.string().nullable(),
  /** File name of an upload (as sent, for Content-Disposition); null for a link. */
  fileName: z.string().nullable(),
  mediaType: z.string().nullable(),
  /** Bytes of an upload; null for a link. */
  size: z.number().int().nullable(),
  /** Hex SHA-256 of an upload's bytes; null for a link. */
  sha256: z.string().nullable(),
  /** An external link (instead of an upload). */
  url: z.string().nullable(),
  /** Where to download an upload (GET /api/documents/:id); null for a link. */
  downloadPath: z.string().nullable(),
  createdAt: z.string(),
});
export type ConceptDocument = z.infer<typeof documentSchema>;

export const resolutionSchema = z.object({
  id: z.number().int(),
  ags: agsSchema,
  name: z.string(),
  date: isoDateSchema,
  decisionNumber: z.string().nullable(),
  /** The body that resolved (Stadtrat, Gemeinderat, Verbandsversammlung …). */
  body: z.string().nullable(),
  documentId: z.number().int().nullable(),
  /** The member's status event this resolution wrote; null for an area concept (its adoption leaves the town-wide status alone). */
  eventId: z.number().int().nullable(),
  recordedAt: z.string(),
});
export type Resolution = z.infer<typeof resolutionSchema>;

/** What list and detail share. */
const conceptSummaryFields = {
  id: z.number().int(),
  title: z.string(),
  kind: conceptRecordKindSchema,
  scope: conceptScopeSchema,
  status: conceptStatusSchema,
  leadAgs: agsSchema.nullable(),
  parentId: z.number().int().nullable(),
  updatesId: z.number().int().nullable(),
  /** The concept that updates this one (its Fortschreibung), the latest when several do. */
  updatedById: z.number().int().nullable(),
  horizonYear: z.number().int().nullable(),
  memberCount: z.number().int(),
  adoptedCount: z.number().int(),
  /** The latest council resolution adopting it; null when no council has. */
  adoptedAt: isoDateSchema.nullable(),
  /**
   * "Fortschreibung empfohlen": adopted at least `updateRecommendedYears` years ago and not yet replaced.
   * A soft flag; it never changes coverage or currency.
   */
  updateRecommended: z.boolean(),
  updateRecommendedYears: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
};

export const conceptListItemSchema = z.object({
  ...conceptSummaryFields,
  members: z.array(z.object({ ags: agsSchema, name: z.string(), adopted: z.boolean() })),
});
export type ConceptListItem = z.infer<typeof conceptListItemSchema>;

export const conceptListSchema = z.object({ items: z.array(conceptListItemSchema), total: z.number().int() });
export type ConceptList = z.infer<typeof conceptListSchema>;

/** GET /api/concepts?ags=&association=&scope=&kind=&status=&limit=&offset= (sorted by title, then id). */
export const conceptListQuerySchema = z.object({
  /** Concepts this municipality is a member of. */
  ags: agsSchema.optional(),
  /** Concepts with a member that belongs to this association today. */
  association: associationKeySchema.optional(),
  scope: conceptScopeSchema.optional(),
  kind: conceptRecordKindSchema.optional(),
  status: conceptStatusSchema.optional(),
  q: textSchema.trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type ConceptListQuery = z.infer<typeof conceptListQuerySchema>;

export const conceptDetailSchema = z.object({
  ...conceptSummaryFields,
  note: z.string().nullable(),
  members: z.array(conceptMemberSchema),
  parent: conceptRefSchema.nullable(),
  /** Area concepts derived from this one. */
  areaConcepts: z.array(conceptRefSchema.extend({ status: conceptStatusSchema })),
  participation: z.array(participationSchema),
  documents: z.array(documentSchema),
  resolutions: z.array(resolutionSchema),
  createdAt: z.string(),
  /** Who created it; null for anonymous readers. */
  createdBy: z.string().nullable(),
});
export type ConceptDetail = z.infer<typeof conceptDetailSchema>;

/** 412 VERSION_MISMATCH of a concept write: `current` is the concept as GET /api/concepts/:id answers now. */
export const conceptPreconditionFailedSchema = errorResponseSchema.extend({ current: conceptDetailSchema });

/** Body of POST /api/concepts/:id/resolutions: one member council's resolution adopting the concept. */
export const resolutionInputSchema = z
  .object({
    ags: agsSchema,
    date: isoDateSchema.describe("Date of the council resolution; never in the future"),
    decisionNumber: textSchema.trim().min(1).max(100).nullish(),
    body: textSchema.trim().min(1).max(200).nullish(),
    /** An uploaded or linked document of this concept (e.g. the resolution's minutes). */
    documentId: conceptIdSchema.nullish(),
  })
  .strict();
export type ResolutionInput = z.infer<typeof resolutionInputSchema>;

/**
 * Answer of POST /api/concepts/:id/resolutions: the member's new status event (council_adopted, carrying the
 * concept's id) and its record version. An area concept's resolution writes no status event (`event` and
 * `version` null): the INSEK status and coverage are the town-wide concept's.
 */
export const resolutionCreatedSchema = z.object({
  event: statusEventSchema.nullable(),
  /** The member's record version after the event. */
  version: z.number().int().nullable(),
  resolution: resolutionSchema,
});
export type ResolutionCreated = z.infer<typeof resolutionCreatedSchema>;

/**
 * POST /api/concepts/:id/documents takes multipart/form-data: the field `file` (a PDF, at most 25 MB,
 * checked by its bytes) and the optional fields `title` and `kind` (documentUploadFieldsSchema); or a JSON
 * body with a link instead (this schema). The endpoint map names the JSON form; a multipart body bypasses it.
 */
export const documentLinkInputSchema = z
  .object({
    url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2000),
    title: textSchema.trim().min(1).max(300).nullish(),
    kind: documentKindSchema.default("concept"),
  })
  .strict();
export type DocumentLinkInput = z.input<typeof documentLinkInputSchema>;

/** The text fields of the multipart upload. */
export const documentUploadFieldsSchema = z
  .object({
    title: textSchema.trim().min(1).max(300).optional(),
    kind: documentKindSchema.default("concept"),
  })
  .strict();

export const conceptIdParamsSchema = numericIdParamsSchema;
export const documentIdParamsSchema = numericIdParamsSchema;

/** The bytes of GET /api/documents/:id (sent with the document's type and Content-Disposition); not JSON. */
export const documentBytesSchema = z.unknown().describe("The document's bytes, with its media type");

/** A concept as the municipality detail names it. */
export const municipalityConceptSchema = conceptRefSchema.extend({
  status: conceptStatusSchema,
  /** The municipality is the concept's lead. */
  lead: z.boolean(),
  /** Its own council adopted it (date of the latest resolution), null when not. */
  councilResolutionDate: isoDateSchema.nullable(),
  parentId: z.number().int().nullable(),
  updatedById: z.number().int().nullable(),
  horizonYear: z.number().int().nullable(),
  memberCount: z.number().int(),
  adoptedCount: z.number().int(),
  adoptedAt: isoDateSchema.nullable(),
  updateRecommended: z.boolean(),
});
export type MunicipalityConcept = z.infer<typeof municipalityConceptSchema>;

/**
 * A municipality's town-wide concept as the list and the exports show it: the newest one it is a member of that
 * no later concept replaces (else the newest); null when it is a member of none.
 */
export const townWideConceptSchema = conceptRefSchema.extend({
  status: conceptStatusSchema,
  memberCount: z.number().int(),
  adoptedCount: z.number().int(),
  adoptedAt: isoDateSchema.nullable(),
  updateRecommended: z.boolean(),
  /** Area concepts derived from it. */
  areaConceptCount: z.number().int(),
});
export type TownWideConcept = z.infer<typeof townWideConceptSchema>;
