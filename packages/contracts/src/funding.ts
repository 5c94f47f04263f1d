import { z } from "zod";
import { numericIdParamsSchema } from "./advisory.js";
import { conceptRefSchema } from "./concepts.js";
import { errorResponseSchema } from "./errors.js";
import { agsSchema, districtKeySchema, isoDateSchema, queryBooleanSchema, statusSchema, textSchema } from "./vocabulary.js";

/*
 * Funding (issue 15, docs/decisions/0032-funding-programmes-and-measures.md): funding programmes with their
 * requirements, the funded measures (Gesamtmaßnahmen) of the municipalities with their yearly amounts, and
 * what is derived from both on any date: measures at risk, municipalities eligible without a current concept,
 * the funding figures. Paths and keys are part of the public API.
 */

// ---------------------------------------------------------------------------------------------------------
// Programmes

/** Who funds a programme: the EU (EFRE, LEADER), the federal government with the Länder (Städtebauförderung), the Land alone. */
export const PROGRAMME_LEVELS = ["eu", "federal", "land"] as const;
export const programmeLevelSchema = z.enum(PROGRAMME_LEVELS);
export type ProgrammeLevel = z.infer<typeof programmeLevelSchema>;

/** A programme's stable id: a lower-case slug (e.g. `lebendige-zentren`). */
export const programmeIdSchema = textSchema.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be a lower-case slug like lebendige-zentren").max(80);

const yearSchema = z.number().int().min(1990).max(2100);
const nameSchema = textSchema.trim().min(1).max(300);
const noteSchema = textSchema.trim().max(4000);

/**
 * What a programme asks of a municipality: a current town-wide concept (INSEK/INGEKO), an area concept for
 * the funded area (SEKO, GIHK, VU), and at least `minPopulation` inhabitants (null: no threshold). "More than
 * 2,000" is stored as 2001: the threshold is always "at least".
 */
export const programmeRequirementsSchema = z.object({
  townWideConcept: z.boolean(),
  areaConcept: z.boolean(),
  minPopulation: z.number().int().min(0).nullable(),
});
export type ProgrammeRequirements = z.infer<typeof programmeRequirementsSchema>;

/** The years a programme runs (calls for measures); null: open. */
export const programmePeriodSchema = z.object({ from: yearSchema.nullable(), to: yearSchema.nullable() });

