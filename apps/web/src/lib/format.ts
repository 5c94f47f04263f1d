/** Locale-aware formatting. German (de-DE) is the default; the English UI passes en-GB. */

export const DEFAULT_LOCALE = "de-DE";

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, fractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${fractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(key, format);
  }
  return format;
}

/** 245618 -> "245.618" */
export function formatInteger(value: number, locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, 0).format(value);
}

/** 297.364 -> "297,36" (square kilometres, two decimals). */
export function formatArea(value: number, locale: string = DEFAULT_LOCALE): string {
  return numberFormat(locale, 2).format(value);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * "2026-11-25" -> "25.11.2026". Calendar dates are formatted in UTC so that the
 * browser's time zone can never shift them by a day. Returns the input unchanged
 * when it is not a valid ISO calendar date.
 */
export function formatDate(isoDate: string, locale: string = DEFAULT_LOCALE): string {
  const match = ISO_DATE.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return isoDate;
  }
  return dateFormat(locale).format(date);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** One formatter per locale: constructing an Intl.DateTimeFormat costs far more than formatting with it. */
function dateFormat(locale: string): Intl.DateTimeFormat {
  let format = dateFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric", timeZone: "UTC" });
    dateFormats.set(locale, format);
  }
  return format;
}
