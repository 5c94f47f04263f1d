import type { InsekRecord } from "@insek/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../lib/use-formatters";

/** The calendar day after an ISO date: a concept current until that day has expired since the next one. */
export function dayAfter(iso: string): string {
  const next = new Date(`${iso}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/**
 * "aktuell bis …", or "abgelaufen seit …" once it has passed, with text badges (never colour alone) for
 * expiring and stale records. `empty` stands where no adopted concept gives a date.
 */
export function CurrencyBadges({
  record,
  empty,
}: {
  record: Pick<InsekRecord, "currentUntil" | "current" | "expiring" | "stale">;
  empty?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <span className="currency">
      {record.currentUntil === null ? (
        (empty ?? <span className="secondary">{t("currency.none")}</span>)
      ) : record.current ? (
        <span>{t("currency.until", { date: format.date(record.currentUntil) })}</span>
      ) : (
        <span className="badge badge--expired">{t("currency.expired", { date: format.date(dayAfter(record.currentUntil)) })}</span>
      )}
      {record.expiring ? <span className="badge badge--expiring">{t("currency.expiring")}</span> : null}
      {record.stale ? <span className="badge badge--stale">{t("currency.stale")}</span> : null}
    </span>
  );
}
