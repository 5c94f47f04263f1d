import type { InsekRecord } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../lib/use-formatters";

/** "aktuell bis …" with text badges (never colour alone) for expired, expiring and stale records. */
export function CurrencyBadges({ record }: { record: Pick<InsekRecord, "currentUntil" | "current" | "expiring" | "stale"> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <span className="currency">
      {record.currentUntil ? (
        <span>{t("currency.until", { date: format.date(record.currentUntil) })}</span>
      ) : (
        <span className="secondary">{t("currency.none")}</span>
      )}
      {record.currentUntil && !record.current ? <span className="badge badge--expired">{t("currency.expired")}</span> : null}
      {record.expiring ? <span className="badge badge--expiring">{t("currency.expiring")}</span> : null}
      {record.stale ? <span className="badge badge--stale">{t("currency.stale")}</span> : null}
    </span>
  );
}
