/** Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC so that no time zone shifts a day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Monday and Sunday of the week (ISO, Monday first) that holds `date`. */
export function weekOf(date: string): { weekStart: string; weekEnd: string } {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const weekStart = addDays(date, -weekday);
  return { weekStart, weekEnd: addDays(weekStart, 6) };
}

/**
 * An assignment's `to` is its last day (inclusive, as users say it); the table stores `valid_to` as the
 * first day it no longer holds (exclusive, as everywhere in the registry).
 */
export function validToOf(to: string | null | undefined): string | null {
  return to ? addDays(to, 1) : null;
}

export function lastDayOf(validTo: string | null): string | null {
  return validTo === null ? null : addDays(validTo, -1);
}
