import { todayInSaxony as saxonyDateOf } from "@insek/contracts";

/** Source of "now"; tests hand in a fixed clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** Today's calendar date in Saxony (YYYY-MM-DD) by the given clock; the rule itself lives in the contracts. */
export function todayInSaxony(clock: Clock): string {
  return saxonyDateOf(clock());
}
