import { z } from "zod";
import { numericIdParamsSchema, personRefSchema } from "./advisory.js";
import { conceptRefSchema, conceptStatusSchema } from "./concepts.js";
import { errorResponseSchema } from "./errors.js";
import { programmeIdSchema } from "./funding.js";
import { practiceRevisionStateSchema, practiceStateSchema } from "./practice-workflow.js";
import { sizeClassKeySchema } from "./stats.js";
import { agsSchema, districtKeySchema, isoDateSchema, queryBooleanSchema, statusSchema, textSchema } from "./vocabulary.js";

/*
 * Praxisbeispiele (issue 16, docs/decisions/0033-praxisbeispiele.md): good practice of municipalities, proposed
 * by FS INGE and municipalities, reviewed and published by editors (smr, FS INGE), adopted by others.
 * Paths and keys are part of the public API. The workflow table is practice-workflow.ts.
 */

/** Idee, in Umsetzung, abgeschlossen. */
export const PRACTICE_PHASES = ["idea", "implementation", "completed"] as const;
export const practicePhaseSchema = z.enum(PRACTICE_PHASES);
export type PracticePhase = z.infer<typeof practicePhaseSchema>;

/** Beteiligung, Innenentwicklung, Daseinsvorsorge, Klima/Energie, Mobilität, Digitales, Kooperation, Jugend, Sonstiges. */
export const PRACTICE_TOPICS = ["participation", "inner_development", "services", "climate_energy", "mobility", "digital", "cooperation", "youth", "other"] as const;
export const practiceTopicSchema = z.enum(PRACTICE_TOPICS);
export type PracticeTopic = z.infer<typeof practiceTopicSchema>;

/** The jury's criteria (innovativ, beispielhaft, kooperativ); set by editors only. */
export const PRACTICE_CRITERIA = ["innovative", "exemplary", "cooperative"] as const;
export const practiceCriterionSchema = z.enum(PRACTICE_CRITERIA);
export type PracticeCriterion = z.infer<typeof practiceCriterionSchema>;

/** The three sizes every image is stored in (re-encoded; the original is never kept). */
export const PRACTICE_IMAGE_SIZES = ["small", "medium", "large"] as const;
export const practiceImageSizeSchema = z.enum(PRACTICE_IMAGE_SIZES);
export type PracticeImageSize = z.infer<typeof practiceImageSizeSchema>;
/** Longest edge of each size in pixels. */
export const PRACTICE_IMAGE_EDGES: Record<PracticeImageSize, number> = { small: 320, medium: 800, large: 1600 };
/** The largest image upload, in bytes (decision 0035). */
export const PRACTICE_IMAGE_MAX_BYTES = 10 * 1024 * 1024;
/**
 * The most pixels an uploaded image may declare (width × height), checked on its header before any pixel is
 * decoded, and the limit libvips decodes under (decision 0035): a decompression bomb declares billions.
 */
export const PRACTICE_IMAGE_MAX_PIXELS = 40_000_000;
/** Images per entry. */
export const PRACTICE_MAX_IMAGES = 12;

export const PRACTICE_SUMMARY_MAX = 300;
export const PRACTICE_DESCRIPTION_MAX = 20_000;
export const PRACTICE_MAX_MUNICIPALITIES = 50;
export const PRACTICE_MAX_LINKS = 20;

const idSchema = z.number().int().positive().max(2_147_483_647);
const shortText = textSchema.trim().max(2000);
const unique = <T>(list: T[]) => new Set(list).size === list.length;

/**
 * A link of an entry. Any text is taken here; the server accepts only http and https URLs and answers
 * others (javascript:, data:, …) with 422 PRACTICE_LINK_NOT_HTTP at the field.
 */
export const practiceLinkInputSchema = z
  .object({
    url: textSchema.trim().min(1).max(2000),
    label: textSchema.trim().min(1).max(200).nullish(),
  })
  .strict();
export type PracticeLinkInput = z.infer<typeof practiceLinkInputSchema>;

/**
 * The contact of an entry: a function or office (always allowed), and a person's name only with that
 * person's recorded consent (`personConsent: true`; the server records when and by whom; 422
 * PRACTICE_CONTACT_CONSENT_REQUIRED otherwise).
 */
export const practiceContactInputSchema = z
  .object({
    /** Function or office, e.g. "Bauamt, Sachgebiet Stadtentwicklung". */
    office: textSchema.trim().min(1).max(300),
    email: z.email().max(254).nullish(),
    phone: textSchema.trim().max(50).nullish(),
    person: textSchema.trim().min(1).max(200).nullish(),
    personConsent: z.boolean().optional(),
  })
  .strict();
