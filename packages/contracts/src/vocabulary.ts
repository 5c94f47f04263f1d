import { z } from "zod";

/** INSEK status of a municipality (product.md, "Domain vocabulary"). */
export const STATUSES = ["none", "drafting", "council_adopted", "funding_eligible", "updating"] as const;
export const statusSchema = z.enum(STATUSES);
export type Status = z.infer<typeof statusSchema>;

export const CONCEPT_KINDS = ["INSEK", "INGEKO"] as const;
export const conceptKindSchema = z.enum(CONCEPT_KINDS);
export type ConceptKind = z.infer<typeof conceptKindSchema>;

export const MUNICIPALITY_TYPES = ["kreisfreie_stadt", "grosse_kreisstadt", "stadt", "gemeinde"] as const;
export const municipalityTypeSchema = z.enum(MUNICIPALITY_TYPES);
export type MunicipalityType = z.infer<typeof municipalityTypeSchema>;

export const DISTRICT_TYPES = ["kreisfreie_stadt", "landkreis"] as const;
export const districtTypeSchema = z.enum(DISTRICT_TYPES);
export type DistrictType = z.infer<typeof districtTypeSchema>;

/** 8-digit Amtlicher Gemeindeschlüssel. */
export const agsSchema = z.string().regex(/^\d{8}$/, "must be an 8-digit AGS");
/** 5-digit district key (first five digits of the AGS). */
export const districtKeySchema = z.string().regex(/^\d{5}$/, "must be a 5-digit district key");

/**
 * The rule for every text a client sends (query, path and body): no NUL character (PostgreSQL cannot
 * store it) and well-formed Unicode (no lone surrogate such as "\ud800", which has no UTF-8 form).
 * Failing it is a 400 VALIDATION_FAILED whose issue has the field's path and code TEXT_NOT_WELL_FORMED.
 */
export function isWellFormedText(text: string): boolean {
  return !text.includes("\u0000") && !LONE_SURROGATE.test(text);
}
// String.prototype.isWellFormed is Node 20+, but not in the ES2023 library these types build against.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export const TEXT_ISSUE = {
  message: "must be well-formed Unicode text without NUL characters",
  params: { code: "TEXT_NOT_WELL_FORMED" },
  abort: true,
};

export const textSchema = z.string().refine(isWellFormedText, TEXT_ISSUE);

/** Years a date may have unless its field says otherwise (PostgreSQL takes year 0 in no form). */
export const DATE_YEAR_RANGE = { min: 1900, max: 2100 } as const;

/** A year within DATE_YEAR_RANGE: the check of every date (and quarter) field, code DATE_OUT_OF_RANGE. */
function yearInRange(value: string): boolean {
  const year = Number(value.slice(0, 4));
  return year >= DATE_YEAR_RANGE.min && year <= DATE_YEAR_RANGE.max;
}
const dateRangeIssue = {
  message: `must lie between ${DATE_YEAR_RANGE.min} and ${DATE_YEAR_RANGE.max}`,
  params: { code: "DATE_OUT_OF_RANGE" },
};

/** Calendar date as YYYY-MM-DD that must exist in the calendar, in the years 1900 to 2100. */
export const isoDateSchema = z.iso.date().refine((value) => !/^\d{4}-/.test(value) || yearInRange(value), dateRangeIssue);

/** A quarter as 2026-Q3, in the years of a date. */
export const quarterSchema = textSchema
  .regex(/^\d{4}-Q[1-4]$/, "must look like 2026-Q3")
  .refine((value) => !/^\d{4}-/.test(value) || yearInRange(value), dateRangeIssue);

/** A boolean in a query string: "true"/"false" (also "1"/"0"). */
export const queryBooleanSchema = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");
