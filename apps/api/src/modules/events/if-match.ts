import { ERROR_CODES } from "@insek/contracts";
import { AppError, ValidationError } from "../../lib/errors.js";

const VERSION_TAG = /^(?:W\/)?"(\d{1,9})"$|^(\d{1,9})$/;

/**
 * The record version an If-Match header names: `"3"` (the ETag of the detail), `W/"3"` or `3`.
 * Missing: 428, so that no client can overwrite a change it has not seen.
 */
export function expectedVersionOf(header: string | undefined, etagOf = "GET /api/municipalities/:ags"): number {
  if (header === undefined || header.trim() === "") {
    throw new AppError(428, ERROR_CODES.preconditionRequired, `Send If-Match with the record version you build on (the ETag of ${etagOf})`);
  }
  const match = VERSION_TAG.exec(header.trim());
  const digits = match?.[1] ?? match?.[2];
  if (digits === undefined) {
    throw new ValidationError("If-Match must name a record version", [
      { path: "headers.if-match", code: ERROR_CODES.validation, message: 'must be a record version such as "3"' },
    ]);
  }
  return Number(digits);
}
