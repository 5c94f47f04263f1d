import { useMemo } from "react";
import { formatArea, formatDate, formatInteger } from "./format";
import { useFormatLocale } from "./i18n";

/** Formatters bound to the current UI language (German by default). */
export function useFormatters() {
  const locale = useFormatLocale();
  return useMemo(
    () => ({
      integer: (value: number) => formatInteger(value, locale),
      area: (value: number) => formatArea(value, locale),
      date: (isoDate: string) => formatDate(isoDate, locale),
    }),
    [locale],
  );
}
