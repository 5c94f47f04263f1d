import { ERROR_CODES } from "./errors.js";
import type { Status } from "./vocabulary.js";

/** The earliest effective date of an event (the registry's beginning). */
export const EARLIEST_EFFECTIVE_DATE = "1990-01-01";

/** A broken date rule of a status event, at its field (`body.<field>`), as the API answers it in a 422. */
export interface EventDateIssue {
  path: string;
  code: string;
  message: string;
}

/**
 * The date rules of a status event that need nothing but the event and today, shared by the API (status
 * rules) and the forms (checked before sending). `effectiveDate` is the event's, or today when none is given.
 */
export function effectiveDateIssues(effectiveDate: string, today: string): EventDateIssue[] {
  if (effectiveDate >= EARLIEST_EFFECTIVE_DATE && effectiveDate <= today) return [];
  return [
    {
      path: "body.effectiveDate",
      code: ERROR_CODES.effectiveDateOutOfRange,
      message: `must lie between ${EARLIEST_EFFECTIVE_DATE} and today (${today})`,
    },
  ];
}

/**
 * The council resolution of a status event: required for an adoption, never in the future, never after the
 * effective date. A resolution after today is named as such, also when the effective date was left empty
 * (and so is today): the user gave a date in the future, not an effective date.
 */
export function councilResolutionIssues(
  input: { status?: Status | undefined; councilResolutionDate?: string | null | undefined },
  effectiveDate: string,
  today: string,
): EventDateIssue[] {
  const path = "body.councilResolutionDate";
  const resolution = input.councilResolutionDate ?? null;
  if (resolution === null) {
    return input.status === "council_adopted"
      ? [{ path, code: ERROR_CODES.councilResolutionRequired, message: "an adoption needs the date of the council resolution" }]
      : [];
  }
  if (resolution > today) {
    return [{ path, code: ERROR_CODES.councilResolutionInFuture, message: `a council resolution cannot lie in the future (today is ${today})` }];
  }
  if (resolution > effectiveDate) {
    return [{ path, code: ERROR_CODES.councilResolutionAfterEffective, message: `must not lie after the effective date (${effectiveDate})` }];
  }
  return [];
}
