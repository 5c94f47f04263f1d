/** Source of "now"; tests hand in a fixed clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

const berlinDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** Today's calendar date in Saxony (YYYY-MM-DD), which is what "as of today" means to users. */
export function todayInSaxony(clock: Clock): string {
  return berlinDate.format(clock());
}
