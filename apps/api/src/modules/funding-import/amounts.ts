/**
 * An amount in euros as the programme lists write it, in whole cents: German "1.234.567,89", "1234567,5",
 * "1.234.567", plain "1234567", and the decimal point of a spreadsheet's number cell ("1234567.89").
 * A currency sign, "EUR" and spaces (also the narrow ones of typeset lists) are ignored. Undefined when the
 * text is no such amount (negative, English thousands "1,234,567", more than two decimals).
 */
export function parseEuroCents(text: string): number | undefined {
  const compact = text.replace(/€|eur(o)?/gi, "").replace(/[\s\u00a0\u202f\u2009]+/g, "");
  if (compact === "") return undefined;
  let euros: string;
  let cents = "";
  const german = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(compact);
  const decimal = /^(\d+)\.(\d{1,2})$/.exec(compact);
  if (german) {
    euros = (german[1] ?? "").replace(/\./g, "");
    cents = german[2] ?? "";
  } else if (decimal) {
    euros = decimal[1] ?? "";
    cents = decimal[2] ?? "";
  } else {
    return undefined;
  }
  const value = Number(euros) * 100 + Number(cents.padEnd(2, "0"));
  return Number.isSafeInteger(value) ? value : undefined;
}
