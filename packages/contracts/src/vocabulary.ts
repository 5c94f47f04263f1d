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

/** Calendar date as YYYY-MM-DD that must exist in the calendar. */
export const isoDateSchema = z.iso.date();

/** A boolean in a query string: "true"/"false" (also "1"/"0"). */
export const queryBooleanSchema = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");
