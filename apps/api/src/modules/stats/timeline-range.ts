import { ERROR_CODES } from "@insek/contracts";
import { AppError } from "../../lib/errors.js";

/** Earliest date the timeline answers for (no status event is effective before it). */
export const TIMELINE_MIN_DATE = "1990-01-01";
/** At most 20 years of monthly points per request. */
export const TIMELINE_MAX_MONTHS = 240;
/** Default span: from 1 January five years before `to`'s year. */
const DEFAULT_YEARS_BACK = 5;

export interface TimelineRange {
  from: string;
  to: string;
}

/** Number of monthly points from `from`'s month to `to`'s month, both included. */
export function monthsBetween(from: string, to: string): number {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7));
  return index(to) - index(from) + 1;
}

function rangeError(field: "from" | "to", message: string): AppError {
  return new AppError(400, ERROR_CODES.invalidRange, message, [
    { path: `querystring.${field}`, code: ERROR_CODES.invalidRange, message },
  ]);
}

/**
 * Applies the defaults (to = today, from = 1 January of to's year minus five) and the limits.
 * A default `from` never lies before TIMELINE_MIN_DATE; a `from` the client sent must not.
 */
export function resolveTimelineRange(query: { from?: string | undefined; to?: string | undefined }, today: string): TimelineRange {
  const to = query.to ?? today;
  if (to < TIMELINE_MIN_DATE) throw rangeError("to", `to must be on or after ${TIMELINE_MIN_DATE}`);
  const defaultFrom = `${String(Number(to.slice(0, 4)) - DEFAULT_YEARS_BACK).padStart(4, "0")}-01-01`;
  const from = query.from ?? (defaultFrom < TIMELINE_MIN_DATE ? TIMELINE_MIN_DATE : defaultFrom);
  if (from < TIMELINE_MIN_DATE) throw rangeError("from", `from must be on or after ${TIMELINE_MIN_DATE}`);
  if (from > to) throw rangeError("from", "from must not lie after to");
  if (monthsBetween(from, to) > TIMELINE_MAX_MONTHS) {
    throw rangeError("from", `the range spans more than ${TIMELINE_MAX_MONTHS} months`);
  }
  return { from, to };
}