export type PracticeContactInput = z.infer<typeof practiceContactInputSchema>;

const practiceFields = {
  title: textSchema.trim().min(1).max(200),
  summary: textSchema.trim().min(1).max(PRACTICE_SUMMARY_MAX),
  /** Formatted text (HTML: paragraphs, lists, links, strong, em); the server keeps only that allowlist. */
  description: textSchema.trim().min(1).max(PRACTICE_DESCRIPTION_MAX),
  /** The municipalities the entry is about. */
  ags: z.array(agsSchema).min(1).max(PRACTICE_MAX_MUNICIPALITIES).refine(unique, "lists a municipality twice"),
  conceptId: idSchema.nullish(),
  topics: z.array(practiceTopicSchema).min(1).max(PRACTICE_TOPICS.length).refine(unique, "lists a topic twice"),
  phase: practicePhaseSchema,
  periodFrom: isoDateSchema.nullish(),
  periodTo: isoDateSchema.nullish(),
  partners: shortText.nullish(),
  outcome: shortText.nullish(),
  transferability: shortText.nullish(),
  contact: practiceContactInputSchema.nullish(),
  links: z.array(practiceLinkInputSchema).max(PRACTICE_MAX_LINKS).optional(),
  /** Funding programmes (their slugs) and measures (their ids) it used (additive; GET /api/programmes, /api/measures). */
  programmeIds: z.array(programmeIdSchema).max(50).refine(unique, "lists a programme twice").optional(),
  measureIds: z.array(idSchema).max(50).refine(unique, "lists a measure twice").optional(),
};

