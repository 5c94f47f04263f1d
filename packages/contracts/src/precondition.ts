import { z } from "zod";
import { errorResponseSchema } from "./errors.js";
import { municipalityDetailSchema } from "./registry.js";
import { textSchema } from "./vocabulary.js";

/**
 * 412 VERSION_MISMATCH: the If-Match version is not the record's version any more. `current` is the
 * municipality as GET /api/municipalities/:ags returns it now, so a client can show what changed.
 */
export const preconditionFailedSchema = errorResponseSchema.extend({ current: municipalityDetailSchema });
export type PreconditionFailed = z.infer<typeof preconditionFailedSchema>;

/** Headers of a write to a municipality's record: If-Match with the record version ("3", W/"3" or 3). */
export const ifMatchHeadersSchema = z.object({
  "if-match": textSchema.optional().describe('The record version the change builds on: "3" (the ETag of the detail)'),
});