export const programmeSchema = z.object({
  id: programmeIdSchema,
  name: z.string(),
  level: programmeLevelSchema,
  requirements: programmeRequirementsSchema,
  /** A joint (inter-municipal) town-wide concept fulfils the requirement. */
  jointConceptAllowed: z.boolean(),
  period: programmePeriodSchema,
  /** The legal or published source of the requirements (e.g. "FRL StBauE vom 7. März 2022 …"). */
  source: z.string().nullable(),
  notes: z.string().nullable(),
  /** Open for new measures; a closed programme keeps its measures. */
  active: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Programme = z.infer<typeof programmeSchema>;

export const programmeListSchema = z.object({ items: z.array(programmeSchema) });
export type ProgrammeList = z.infer<typeof programmeListSchema>;

/** Body of POST /api/programmes (SMR administrators). */
export const programmeInputSchema = z
  .object({
    id: programmeIdSchema,
    name: nameSchema,
    level: programmeLevelSchema,
    requirements: z
      .object({
        townWideConcept: z.boolean(),
        areaConcept: z.boolean(),
        minPopulation: z.number().int().min(0).max(10_000_000).nullish(),
      })
      .strict(),
    jointConceptAllowed: z.boolean().default(true),
    period: z.object({ from: yearSchema.nullish(), to: yearSchema.nullish() }).strict().optional(),
    source: noteSchema.max(1000).nullish(),
    notes: noteSchema.nullish(),
    active: z.boolean().default(true),
  })
  .strict();
export type ProgrammeInput = z.input<typeof programmeInputSchema>;

/** Body of PATCH /api/programmes/:id (If-Match with the programme's version): the fields to change; `requirements` and `period` replaced whole. */
export const programmeUpdateSchema = z
  .object({
    name: nameSchema,
    level: programmeLevelSchema,
    requirements: programmeInputSchema.shape.requirements,
    jointConceptAllowed: z.boolean(),
    period: z.object({ from: yearSchema.nullish(), to: yearSchema.nullish() }).strict(),
    source: noteSchema.max(1000).nullable(),
    notes: noteSchema.nullable(),
    active: z.boolean(),
  })
  .partial()
  .strict();
export type ProgrammeUpdate = z.infer<typeof programmeUpdateSchema>;

export const programmeIdParamsSchema = z.object({ id: textSchema });

/** 412 VERSION_MISMATCH of a programme write: `current` is the programme now. */
export const programmePreconditionFailedSchema = errorResponseSchema.extend({ current: programmeSchema });

// ---------------------------------------------------------------------------------------------------------
// Measures

/**
 * The state of a measure as the yearly federal programme lists it: laufend (`running`), ruhend (`paused`),
 * ausfinanziert (`fully_funded`), abgerechnet (`settled`).
 */
export const MEASURE_STATES = ["running", "paused", "fully_funded", "settled"] as const;
export const measureStateSchema = z.enum(MEASURE_STATES);
export type MeasureState = z.infer<typeof measureStateSchema>;

/**
 * Warnings on a measure that do not refuse it: `below_min_population` (the municipality had fewer inhabitants
 * than the programme's minimum: its population as recorded for the municipality of the measure),
 * `town_wide_concept_missing` (the programme asks for a town-wide concept and none is linked),
 * `area_concept_missing` (the programme asks for an area concept and none is linked).
 */
export const MEASURE_FLAGS = ["below_min_population", "town_wide_concept_missing", "area_concept_missing"] as const;
export const measureFlagSchema = z.enum(MEASURE_FLAGS);
export type MeasureFlag = z.infer<typeof measureFlagSchema>;

/** Euros with at most two decimals (numeric(14,2)). */
const euroSchema = z
  .number()
  .min(0)
  .max(999_999_999_999.99)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, "at most two decimals (cents)");

/** One year's funds of a measure: the federal, Land and municipal shares, in euros. */
export const measureAmountSchema = z
  .object({
    year: yearSchema,
    federal: euroSchema.default(0),
    land: euroSchema.default(0),
    municipal: euroSchema.default(0),
  })
  .strict();
export type MeasureAmountInput = z.input<typeof measureAmountSchema>;

export const measureAmountOutSchema = z.object({
  year: z.number().int(),
  federal: z.number(),
  land: z.number(),
  municipal: z.number(),
});
export type MeasureAmount = z.infer<typeof measureAmountOutSchema>;

export const measureTotalsSchema = z.object({ federal: z.number(), land: z.number(), municipal: z.number(), total: z.number() });

const measureIdSchema = z.number().int().positive().max(2_147_483_647);

const measureInputFields = {
  ags: agsSchema,
  programmeId: textSchema.trim().min(1).max(80),
  /** The measure's name (Gesamtmaßnahme, e.g. "Altstadt"). */
  name: nameSchema,
  /** The funding area (Fördergebiet), when it is named apart from the measure. */
  area: textSchema.trim().min(1).max(300).nullish(),
  startYear: yearSchema,
  endYear: yearSchema.nullish(),
  state: measureStateSchema,
  /** The town-wide concept (INSEK/INGEKO, own or joint) the measure rests on; it must cover the municipality. */
  conceptId: measureIdSchema.nullish(),
  /** The area concept (SEKO, GIHK, VU) of the funding area; it must be of the same municipality. */
  areaConceptId: measureIdSchema.nullish(),
  /** Yearly amounts, one entry per year (replaced whole on update). */
  amounts: z.array(measureAmountSchema).max(100).optional(),
  note: noteSchema.nullish(),
  /** Seen by staff (SMR, FS INGE) only. */
  noteInternal: noteSchema.nullish(),
};

/**
 * Body of POST /api/measures. The rules between fields are the server's, each answered with 422 and its
 * own code (ERROR_CODES.measure*, programmeNotFound, unknownAgs): end before start, an unknown programme, a
 * town-wide concept not covering the municipality, an area concept of another municipality, a year twice in
 * `amounts`. A municipality below the programme's minimum population is accepted and flagged.
 */
export const measureInputSchema = z.object(measureInputFields).strict();
export type MeasureInput = z.input<typeof measureInputSchema>;

/** Body of PATCH /api/measures/:id (If-Match with the measure's version): the fields to change. */
export const measureUpdateSchema = z.object(measureInputFields).partial().strict();
export type MeasureUpdate = z.input<typeof measureUpdateSchema>;

const measureSummaryFields = {
  id: z.number().int(),
  /** The municipality the measure was recorded for (it may have merged since: see `currentAgs`). */
  ags: agsSchema,
  municipalityName: z.string(),
  districtKey: districtKeySchema,
  districtName: z.string(),
  /** The municipality the measure's municipality belongs to today (itself, or its successor after a merger). */
  currentAgs: agsSchema,
  currentName: z.string(),
  programmeId: z.string(),
  programmeName: z.string(),
  name: z.string(),
  area: z.string().nullable(),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  state: measureStateSchema,
  conceptId: z.number().int().nullable(),
  areaConceptId: z.number().int().nullable(),
  totals: measureTotalsSchema,
  flags: z.array(measureFlagSchema),
  version: z.number().int(),
  updatedAt: z.string(),
};

export const measureListItemSchema = z.object(measureSummaryFields);
export type MeasureListItem = z.infer<typeof measureListItemSchema>;

export const measureListSchema = z.object({ items: z.array(measureListItemSchema), total: z.number().int() });
export type MeasureList = z.infer<typeof measureListSchema>;

/**
 * GET /api/measures?ags=&programme=&state=&district=&q=&limit=&offset= (sorted by municipality, start year,
 * name, id). `ags` also finds the measures of the municipality's predecessors (merged into it).
 */
export const measureListQuerySchema = z.object({
  ags: agsSchema.optional(),
  programme: textSchema.trim().max(80).optional(),
  state: measureStateSchema.optional(),
  /** The district of the measure's municipality. */
  district: districtKeySchema.optional(),
  q: textSchema.trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type MeasureListQuery = z.infer<typeof measureListQuerySchema>;

export const measureDetailSchema = z.object({
  ...measureSummaryFields,
  concept: conceptRefSchema.nullable(),
  areaConcept: conceptRefSchema.nullable(),
  amounts: z.array(measureAmountOutSchema),
  note: z.string().nullable(),
  /** Null for readers who are not staff (SMR, FS INGE). */
  noteInternal: z.string().nullable(),
  createdAt: z.string(),
  /** Who created and last changed it; null for readers who are not staff. */
  createdBy: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type MeasureDetail = z.infer<typeof measureDetailSchema>;

export const measureIdParamsSchema = numericIdParamsSchema;

/** 412 VERSION_MISMATCH of a measure write: `current` is the measure as GET /api/measures/:id answers now. */
export const measurePreconditionFailedSchema = errorResponseSchema.extend({ current: measureDetailSchema });

// ---------------------------------------------------------------------------------------------------------
// Derived on a date: at risk, eligible without a concept, the funding figures

/**
 * Why a running measure is at risk on a date: its municipality (on that date, after mergers) has no current
 * town-wide concept (`no_current_concept`), or one that lapses within the expiring window (`expiring`, the
 * dashboard's "läuft bald ab").
 */
export const AT_RISK_REASONS = ["no_current_concept", "expiring"] as const;
export const atRiskReasonSchema = z.enum(AT_RISK_REASONS);
export type AtRiskReason = z.infer<typeof atRiskReasonSchema>;

/** GET /api/measures/at-risk?asOf=&programme=&district= (asOf default: today, Berlin). */
export const atRiskQuerySchema = z.object({
  asOf: isoDateSchema.optional(),
  programme: textSchema.trim().max(80).optional(),
  district: districtKeySchema.optional(),
});
export type AtRiskQuery = z.infer<typeof atRiskQuerySchema>;

export const atRiskItemSchema = z.object({
  measureId: z.number().int(),
  /** The municipality the measure belongs to on asOf (the successor after a merger). */
  ags: agsSchema,
  municipalityName: z.string(),
  districtKey: districtKeySchema,
  /** The municipality the measure was recorded for. */
  measureAgs: agsSchema,
  measureName: z.string(),
  programmeId: z.string(),
  reason: atRiskReasonSchema,
  /** The first day on which the concept is no longer current (`expiring`); for `no_current_concept` the day it lapsed, null when there never was one. */
  lapsesOn: isoDateSchema.nullable(),
  /** The municipality's INSEK status on asOf. */
  status: statusSchema,
  /** The town-wide concept the municipality's adoption on record names, when it does. */
  conceptId: z.number().int().nullable(),
});
export type AtRiskItem = z.infer<typeof atRiskItemSchema>;

export const atRiskListSchema = z.object({
  asOf: isoDateSchema,
  items: z.array(atRiskItemSchema),
  total: z.number().int(),
  /** The rules the answer depends on (settings). */
  currencyYears: z.number().int(),
  expiringMonths: z.number().int(),
});
export type AtRiskList = z.infer<typeof atRiskListSchema>;

/** GET /api/municipalities/eligible-without-concept?programme=&asOf=&district=&limit=&offset= */
export const eligibleWithoutConceptQuerySchema = z.object({
  programme: textSchema.trim().min(1).max(80),
  asOf: isoDateSchema.optional(),
  district: districtKeySchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EligibleWithoutConceptQuery = z.infer<typeof eligibleWithoutConceptQuerySchema>;

export const eligibleWithoutConceptItemSchema = z.object({
  ags: agsSchema,
  name: z.string(),
  districtKey: districtKeySchema,
  districtName: z.string(),
  population: z.number().int(),
  /** The INSEK status on asOf. */
  status: statusSchema,
  /** The last day the previous adoption counted as current, when there was one (it has lapsed). */
  currentUntil: isoDateSchema.nullable(),
});
export type EligibleWithoutConceptItem = z.infer<typeof eligibleWithoutConceptItemSchema>;

/**
 * Municipalities existing on asOf with at least the programme's minimum population and no current town-wide
 * concept on asOf (sorted by population, largest first). Empty for a programme that asks for no town-wide concept.
 */
export const eligibleWithoutConceptListSchema = z.object({
  asOf: isoDateSchema,
  programmeId: z.string(),
  minPopulation: z.number().int().nullable(),
  items: z.array(eligibleWithoutConceptItemSchema),
  total: z.number().int(),
});
export type EligibleWithoutConceptList = z.infer<typeof eligibleWithoutConceptListSchema>;

/** GET /api/stats/funding?asOf= (default today, Berlin). */
export const fundingStatsQuerySchema = z.object({ asOf: isoDateSchema.optional() });
export type FundingStatsQuery = z.infer<typeof fundingStatsQuerySchema>;

const fundingFiguresFields = {
  /** Distinct municipalities (on asOf, after mergers) with a running measure. */
  municipalities: z.number().int(),
  /** Running measures on asOf. */
  measures: z.number().int(),
  /** Running measures whose municipality has a current town-wide concept on asOf (expiring included). */
  onCurrentConcept: z.number().int(),
  /** Running measures at risk (no current concept, or expiring). */
  atRisk: z.number().int(),
};

export const fundingDistrictFiguresSchema = z.object({
  districtKey: districtKeySchema,
  districtName: z.string(),
  ...fundingFiguresFields,
  /** Municipalities of the district eligible for the programme without a current concept. */
  eligibleWithoutConcept: z.number().int(),
});

export const fundingProgrammeFiguresSchema = z.object({
  programmeId: z.string(),
  name: z.string(),
  ...fundingFiguresFields,
  /** Municipalities eligible for the programme without a current concept (0 when it asks for none). */
  eligibleWithoutConcept: z.number().int(),
  /** Every district (13), also those without measures. */
  byDistrict: z.array(fundingDistrictFiguresSchema),
});

/**
 * The funding figures on asOf. A measure runs on asOf when its state is `running`, startYear <= the year of
 * asOf and endYear is null or >= it; it belongs to the municipality that exists on asOf (successor after a merger).
 */
export const fundingStatsSchema = z.object({
  asOf: isoDateSchema,
  measures: z.object({ running: z.number().int(), atRisk: z.number().int(), onCurrentConcept: z.number().int() }),
  /** Municipalities eligible for at least one active programme that asks for a town-wide concept, without a current one. */
  eligibleWithoutConcept: z.number().int(),
  byProgramme: z.array(fundingProgrammeFiguresSchema),
  currencyYears: z.number().int(),
  expiringMonths: z.number().int(),
});
export type FundingStats = z.infer<typeof fundingStatsSchema>;

// ---------------------------------------------------------------------------------------------------------
// Import of measures (POST /api/measures/import; built in the funding import)

/** The file of POST /api/measures/import: multipart/form-data with the field `file` (CSV or XLSX). */
export const MEASURE_IMPORT_CONTENT_TYPES = {
  multipart: "multipart/form-data",
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

export const measureImportQuerySchema = z.object({
  dryRun: queryBooleanSchema.default(true).describe("true (default): check every row and write nothing"),
});
export type MeasureImportQuery = z.infer<typeof measureImportQuerySchema>;

export const measureImportRowSchema = z.object({
  /** Line of the file, 1-based, the header being line 1 (the sheet's row number in XLSX). */
  row: z.number().int(),
  ags: z.string().nullable(),
  programmeId: z.string().nullable(),
  name: z.string().nullable(),
  ok: z.boolean(),
  /** What the row does (or would do). */
  outcome: z.enum(["created", "updated", "unchanged", "error"]),
  /** The measure written (null in a dry run or on error). */
  measureId: z.number().int().nullable(),
  /** Warnings that do not refuse the row (e.g. below_min_population). */
  flags: z.array(measureFlagSchema),
  /** `field` is the column header; `code` a stable error code. */
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});
export type MeasureImportRow = z.infer<typeof measureImportRowSchema>;

export const measureImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** True only when the rows were written (a real run in which every row passed). */
  applied: z.boolean(),
  rows: z.array(measureImportRowSchema),
  summary: z.object({ total: z.number().int(), ok: z.number().int(), failed: z.number().int() }),
});
export type MeasureImportResult = z.infer<typeof measureImportResultSchema>;

/** 422 IMPORT_INVALID: a real run in which some row failed; nothing was written. */
export const measureImportFailedSchema = errorResponseSchema.extend(measureImportResultSchema.shape);