function checkPeriod(input: { periodFrom?: string | null | undefined; periodTo?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (input.periodFrom && input.periodTo && input.periodTo < input.periodFrom) {
    ctx.addIssue({ code: "custom", path: ["periodTo"], message: "must not lie before periodFrom" });
  }
}

/** Body of POST /api/practices. */
export const practiceInputSchema = z.object(practiceFields).strict().superRefine(checkPeriod);
export type PracticeInput = z.input<typeof practiceInputSchema>;

export const practiceCriteriaSchema = z.object({ innovative: z.boolean(), exemplary: z.boolean(), cooperative: z.boolean() });
export type PracticeCriteria = z.infer<typeof practiceCriteriaSchema>;

/**
 * Body of PATCH /api/practices/:id (If-Match with the entry's version): the fields to change. Changing a
 * published entry opens (or continues) a revision that is reviewed again; the published version stays
 * visible until it is published. `criteria` is for editors only (403 PRACTICE_CRITERIA_EDITORS_ONLY) and
 * applies at once, also to a published entry.
 */
export const practiceUpdateSchema = z
  .object({ ...practiceFields, criteria: practiceCriteriaSchema.partial().strict() })
  .partial()
  .strict()
  .superRefine(checkPeriod);
export type PracticeUpdate = z.input<typeof practiceUpdateSchema>;

/** Body of POST /api/practices/:id/return: what the author should change. */
export const practiceReturnInputSchema = z.object({ comment: textSchema.trim().min(1).max(4000) }).strict();
export type PracticeReturnInput = z.infer<typeof practiceReturnInputSchema>;

/** Body of POST /api/practices/:id/adopters: a municipality that adopted the solution. */
export const practiceAdopterInputSchema = z.object({ ags: agsSchema, note: textSchema.trim().max(1000).nullish() }).strict();
export type PracticeAdopterInput = z.infer<typeof practiceAdopterInputSchema>;

/** Answer of POST /api/practices. */
export const practiceCreatedSchema = z.object({ id: z.number().int(), version: z.number().int(), state: z.literal("draft") });
export type PracticeCreated = z.infer<typeof practiceCreatedSchema>;

/** Answer of a workflow step (submit, publish, return, withdraw) and of PATCH. */
export const practiceStepResultSchema = z.object({
  id: z.number().int(),
  version: z.number().int(),
  state: practiceStateSchema,
  /** The open revision's state (a published entry being revised), else null. */
  revisionState: practiceRevisionStateSchema.nullable(),
});
export type PracticeStepResult = z.infer<typeof practiceStepResultSchema>;

export const practiceLinkSchema = z.object({ url: z.string(), label: z.string().nullable() });
export type PracticeLink = z.infer<typeof practiceLinkSchema>;

export const practiceContactSchema = z.object({
  office: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  /** Only present when the person consented (recorded). */
  person: z.string().nullable(),
  consentAt: z.string().nullable(),
});
export type PracticeContact = z.infer<typeof practiceContactSchema>;

/** GET /api/images/:id?size= */
export const practiceImageQuerySchema = z.object({
  size: practiceImageSizeSchema.default("medium"),
  /** The image's version as its URLs name it (decision 0035); another one answers 404. */
  v: z.string().max(20).optional(),
});
export type PracticeImageQuery = z.input<typeof practiceImageQuerySchema>;

/**
 * The address of one size of an image. `v` (its creation time, base 36) makes the address of an image that
 * another database holds under the same id a different one, so that a year-long cached copy never stands in
 * for it (decision 0035).
 */
export function practiceImageUrl(image: { id: number; createdAt: string }, size: PracticeImageSize): string {
  return `/api/images/${image.id}?size=${size}&v=${practiceImageVersion(image.createdAt)}`;
}

export function practiceImageVersion(createdAt: string): string {
  return new Date(createdAt).getTime().toString(36);
}

export const practiceImageSizeInfoSchema = z.object({ url: z.string(), width: z.number().int(), height: z.number().int() });

/** An image of an entry, as the detail and the upload answer name it. */
export const practiceImageSchema = z.object({
  id: z.number().int(),
  practiceId: z.number().int(),
  alt: z.string(),
  position: z.number().int(),
  contentType: z.string(),
  sizes: z.object({ small: practiceImageSizeInfoSchema, medium: practiceImageSizeInfoSchema, large: practiceImageSizeInfoSchema }),
  createdAt: z.string(),
});
export type PracticeImage = z.infer<typeof practiceImageSchema>;

/** The text fields of the multipart image upload (field `file` is the image). */
export const practiceImageUploadFieldsSchema = z.object({ alt: textSchema.trim().min(1).max(300) }).strict();
export const imageIdParamsSchema = numericIdParamsSchema;
/** DELETE and PATCH /api/practices/:id/images/:imageId */
export const practiceImageParamsSchema = z.object({
  id: numericIdParamsSchema.shape.id,
  imageId: numericIdParamsSchema.shape.id,
});
/** Body of PATCH /api/practices/:id/images/:imageId: a new alt text (the bytes of an image never change). */
export const practiceImageUpdateSchema = practiceImageUploadFieldsSchema;
export type PracticeImageUpdate = z.infer<typeof practiceImageUpdateSchema>;
/** The bytes of GET /api/images/:id (image/webp or image/jpeg); not JSON. */
export const imageBytesSchema = z.unknown().describe("The image's bytes in the requested size");

export const practiceMunicipalitySchema = z.object({
  ags: agsSchema,
  name: z.string(),
  districtKey: districtKeySchema,
  districtName: z.string(),
  /** Its INSEK status today (its record). */
  status: statusSchema,
  /** Its town-wide concept today (decision 0027), null when none. */
  concept: conceptRefSchema.extend({ status: conceptStatusSchema }).nullable(),
});
export type PracticeMunicipality = z.infer<typeof practiceMunicipalitySchema>;

export const practiceAdopterSchema = z.object({
  ags: agsSchema,
  name: z.string(),
  note: z.string().nullable(),
  recordedAt: z.string(),
});
export type PracticeAdopter = z.infer<typeof practiceAdopterSchema>;

export const practiceProgrammeRefSchema = z.object({ id: z.string(), name: z.string() });
export const practiceMeasureRefSchema = z.object({ id: z.number().int(), name: z.string(), ags: agsSchema });

/** A revision under way of a published entry (editors and the entry's owners only). */
export const practiceRevisionSchema = z.object({
  state: practiceRevisionStateSchema,
  returnComment: z.string().nullable(),
  /** The revised content as it would be published. */
  content: z.object({
    title: z.string(),
    summary: z.string(),
    descriptionHtml: z.string(),
    ags: z.array(agsSchema),
    conceptId: z.number().int().nullable(),
    topics: z.array(practiceTopicSchema),
    phase: practicePhaseSchema,
    periodFrom: isoDateSchema.nullable(),
    periodTo: isoDateSchema.nullable(),
    partners: z.string().nullable(),
    outcome: z.string().nullable(),
    transferability: z.string().nullable(),
    contact: practiceContactSchema.nullable(),
    links: z.array(practiceLinkSchema),
    programmeIds: z.array(z.string()),
    measureIds: z.array(z.number().int()),
  }),
  updatedAt: z.string(),
});
export type PracticeRevision = z.infer<typeof practiceRevisionSchema>;

const practiceSummaryFields = {
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  phase: practicePhaseSchema,
  topics: z.array(practiceTopicSchema),
  state: practiceStateSchema,
  criteria: practiceCriteriaSchema,
  periodFrom: isoDateSchema.nullable(),
  periodTo: isoDateSchema.nullable(),
  publishedAt: z.string().nullable(),
  updatedAt: z.string(),
  version: z.number().int(),
  adopterCount: z.number().int(),
  /** The first image (for list cards), null when none. */
  imageId: z.number().int().nullable(),
};

export const practiceListItemSchema = z.object({
  ...practiceSummaryFields,
  municipalities: z.array(z.object({ ags: agsSchema, name: z.string() })),
  revisionState: practiceRevisionStateSchema.nullable(),
});
export type PracticeListItem = z.infer<typeof practiceListItemSchema>;

export const practiceListSchema = z.object({ items: z.array(practiceListItemSchema), total: z.number().int() });
export type PracticeList = z.infer<typeof practiceListSchema>;

/**
 * GET /api/practices?q=&topic=&district=&phase=&criteria=&ags=&state=&sizeClass=&adopted=&limit=&offset=
 * (newest published first, then newest changed). The public and other municipalities see published entries only.
 */
export const practiceListQuerySchema = z.object({
  q: textSchema.trim().max(100).optional(),
  topic: practiceTopicSchema.optional(),
  district: districtKeySchema.optional(),
  phase: practicePhaseSchema.optional(),
  /** Entries an editor marked with this criterion. */
  criteria: practiceCriterionSchema.optional(),
  /** Entries about this municipality. */
  ags: agsSchema.optional(),
  state: practiceStateSchema.optional(),
  /** Entries about a municipality of this size class (population today; stats' SIZE_CLASSES). */
  sizeClass: sizeClassKeySchema.optional(),
  /** true: adopted by at least one municipality; false: by none. */
  adopted: queryBooleanSchema.optional(),
  /** true: only the reader's own entries (written by them, or about their municipalities); none for anonymous readers. */
  mine: queryBooleanSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type PracticeListQuery = z.infer<typeof practiceListQuerySchema>;

export const practiceDetailSchema = z.object({
  ...practiceSummaryFields,
  /** Sanitised HTML (p, ul, ol, li, a[href], strong, em, br). */
  descriptionHtml: z.string(),
  municipalities: z.array(practiceMunicipalitySchema),
  concept: conceptRefSchema.extend({ status: conceptStatusSchema }).nullable(),
  partners: z.string().nullable(),
  outcome: z.string().nullable(),
  transferability: z.string().nullable(),
  contact: practiceContactSchema.nullable(),
  links: z.array(practiceLinkSchema),
  adopters: z.array(practiceAdopterSchema),
  images: z.array(practiceImageSchema),
  /** The funding programmes and measures the entry used. */
  funding: z.object({ programmes: z.array(practiceProgrammeRefSchema), measures: z.array(practiceMeasureRefSchema) }),
  /** Editors and owners only: the return comment of a returned entry, else null. */
  returnComment: z.string().nullable(),
  /** Editors and owners only: the revision under way of a published entry. */
  revision: practiceRevisionSchema.nullable(),
  createdAt: z.string(),
  /** Who wrote it; null for anonymous readers. */
  author: personRefSchema.nullable(),
});
export type PracticeDetail = z.infer<typeof practiceDetailSchema>;

/** 412 VERSION_MISMATCH of a PATCH: `current` is the entry as GET /api/practices/:id answers now. */
export const practicePreconditionFailedSchema = errorResponseSchema.extend({ current: practiceDetailSchema });

export const practiceIdParamsSchema = numericIdParamsSchema;

/** GET /api/practices/feed.atom and GET /api/export/practices.csv|json: the published entries' filters. */
export const practiceExportQuerySchema = practiceListQuerySchema.omit({ state: true, limit: true, offset: true });
export type PracticeExportQuery = z.input<typeof practiceExportQuerySchema>;

/** One row of the open-data export (CSV columns in this order; JSON items). */
export const practiceExportItemSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  summary: z.string(),
  ags: z.array(agsSchema),
  municipalities: z.array(z.string()),
  topics: z.array(practiceTopicSchema),
  phase: practicePhaseSchema,
  periodFrom: isoDateSchema.nullable(),
  periodTo: isoDateSchema.nullable(),
  partners: z.string().nullable(),
  outcome: z.string().nullable(),
  transferability: z.string().nullable(),
  innovative: z.boolean(),
  exemplary: z.boolean(),
  cooperative: z.boolean(),
  adopterCount: z.number().int(),
  adopters: z.array(agsSchema),
  publishedAt: z.string(),
  url: z.string(),
});
export type PracticeExportItem = z.infer<typeof practiceExportItemSchema>;
export const practiceExportSchema = z.object({ items: z.array(practiceExportItemSchema), total: z.number().int() });
