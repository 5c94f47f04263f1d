import type { ConsultationStats } from "@insek/contracts";
import { type ReactNode, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { useFormatters } from "../../../lib/use-formatters";
import "../consultations.css";

/** A chart with its text summary; the same figures as a table one click away. */
function StatsPanel({ title, summary, chart, table }: { title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation("advisory");
  const [shown, setShown] = useState(false);
  const id = useId();
  return (
    <section className="stats-panel" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{title}</h3>
      <p>{summary}</p>
      <div className="stats-chart" aria-hidden="true">
        {chart}
      </div>
      <button type="button" className="button button--secondary" aria-expanded={shown} aria-controls={`${id}-table`} onClick={() => setShown((v) => !v)}>
        {shown ? t("stats.hideTable") : t("stats.showTable")}
      </button>
      <div id={`${id}-table`} className="stats-panel__table" hidden={!shown}>
        <div className="table-scroll" role="region" aria-label={t("stats.tableRegion", { title })} tabIndex={0}>
          {table}
        </div>
      </div>
    </section>
  );
}

/** The figures of one chart as a table: a row header and numeric columns. */
function FiguresTable<Row>({
  caption,
  rowHeader,
  rows,
  rowKey,
  rowLabel,
  columns,
}: {
  caption: string;
  rowHeader: string;
  rows: Row[];
  rowKey: (row: Row) => string;
  rowLabel: (row: Row) => string;
  columns: { header: string; value: (row: Row) => number }[];
}) {
  const format = useFormatters();
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader}</th>
          {columns.map((column) => (
            <th key={column.header} scope="col" className="num">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row">{rowLabel(row)}</th>
            {columns.map((column) => (
              <td key={column.header} className="num">
                {format.integer(column.value(row))}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function monthLabel(month: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(month);
  if (!match) return month;
  return new Intl.DateTimeFormat(locale, { month: "short", year: "numeric", timeZone: "UTC" }).format(
    new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1)),
  );
}

const BAR = "#006b32";
const BAR_2 = "#595959";

/**
 * Activity statistics (a separate chunk, loaded with React.lazy so recharts stays out of the initial JS):
 * consultations per month, per kind, per district, municipalities reached. No animations.
 */
export default function ConsultationCharts({ stats, locale }: { stats: ConsultationStats; locale: string }) {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const months = stats.perMonth.map((m) => ({ ...m, label: monthLabel(m.month, locale) }));
  const kinds = stats.perKind.map((k) => ({ ...k, label: t(`kind.${k.kind}`) }));
  const topKind = [...kinds].sort((a, b) => b.consultations - a.consultations)[0];
  const districts = stats.perDistrict;
  return (
    <div className="stats-grid">
      <StatsPanel
        title={t("stats.perMonth")}
        summary={t("stats.perMonthSummary", { count: stats.total, months: months.length })}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={months} margin={{ top: 16, right: 8, left: 0, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Bar dataKey="consultations" fill={BAR} isAnimationActive={false}>
                <LabelList dataKey="consultations" position="top" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <FiguresTable
            caption={t("stats.perMonth")}
            rowHeader={t("stats.month")}
            rows={months}
            rowKey={(m) => m.month}
            rowLabel={(m) => m.label}
            columns={[
              { header: t("stats.consultations"), value: (m) => m.consultations },
              { header: t("stats.municipalities"), value: (m) => m.municipalitiesReached },
            ]}
          />
        }
      />
      <StatsPanel
        title={t("stats.perKind")}
        summary={topKind ? t("stats.perKindSummary", { kind: topKind.label }) : t("stats.empty")}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={kinds} layout="vertical" margin={{ left: 8, right: 32 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="label" width={170} interval={0} />
              <Bar dataKey="consultations" fill={BAR} isAnimationActive={false}>
                <LabelList dataKey="consultations" position="right" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <FiguresTable
            caption={t("stats.perKind")}
            rowHeader={t("stats.kind")}
            rows={kinds}
            rowKey={(k) => k.kind}
            rowLabel={(k) => k.label}
            columns={[{ header: t("stats.consultations"), value: (k) => k.consultations }]}
          />
        }
      />
      <StatsPanel
        title={t("stats.perDistrict")}
        summary={t("stats.perDistrictSummary", { count: districts.filter((d) => d.consultations > 0).length })}
        chart={
          <ResponsiveContainer width="100%" height={Math.max(240, districts.length * 26)}>
            <BarChart accessibilityLayer={false} data={districts} layout="vertical" margin={{ left: 8, right: 32 }}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} />
              <XAxis type="number" allowDecimals={false} />
              <YAxis type="category" dataKey="name" width={170} interval={0} />
              <Bar dataKey="consultations" fill={BAR} isAnimationActive={false} />
              <Bar dataKey="municipalitiesReached" fill={BAR_2} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <FiguresTable
            caption={t("stats.perDistrict")}
            rowHeader={t("stats.district")}
            rows={districts}
            rowKey={(d) => d.districtKey}
            rowLabel={(d) => d.name}
            columns={[
              { header: t("stats.consultations"), value: (d) => d.consultations },
              { header: t("stats.municipalities"), value: (d) => d.municipalitiesReached },
            ]}
          />
        }
      />
      <StatsPanel
        title={t("stats.reachedPerMonth")}
        summary={`${t("stats.reached")}: ${format.integer(stats.municipalitiesReached)}`}
        chart={
          <ResponsiveContainer width="100%" height={240}>
            <BarChart accessibilityLayer={false} data={months} margin={{ top: 16, right: 8, left: 0, bottom: 8 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="label" />
              <YAxis allowDecimals={false} />
              <Bar dataKey="municipalitiesReached" fill={BAR_2} isAnimationActive={false}>
                <LabelList dataKey="municipalitiesReached" position="top" />
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <FiguresTable
            caption={t("stats.reachedPerMonth")}
            rowHeader={t("stats.month")}
            rows={months}
            rowKey={(m) => m.month}
            rowLabel={(m) => m.label}
            columns={[{ header: t("stats.municipalities"), value: (m) => m.municipalitiesReached }]}
          />
        }
      />
    </div>
  );
}
