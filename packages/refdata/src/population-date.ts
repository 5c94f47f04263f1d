const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The population reference date of a directory: the last 31 December at least nine months before
 * its territorial status (31 Dec + 9 months = 30 Sep), e.g. 2022-12-31 -> 2021-12-31 and
 * 2026-05-31 -> 2024-12-31. Destatis needs that long to publish the population of a year's end.
 */
export function populationDateFor(territorialStatus: string): string {
  const match = ISO_DATE.exec(territorialStatus);
  const date = new Date(`${territorialStatus}T00:00:00Z`);
  if (match === null || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== territorialStatus) {
    throw new RangeError(`expected a date as YYYY-MM-DD, got "${territorialStatus}"`);
  }
  const [, year = "", month = "", day = ""] = match;
  const reachedSeptember30 = `${month}-${day}` >= "09-30";
  return `${Number(year) - (reachedSeptember30 ? 1 : 2)}-12-31`;
}
