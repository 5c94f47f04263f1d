import { SIZE_CLASSES } from "@insek/contracts";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useFormatLocale } from "../../lib/i18n";
import { useFormatters } from "../../lib/use-formatters";

/** The shared formatters plus shares (0..1 -> "42,1 %"), percentage points and size-class labels. */
export function useDashboardFormat() {
  const base = useFormatters();
  const locale = useFormatLocale();
  const { t } = useTranslation("dashboard");
  return useMemo(() => {
    const percent = new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    return {
      ...base,
      share: (value: number) => percent.format(value),
      /** A difference of two shares, in percentage points (3.3 -> "3,3"); the unit is added by the text. */
      points: (value: number) => oneDecimal.format(value),
      sizeClass: (key: string) => {
        const size = SIZE_CLASSES.find((c) => c.key === key);
        if (!size) return key;
        if (size.min === 0 && size.max !== null) return t("sizeClasses.under", { max: base.integer(size.max) });
        if (size.max === null) return t("sizeClasses.over", { min: base.integer(size.min) });
        return t("sizeClasses.between", { min: base.integer(size.min), max: base.integer(size.max) });
      },
    };
  }, [base, locale, t]);
}
