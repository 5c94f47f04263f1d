import { z } from "zod";

/** The one error shape of every API error (product.md, "Public API"). */
export const errorResponseSchema = z.object({
  statusCode: z.number().int(),
  code: z.string(),
  message: z.string(),
  requestId: z.string(),
  /** Field-level problems for validation errors (400/422). */
  issues: z
    .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
    .optional(),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;

/** Stable error codes. Clients may rely on these strings. */
export const ERROR_CODES = {
  validation: "VALIDATION_FAILED",
  malformedJson: "MALFORMED_JSON",
  badRequest: "BAD_REQUEST",
  notFound: "NOT_FOUND",
  routeNotFound: "ROUTE_NOT_FOUND",
  municipalityNotFound: "MUNICIPALITY_NOT_FOUND",
  invalidAgs: "INVALID_AGS",
  payloadTooLarge: "PAYLOAD_TOO_LARGE",
  unsupportedMediaType: "UNSUPPORTED_MEDIA_TYPE",
  methodNotAllowed: "METHOD_NOT_ALLOWED",
  notReady: "NOT_READY",
  internal: "INTERNAL_ERROR",
} as const;
export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
