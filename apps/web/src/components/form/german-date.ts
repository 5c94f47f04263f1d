/**
 * Dates as people type them here, TT.MM.JJJJ, whatever the browser's language; the API takes ISO (JJJJ-MM-TT).
 * Pure functions, so the DateField's behaviour is unit-tested without a browser.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const GERMAN = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/;

/** True for a calendar date in ISO form (2024-02-29 yes, 2023-02-29 no). */
export function isIsoDate(value: string): boolean {
  const match = ISO.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO date as TT.MM.JJJJ; anything else (empty, a half-typed text) unchanged. */
export function isoToGerman(value: string): string {
  const match = ISO.exec(value);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : value;
}

/** A typed TT.MM.JJJJ (or T.M.JJJJ) as ISO, or null when it is no complete, real date. */
export function germanToIso(text: string): string | null {
  const match = GERMAN.exec(text.trim());
  if (!match) return null;
  const [, day, month, year] = match as unknown as [string, string, string, string];
  const iso = `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : null;
}

/**
 * The mask while typing: digits get their dots as they arrive (31122024 → 31.12.2024; "311" → "31.1"; a
 * third digit of the day or month moves on to the next part); dots the user typed stay (1.2.2024); a pasted
 * ISO date turns into TT.MM.JJJJ. Letters and other signs are dropped; day and month take two digits, the
 * year four.
 */
export function maskGermanDate(typed: string): string {
  const trimmed = typed.trim();
  if (ISO.test(trimmed)) return isoToGerman(trimmed);
  const segments = trimmed
    .replace(/[^\d.]/g, "")
    .replace(/\.{2,}/g, ".")
    .split(".");
  const widths = [2, 2, 4];
  const parts: string[] = [];
  while (segments.length > 0 && parts.length < widths.length) {
    const width = widths[parts.length] ?? 4;
    const segment = segments.shift() ?? "";
    if (segment.length > width) segments.unshift(segment.slice(width));
    parts.push(segment.slice(0, width));
  }
  return parts.join(".");
}

/**
 * What a DateField reports for its text: "" when empty, the ISO date when complete and real, otherwise the
 * text as typed (so that a form's check, e.g. the contract's isoDateSchema, names it at the field).
 */
export function dateFieldValue(text: string): string {
  const trimmed = text.trim();
  if (trimmed === "") return "";
  return germanToIso(trimmed) ?? trimmed;
}
