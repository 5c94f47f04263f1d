import { z } from "zod";
import { agsSchema, districtKeySchema, isoDateSchema, textSchema } from "./vocabulary.js";

/** District key + the association's 4 digits of the GV100AD directory, e.g. 145215103 (Burkhardtsdorf). */
export const associationKeySchema = z.string().regex(/^\d{9}$/, "must be a 9-digit association key");

export const ASSOCIATION_TYPES = ["verwaltungsgemeinschaft", "verwaltungsverband"] as const;
export const associationTypeSchema = z.enum(ASSOCIATION_TYPES);
export type AssociationType = z.infer<typeof associationTypeSchema>;

/** An association as other records name it (e.g. the municipality detail). */
export const associationRefSchema = z.object({
  key: associationKeySchema,
  name: z.string(),
  type: associationTypeSchema,
});
export type AssociationRef = z.infer<typeof associationRefSchema>;

const associationBaseSchema = associationRefSchema.extend({
  districtKey: districtKeySchema,
  seat: z.string().describe("Seat of the administration as the GV100AD directory names it"),
  fulfillingAgs: agsSchema
    .nullable()
    .describe("The erfüllende Gemeinde of a Verwaltungsgemeinschaft (the member at the seat); null for a Verwaltungsverband"),
});

export const associationListItemSchema = associationBaseSchema.extend({
  /** The members on the requested date, sorted by AGS. */
  members: z.array(z.object({ ags: agsSchema, name: z.string(), displayName: z.string() })),
});
export type AssociationListItem = z.infer<typeof associationListItemSchema>;

export const associationListSchema = z.object({ items: z.array(associationListItemSchema) });
export type AssociationList = z.infer<typeof associationListSchema>;

export const associationListQuerySchema = z.object({ asOf: isoDateSchema.optional() });

export const associationDetailSchema = associationBaseSchema.extend({
  validFrom: isoDateSchema.nullable().describe("First day of existence; null: existed at the first directory at hand"),
  validTo: isoDateSchema.nullable().describe("First day on which it no longer exists; null: exists today"),
  /** Every membership over time, sorted by AGS and start. */
  members: z.array(
    z.object({
      ags: agsSchema,
      name: z.string(),
      displayName: z.string(),
      validFrom: isoDateSchema.nullable().describe("First day of membership; null: member at the first directory at hand"),
      validTo: isoDateSchema.nullable().describe("First day without membership; null: still a member"),
    }),
  ),
});
export type AssociationDetail = z.infer<typeof associationDetailSchema>;

export const associationKeyParamsSchema = z.object({ key: textSchema });
