const saxonyDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/**
 * Today's calendar date in Saxony (YYYY-MM-DD), which is what "as of today" means to users. The API and
 * the web both use it, so a browser in another time zone proposes the same day the API defaults to.
 */
export function todayInSaxony(now: Date = new Date()): string {
  return saxonyDate.format(now);
}
