import { z } from "zod";
import { associationKeySchema, associationRefSchema } from "./associations.js";
import { municipalityConceptSchema, townWideConceptSchema } from "./concepts.js";
import { insekRecordSchema } from "./insek.js";
import {
  agsSchema,
  districtKeySchema,
  districtTypeSchema,
  isoDateSchema,
  municipalityTypeSchema,
  queryBooleanSchema,
  statusSchema,
  textSchema,
} from "./vocabulary.js";

export const districtSchema = z.object({
  key: districtKeySchema,
  name: z.string(),
  type: districtTypeSchema,
  /** Municipalities of this district that exist on the requested date. */
  municipalityCount: z.number().int(),
  population: z.number().int(),
});
export type District = z.infer<typeof districtSchema>;

export const districtListSchema = z.object({ items: z.array(districtSchema) });
export type DistrictList = z.infer<typeof districtListSchema>;

export const municipalitySchema = z.object({
  ags: agsSchema,
  name: z.string().describe("Official name as in the Destatis directory"),
  displayName: z.string(),
  type: municipalityTypeSchema,
  districtKey: districtKeySchema,
  districtName: z.string(),
  population: z.number().int().nullable(),
  populationDate: isoDateSchema.nullable(),
  areaKm2: z.number().nullable(),
  validFrom: isoDateSchema.nullable().describe("First day of existence; null: existed before 2016"),
  validTo: isoDateSchema.nullable().describe("First day on which it no longer exists; null: exists today"),
  successorAgs: agsSchema.nullable(),
});
export type Municipality = z.infer<typeof municipalitySchema>;

export const municipalityDetailSchema = municipalitySchema.extend({
  /** The INSEK record today, derived from the history; `version` is also sent as the ETag. */
  record: insekRecordSchema,
  version: z.number().int(),
  predecessors: z.array(
    z.object({ ags: agsSchema, name: z.string(), validTo: isoDateSchema.nullable() }),
  ),
  /** Its Verwaltungsgemeinschaft or Verwaltungsverband on the requested date; null when it belongs to none. */
  association: associationRefSchema.nullable(),
  /**
   * The concepts that cover it (it is a member of): town-wide ones (own or joint), the area concepts of its
   * funding areas, and earlier ones they replaced; sorted with the town-wide first, then by adoption (newest first).
   */
  concepts: z.array(municipalityConceptSchema),
  /** The FS INGE advisors assigned to it today; empty for anonymous readers. */
  advisors: z.array(z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() })),
});
export type MunicipalityDetail = z.infer<typeof municipalityDetailSchema>;

export const MUNICIPALITY_SORTS = [
  "name",
  "-name",
  "ags",
  "-ags",
  "population",
  "-population",
  "area",
  "-area",
  "district",
  "-district",
] as const;
export const municipalitySortSchema = z.enum(MUNICIPALITY_SORTS);
export type MunicipalitySort = z.infer<typeof municipalitySortSchema>;

export const MAX_PAGE_SIZE = 500;

export const municipalityListQuerySchema = z.object({
  district: districtKeySchema.optional(),
  /** Only the members of this Verwaltungsgemeinschaft or -verband on asOf. */
  association: associationKeySchema.optional(),
  type: municipalityTypeSchema.optional(),
  q: textSchema.trim().max(100).optional(),
  sort: municipalitySortSchema.default("name"),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(50),
  offset: z.coerce.number().int().min(0).default(0),
  asOf: isoDateSchema.optional(),
  status: statusSchema.optional(),
  /** Only municipalities whose adopted concept is current (true) or not (false) on asOf. */
  current: queryBooleanSchema.optional(),
  expiring: queryBooleanSchema.optional(),
  stale: queryBooleanSchema.optional(),
});
export type MunicipalityListQuery = z.infer<typeof municipalityListQuerySchema>;

export const municipalityListItemSchema = municipalitySchema.extend({
  record: insekRecordSchema,
  /** Its town-wide concept (own or joint; decision 0027), null when it is a member of none. */
  concept: townWideConceptSchema.nullable(),
});
export type MunicipalityListItem = z.infer<typeof municipalityListItemSchema>;

export const municipalityListSchema = z.object({
  items: z.array(municipalityListItemSchema),
  total: z.number().int(),
});
export type MunicipalityList = z.infer<typeof municipalityListSchema>;

export const agsParamsSchema = z.object({ ags: textSchema });

export const asOfQuerySchema = z.object({ asOf: isoDateSchema.optional() });
