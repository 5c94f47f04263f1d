import { ERROR_CODES, type AssociationDetail, associationKeySchema } from "@insek/contracts";
import type { Db } from "@insek/db";
import { AppError, NotFoundError } from "../../lib/errors.js";
import { findAssociation } from "./associations.repo.js";

/**
 * The `:key` path parameter, checked here rather than by the params schema so that a malformed key answers
 * with its own code, INVALID_ASSOCIATION_KEY (as INVALID_AGS for municipalities).
 */
export function parseAssociationKey(key: string): string {
  if (!associationKeySchema.safeParse(key).success) {
    throw new AppError(400, ERROR_CODES.invalidAssociationKey, "The association key must be 9 digits", [
      { path: "params.key", code: ERROR_CODES.invalidAssociationKey, message: "must be a 9-digit association key" },
    ]);
  }
  return key;
}

/** One association with its members over time; 404 ASSOCIATION_NOT_FOUND for an unknown key. */
export async function associationDetail(db: Db, rawKey: string): Promise<AssociationDetail> {
  const key = parseAssociationKey(rawKey);
  const found = await findAssociation(db, key);
  if (!found) throw new NotFoundError(ERROR_CODES.associationNotFound, `No association with key ${key}`);
  return found;
}
