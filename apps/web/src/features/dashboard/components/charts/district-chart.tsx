import type { DistrictStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { STATUS_ORDER, patternId } from "../../status-style";
import { useDashboardFormat } from "../../use-dashboard-format";
import { statusPatternDefs } from "../status-patterns";
import { ChartPanel, TableScroll } from "./chart-panel";

/** Its own pattern ids: the status chart's patterns are on the same page. */
const PREFIX = "chart-d";

/** The status mix per district (or of the filtered district only). */
export const DistrictChart = memo(function DistrictChart({
  districtStats,
  district,
  scope,
}: {
  districtStats: DistrictStats;
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
            <Legend />
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
