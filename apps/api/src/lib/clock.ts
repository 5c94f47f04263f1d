import { todayInSaxony as saxonyDateOf } from "@insek/contracts";

/** Source of "now"; tests hand in a fixed clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

// The date in Saxony can only change at a whole minute (its UTC offsets are whole hours), so the formatted
// date of the last minute asked for is kept: formatting with Intl cost ~3 % of a cached read (decision 0026).
let knownMinute = Number.NaN;
let knownDate = "";

/** Today's calendar date in Saxony (YYYY-MM-DD) by the given clock; the rule itself lives in the contracts. */
export function todayInSaxony(clock: Clock): string {
  const now = clock();
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== knownMinute) {
    knownDate = saxonyDateOf(now);
    knownMinute = minute;
  }
  return knownDate;
}
