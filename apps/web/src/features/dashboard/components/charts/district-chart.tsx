import type { DistrictStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { compareDistricts } from "../../district-comparison";
import { signedChange } from "../../overview-params";
import { STATUS_ORDER, STATUS_STYLE, patternId } from "../../status-style";
import { useDashboardFormat } from "../../use-dashboard-format";
import { statusPatternDefs } from "../status-patterns";
import { ChartLegend } from "./chart-legend";
import { ChartPanel, TableScroll } from "../../../../components/chart-panel";

/** Its own pattern ids: the status chart's patterns are on the same page. */
const PREFIX = "chart-d";

/**
 * The status mix per district (or of the filtered district only); in compare mode (`compareStats`, the
 * figures of the comparison date) the share of municipalities with a current concept on both dates.
 */
export const DistrictChart = memo(function DistrictChart({
  districtStats,
  compareStats,
  district,
  scope,
}: {
  districtStats: DistrictStats;
  compareStats?: DistrictStats | undefined;
  district: string | null;
  scope: string;
}) {
  const { t } = useTranslation("dashboard");
  const format = useDashboardFormat();
  const statusLabel = (status: (typeof STATUS_ORDER)[number]) => t(`status.${status}`);
  const items = district ? districtStats.items.filter((item) => item.key === district) : districtStats.items;
  const districtData = items.map((item) => ({ name: item.name, share: item.covered.share, ...item.byStatus }));
  // Ranked among the districts that have municipalities in the filter (a filter can leave some empty).
  const ranked = items.filter((item) => item.total > 0).sort((a, b) => b.covered.share - a.covered.share);
  const best = ranked[0];
  const worst = ranked[ranked.length - 1];
  const title = t("charts.districtTitle", { scope });
  if (compareStats) {
    const only = district ? { ...compareStats, items: compareStats.items.filter((item) => item.key === district) } : compareStats;
    return <DistrictCompareChart now={{ ...districtStats, items }} then={only} scope={scope} />;
  }
  return (
    <ChartPanel
      title={title}
      summary={
        best && worst && best !== worst
          ? t("charts.districtSummary", {
              best: best.name,
              bestShare: format.share(best.covered.share),
              worst: worst.name,
              worstShare: format.share(worst.covered.share),
            })
          : best
            ? t("charts.districtSummaryOne", { name: best.name, share: format.share(best.covered.share) })
            : ""
      }
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, 60 + 28 * items.length)}>
          <BarChart accessibilityLayer={false} data={districtData} layout="vertical" margin={{ left: 8, right: 16 }}>
            {statusPatternDefs(PREFIX)}
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tickFormatter={format.integer} />
            <YAxis type="category" dataKey="name" width={170} interval={0} />
            <Tooltip formatter={(value: unknown) => format.integer(Number(value))} />
            <Legend content={ChartLegend} />
            {STATUS_ORDER.map((status) => (
              <Bar
                key={status}
                dataKey={status}
                name={statusLabel(status)}
                stackId="status"
                fill={`url(#${patternId(PREFIX, status)})`}
                stroke="#1a1a1a"
                strokeWidth={0.5}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <TableScroll label={title}>
          <table className="data-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("charts.columnDistrict")}</th>
                {STATUS_ORDER.map((status) => (
                  <th scope="col" className="num" key={status}>
                    {statusLabel(status)}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("charts.columnShare")}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.key}>
                  <th scope="row">{item.name}</th>
                  {STATUS_ORDER.map((status) => (
                    <td className="num" key={status}>
                      {format.integer(item.byStatus[status])}
                    </td>
                  ))}
                  <td className="num">{format.share(item.covered.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      }
    />
  );
});

const NOW_FILL = STATUS_STYLE.funding_eligible.fill;

/** Compare mode: per district the covered share on the comparison date and on "Stand am", side by side. */
function DistrictCompareChart({ now, then, scope }: { now: DistrictStats; then: DistrictStats; scope: string }) {
  const { t } = useTranslation("dashboard");
  const { t: tw } = useTranslation("workflows");
  const format = useDashboardFormat();
  const rows = compareDistricts(now, then);
  const thenDate = format.date(then.asOf);
  const nowDate = format.date(now.asOf);
  const thenLabel = tw("comparison.columnShareOn", { date: thenDate });
  const nowLabel = tw("comparison.columnShareOn", { date: nowDate });
  const data = rows.map((row) => ({ name: row.name, then: (row.then ?? 0) * 100, now: (row.now ?? 0) * 100 }));
  const changed = rows.filter((row) => row.change !== null).sort((a, b) => (b.change ?? 0) - (a.change ?? 0));
  const best = changed[0];
  const worst = changed[changed.length - 1];
  const points = (value: number | null) =>
    value === null ? "–" : value === 0 ? "±0" : tw("points", { value: signedChange(value, format.points) });
  const title = tw("comparison.chartTitle", { scope, then: thenDate, now: nowDate });
  return (
    <ChartPanel
      title={title}
      summary={
        best && worst && best !== worst
          ? tw("comparison.chartSummary", { best: best.name, bestChange: points(best.change), worst: worst.name, worstChange: points(worst.change) })
          : best
            ? tw("comparison.chartSummaryOne", { name: best.name, change: points(best.change) })
            : ""
      }
      chart={
        <ResponsiveContainer width="100%" height={Math.max(160, 70 + 40 * data.length)}>
          <BarChart accessibilityLayer={false} data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
            {statusPatternDefs(PREFIX, "drafting")}
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} tickFormatter={(value: number) => format.share(value / 100)} />
            <YAxis type="category" dataKey="name" width={170} interval={0} />
            <Tooltip formatter={(value: unknown) => format.share(Number(value) / 100)} />
            <Legend content={ChartLegend} />
            <Bar dataKey="then" name={thenLabel} fill={`url(#${patternId(PREFIX, "drafting")})`} stroke="#1a1a1a" strokeWidth={0.5} isAnimationActive={false} />
            <Bar dataKey="now" name={nowLabel} fill={NOW_FILL} stroke="#1a1a1a" strokeWidth={0.5} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <TableScroll label={title}>
          <table className="data-table">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("charts.columnDistrict")}</th>
                <th scope="col" className="num">{thenLabel}</th>
                <th scope="col" className="num">{nowLabel}</th>
                <th scope="col" className="num">{tw("comparison.columnChange")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.name}</th>
                  <td className="num">{row.then === null ? "–" : format.share(row.then)}</td>
                  <td className="num">{row.now === null ? "–" : format.share(row.now)}</td>
                  <td className="num">{points(row.change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      }
    />
  );
}
