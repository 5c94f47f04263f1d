import { todayInSaxony } from "@insek/contracts";
import { Suspense, lazy, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { DateField, SelectField } from "../../../components/form/field";
import { isIsoDate } from "../../../components/form/german-date";
import { LoadingState, QueryState } from "../../../components/query-state";
import { useFormatLocale } from "../../../lib/i18n";
import { useFormatters } from "../../../lib/use-formatters";
import { consultationsReportUrl, useConsultationStats } from "../api";
import { recentQuarters } from "../quarters";

const ConsultationCharts = lazy(() => import("./consultation-charts"));

function yearStart(today: string): string {
  return `${today.slice(0, 4)}-01-01`;
}

/** Activity statistics for SMR and FS INGE with charts, tables and the quarterly XLSX report. */
export function ConsultationStatsSection() {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const locale = useFormatLocale();
  const id = useId();
  const today = todayInSaxony();
  const [range, setRange] = useState({ from: yearStart(today), to: today });
  // A date still being typed (or not a date) is named at its field; the range waits for two dates.
  const dates = isIsoDate(range.from) && isIsoDate(range.to);
  const valid = dates && range.from <= range.to;
  const stats = useConsultationStats(range.from, range.to, valid);
  const quarters = recentQuarters(today);
  const [quarter, setQuarter] = useState(quarters[0] ?? "");

  return (
    <section className="workspace-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("stats.heading")}</h2>
      <div className="filters">
        <DateField id={`${id}-from`} label={t("stats.from")} value={range.from} onChange={(value) => setRange((r) => ({ ...r, from: value }))} />
        <DateField id={`${id}-to`} label={t("stats.to")} value={range.to} onChange={(value) => setRange((r) => ({ ...r, to: value }))} />
      </div>
      {!valid ? (
        dates ? <p className="notice notice--info">{t("common.toBeforeFrom")}</p> : null
      ) : (
        <QueryState query={stats}>
          {(data) => (
            <>
              <dl className="figures">
                <div className="figures__item">
                  <dt>{t("stats.total")}</dt>
                  <dd className="figures__value">{format.integer(data.total)}</dd>
                </div>
                <div className="figures__item">
                  <dt>{t("stats.reached")}</dt>
                  <dd className="figures__value">{format.integer(data.municipalitiesReached)}</dd>
                </div>
              </dl>
              {data.total === 0 ? (
                <p>{t("stats.empty")}</p>
              ) : (
                <Suspense fallback={<LoadingState />}>
                  <ConsultationCharts stats={data} locale={locale} />
                </Suspense>
              )}
            </>
          )}
        </QueryState>
      )}
      <h3>{t("stats.reportHeading")}</h3>
      <div className="filters">
        <SelectField id={`${id}-quarter`} label={t("stats.quarter")} value={quarter} onChange={(e) => setQuarter(e.target.value)}>
          {quarters.map((q) => (
            <option key={q} value={q}>
              {q.replace("-Q", " – Q")}
            </option>
          ))}
        </SelectField>
        <a className="button" href={consultationsReportUrl(quarter)} download>
          {t("stats.download")}
        </a>
      </div>
    </section>
  );
}
