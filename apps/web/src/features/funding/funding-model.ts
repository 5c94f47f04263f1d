/**
 * Pure logic of the funding pages: amounts in euro, sorting the at-risk list, and the CSV the list downloads
 * as (the same dialect as the API's exports: UTF-8 with BOM, semicolons, CRLF, formula cells defused).
 */

const euroFormats = new Map<string, Intl.NumberFormat>();

function euroFormat(locale: string, cents: boolean): Intl.NumberFormat {
  const key = `${locale}|${cents ? 2 : 0}`;
  let format = euroFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      style: "currency",
      currency: "EUR",
      minimumFractionDigits: cents ? 2 : 0,
      maximumFractionDigits: cents ? 2 : 0,
    });
    euroFormats.set(key, format);
  }
  return format;
}

/** 1234567 -> "1.234.567 €" (de-DE), "€1,234,567" (en-GB); cents only where the amount has some. */
export function formatEuro(amount: number, locale = "de-DE"): string {
  return euroFormat(locale, !Number.isInteger(amount)).format(amount).replace(/\u00a0/g, " ");
}

/** 2021 and 2026 -> "2021–2026"; one year alone; an open end "ab 2021" (the caller words it). */
export function yearSpan(from: number | null, to: number | null): { kind: "span" | "from" | "until" | "none"; text: string } {
  if (from !== null && to !== null) return from === to ? { kind: "span", text: String(from) } : { kind: "span", text: `${from}–${to}` };
  if (from !== null) return { kind: "from", text: String(from) };
  if (to !== null) return { kind: "until", text: String(to) };
  return { kind: "none", text: "" };
}

export type SortDirection = "ascending" | "descending";

export interface SortState<K extends string> {
  key: K;
  direction: SortDirection;
}

/** Clicking a column: the same column turns its direction, another starts ascending. */
export function nextSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  if (current.key !== key) return { key, direction: "ascending" };
  return { key, direction: current.direction === "ascending" ? "descending" : "ascending" };
}

const collator = new Intl.Collator("de", { sensitivity: "base", numeric: true });

/**
 * Sorts rows by one column's value (text in German order, ä beside a; ISO dates and numbers as they compare);
 * empty values (null, "") last in both directions; ties keep the rows' order (Array.prototype.sort is stable).
 */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => string | number | null): T[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    const xEmpty = x === null || x === "";
    const yEmpty = y === null || y === "";
    if (xEmpty || yEmpty) return xEmpty === yEmpty ? 0 : xEmpty ? 1 : -1;
    if (typeof x === "number" && typeof y === "number") return sign * (x - y);
    return sign * collator.compare(String(x), String(y));
  });
}

/** A cell that spreadsheet programs would run as a formula (=, +, -, @; tab and CR per OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  // German Excel reads a decimal comma; no thousands separator.
  const text = typeof value === "number" ? String(value).replace(".", ",") : FORMULA_START.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** CSV for German Excel: UTF-8 BOM, one header row, semicolons, CRLF after every row. */
export function buildCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(";"));
  return `\uFEFF${lines.map((line) => `${line}\r\n`).join("")}`;
}

/** Offers a text as a file download (the browser's own save dialog). */
export function downloadText(fileName: string, text: string, type = "text/csv;charset=utf-8"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The day before an ISO date ("aktuell bis" is the day before the first day no longer current). */
export function dayBefore(isoDate: string): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

/**
 * Does a measure run on a date (the API's rule of the funding figures): state `running`, started in or before
 * the date's year, not ended before it.
 */
export function runsOn(measure: { state: string; startYear: number; endYear: number | null }, asOf: string): boolean {
  const year = Number(asOf.slice(0, 4));
  return measure.state === "running" && measure.startYear <= year && (measure.endYear === null || measure.endYear >= year);
}

/**
 * The municipalities with a running measure on a date, for the map: the municipality recorded and the one it
 * belongs to today (after a merger), so that the shapes of either date find it.
 */
export function municipalitiesRunning(
  measures: readonly { ags: string; currentAgs: string; state: string; startYear: number; endYear: number | null }[],
  asOf: string,
): Set<string> {
  const result = new Set<string>();
  for (const measure of measures) {
    if (!runsOn(measure, asOf)) continue;
    result.add(measure.ags);
    result.add(measure.currentAgs);
  }
  return result;
}
