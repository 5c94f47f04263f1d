import type { Summary } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { STATUS_ORDER, patternId } from "../../status-style";
import { useDashboardFormat } from "../../use-dashboard-format";
import { StatusSwatch, statusPatternDefs } from "../status-patterns";
import { ChartPanel, VALUE_LABEL_COLOUR } from "../../../../components/chart-panel";

const PREFIX = "chart";
const fillOf = (status: (typeof STATUS_ORDER)[number]) => `url(#${patternId(PREFIX, status)})`;

/** The municipalities by status (on the chosen date). */
export const StatusChart = memo(function StatusChart({ summary }: { summary: Summary }) {
  const { t } = useTranslation("dashboard");
  const format = useDashboardFormat();
  const statusLabel = (status: (typeof STATUS_ORDER)[number]) => t(`status.${status}`);
  const statusData = STATUS_ORDER.map((status) => ({ status, label: statusLabel(status), count: summary.byStatus[status] }));
  const top = statusData.reduce((best, item) => (item.count > best.count ? item : best), statusData[0] ?? { label: "", count: 0 });
  return (
    <ChartPanel
      title={t("charts.statusTitle")}
      summary={t("charts.statusSummary", {
        date: format.date(summary.asOf),
        covered: format.integer(summary.covered.count),
        total: format.integer(summary.total),
        top: top.label,
        n: format.integer(top.count),
      })}
      chart={
        <ResponsiveContainer width="100%" height={260}>
          <BarChart accessibilityLayer={false} data={statusData} layout="vertical" margin={{ left: 8, right: 48 }}>
            {statusPatternDefs(PREFIX)}
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} tickFormatter={format.integer} />
            <YAxis type="category" dataKey="label" width={190} interval={0} />
            <Bar dataKey="count" isAnimationActive={false} stroke="#1a1a1a">
              {statusData.map((item) => (
                <Cell key={item.status} fill={fillOf(item.status)} />
              ))}
              <LabelList dataKey="count" position="right" fill={VALUE_LABEL_COLOUR} formatter={(value: unknown) => format.integer(Number(value))} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="data-table">
          <caption>{t("charts.statusTitle")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("charts.columnStatus")}</th>
              <th scope="col" className="num">
                {t("charts.columnCount")}
              </th>
            </tr>
          </thead>
          <tbody>
            {statusData.map((item) => (
              <tr key={item.status}>
                <th scope="row">
                  <StatusSwatch status={item.status} /> {item.label}
                </th>
                <td className="num">{format.integer(item.count)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
});
