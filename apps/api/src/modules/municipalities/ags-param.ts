import { ERROR_CODES, agsSchema } from "@insek/contracts";
import { AppError, NotFoundError } from "../../lib/errors.js";

/**
 * The `:ags` path parameter of every /api/municipalities/:ags route. Checked here rather than by the
 * params schema so that a malformed key answers with its own code, INVALID_AGS.
 */
export function parseAgsParam(ags: string): string {
  if (!agsSchema.safeParse(ags).success) {
    throw new AppError(400, ERROR_CODES.invalidAgs, "The AGS must be 8 digits", [
      { path: "params.ags", code: ERROR_CODES.invalidAgs, message: "must be an 8-digit AGS" },
    ]);
  }
  return ags;
}

export function municipalityNotFound(ags: string): NotFoundError {
  return new NotFoundError(ERROR_CODES.municipalityNotFound, `No municipality with AGS ${ags}`);
}
