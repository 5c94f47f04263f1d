import { z } from "zod";
import { associationKeySchema } from "./associations.js";
import { rulesSchema } from "./insek.js";
import {
  agsSchema,
  districtKeySchema,
  districtTypeSchema,
  isoDateSchema,
  municipalityTypeSchema,
  statusSchema,
} from "./vocabulary.js";

export const byStatusSchema = z.object({
  none: z.number().int(),
  drafting: z.number().int(),
  council_adopted: z.number().int(),
  funding_eligible: z.number().int(),
  updating: z.number().int(),
});
export type ByStatus = z.infer<typeof byStatusSchema>;

export const coverageSchema = z.object({
  /** Municipalities with a current adopted concept. */
  count: z.number().int(),
  /** count / total, 0..1. */
  share: z.number(),
  population: z.number().int(),
  /** population / total population, 0..1. */
  populationShare: z.number(),
});
export type Coverage = z.infer<typeof coverageSchema>;

export const figuresSchema = z.object({
  total: z.number().int(),
  population: z.number().int(),
  byStatus: byStatusSchema,
  covered: coverageSchema,
  expiring: z.number().int(),
  stale: z.number().int(),
});
export type Figures = z.infer<typeof figuresSchema>;

export const summarySchema = figuresSchema.extend({
  asOf: isoDateSchema,
  rules: rulesSchema,
  /** True while the database holds the synthetic demo history. */
  demo: z.boolean(),
});
export type Summary = z.infer<typeof summarySchema>;

export const SIZE_CLASSES = [
  { key: "under_2000", min: 0, max: 2000 },
  { key: "2000_5000", min: 2000, max: 5000 },
  { key: "5000_10000", min: 5000, max: 10000 },
  { key: "10000_20000", min: 10000, max: 20000 },
  { key: "20000_50000", min: 20000, max: 50000 },
  { key: "50000_100000", min: 50000, max: 100000 },
  { key: "over_100000", min: 100000, max: null },
] as const;
export const sizeClassKeySchema = z.enum(SIZE_CLASSES.map((c) => c.key) as [string, ...string[]]);

export const districtStatsSchema = z.object({
  asOf: isoDateSchema,
  rules: rulesSchema,
  demo: z.boolean(),
  items: z.array(figuresSchema.extend({ key: districtKeySchema, name: z.string(), type: districtTypeSchema })),
  sizeClasses: z.array(
    figuresSchema.extend({
      key: sizeClassKeySchema,
      /** Inhabitants from (inclusive) … to (exclusive; null = open). */
      min: z.number().int(),
      max: z.number().int().nullable(),
    }),
  ),
});
export type DistrictStats = z.infer<typeof districtStatsSchema>;

/** Optional restrictions of the statistics to part of the registry (all optional: absent = all of Saxony). */
export const statsFilterQuerySchema = z.object({
  district: districtKeySchema.optional(),
  type: municipalityTypeSchema.optional(),
  sizeClass: sizeClassKeySchema.optional(),
  /**
   * Only the members of this Verwaltungsgemeinschaft or -verband (9-digit key), as the list's filter: the
   * membership valid on the date asked (for the timeline, on each point's date). An unknown key matches none.
   */
  association: associationKeySchema.optional(),
});
export type StatsFilterQuery = z.infer<typeof statsFilterQuerySchema>;

export const summaryQuerySchema = statsFilterQuerySchema.extend({ asOf: isoDateSchema.optional() });
export type SummaryQuery = z.infer<typeof summaryQuerySchema>;

/** The figures per district and size class take the same date and filters as the summary. */
export const districtStatsQuerySchema = summaryQuerySchema;
export type DistrictStatsQuery = z.infer<typeof districtStatsQuerySchema>;

export const timelineQuerySchema = statsFilterQuerySchema.extend({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type TimelineQuery = z.infer<typeof timelineQuerySchema>;

export const timelineSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  rules: rulesSchema,
  demo: z.boolean(),
  points: z.array(
    z.object({
      /** Last day of the month (or `to` for the last point). */
      date: isoDateSchema,
      total: z.number().int(),
      byStatus: byStatusSchema,
      covered: coverageSchema,
    }),
  ),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const statusMapQuerySchema = z.object({
  asOf: isoDateSchema.optional(),
  /** Only the members of this association on `asOf` (as the list's filter). */
  association: associationKeySchema.optional(),
});
export type StatusMapQuery = z.infer<typeof statusMapQuerySchema>;

/**
 * Every municipality existing on a date with its status then, and the registry facts the map filters
 * and labels by: what the coverage map draws, without the full records of GET /api/municipalities.
 */
export const statusMapSchema = z.object({
  asOf: isoDateSchema,
  demo: z.boolean(),
  items: z.array(
    z.object({
      ags: agsSchema,
      displayName: z.string(),
      districtKey: districtKeySchema,
      districtName: z.string(),
      type: municipalityTypeSchema,
      population: z.number().int().nullable(),
      status: statusSchema,
      /** Has a current concept on the date (see Coverage). */
      current: z.boolean(),
    }),
  ),
});
export type StatusMap = z.infer<typeof statusMapSchema>;
export type StatusMapItem = StatusMap["items"][number];
