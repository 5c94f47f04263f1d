import type { InsekRecord } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { NotAvailable } from "./not-available";
import { useFormatLocale } from "../lib/i18n";
import { useFormatters } from "../lib/use-formatters";
import { useRules } from "../lib/api/get-rules";
import { formatTimestamp } from "../lib/format-timestamp";
import { CurrencyBadges } from "./currency-badges";

export function RecordCard({ record }: { record: InsekRecord }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const locale = useFormatLocale();
  const rules = useRules();
  const date = (value: string | null) => (value === null ? <NotAvailable /> : format.date(value));
  const timestamp = (value: string | null) => (value === null ? <NotAvailable /> : formatTimestamp(value, locale));

  return (
    <section className="record-card" aria-labelledby="record-card-heading">
      <h2 id="record-card-heading">{t("record.cardHeading")}</h2>
      <dl className="record-facts">
        <dt>{t("record.status")}</dt>
        <dd>
          <span className={`status-label status-label--${record.status}`}>{t(`status.${record.status}`)}</span>
          {record.statusSince ? ` (${t("record.since")} ${format.date(record.statusSince)})` : null}
        </dd>
        <dt>{t("record.conceptKind")}</dt>
        <dd>{record.conceptKind ?? <NotAvailable />}</dd>
        <dt>{t("record.councilResolution")}</dt>
        <dd>{date(record.councilResolutionDate)}</dd>
        <dt>{t("record.currency")}</dt>
        <dd>
          <CurrencyBadges record={record} />
          {rules.data ? (
            <span className="hint record-card__rule">
              {t("currency.rule", { years: rules.data.currencyYears, months: rules.data.expiringMonths })}
            </span>
          ) : null}
        </dd>
        <dt>{t("record.horizonYear")}</dt>
        <dd>{record.horizonYear ?? <NotAvailable />}</dd>
        <dt>{t("record.source")}</dt>
        <dd>{record.source ? t(`source.${record.source}`) : <NotAvailable />}</dd>
        <dt>{t("record.document")}</dt>
        <dd>
          {record.documentUrl ? (
            <a href={record.documentUrl} rel="noopener noreferrer">
              {t("record.documentLink")}
            </a>
          ) : (
            <NotAvailable />
          )}
        </dd>
        <dt>{t("record.lastActivity")}</dt>
        <dd>{timestamp(record.lastActivityAt)}</dd>
        <dt>{t("record.lastConfirmed")}</dt>
        <dd>{timestamp(record.lastConfirmedAt)}</dd>
      </dl>
      <p className="hint">{t("record.version", { version: record.version })}</p>
    </section>
  );
}
