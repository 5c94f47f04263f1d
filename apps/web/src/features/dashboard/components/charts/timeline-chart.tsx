import type { Timeline } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { useDashboardFormat } from "../../use-dashboard-format";
import { ChartLegend } from "./chart-legend";
import { ChartPanel, TableScroll } from "../../../../components/chart-panel";

/**
 * The time axis's ticks: the first month of every year (of every second, third … year, so that there are at
 * most five), labelled with the year; a series shorter than two years gets its first and last month instead.
 */
function yearTicks(dates: readonly string[]): { ticks: string[]; tickLabel: (date: string) => string } {
  const januaries = dates.filter((date) => date.slice(5, 7) === "01");
  if (januaries.length < 2) {
    const ends = [dates[0], dates[dates.length - 1]].filter((date): date is string => date !== undefined);
    return { ticks: [...new Set(ends)], tickLabel: (date) => `${date.slice(5, 7)}/${date.slice(0, 4)}` };
  }
  const step = Math.ceil(januaries.length / 5);
  return { ticks: januaries.filter((_, i) => i % step === 0), tickLabel: (date) => date.slice(0, 4) };
}

/** The covered share (of municipalities and of population) month by month. */
export const TimelineChart = memo(function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { t } = useTranslation("dashboard");
  const format = useDashboardFormat();
  const timelineData = timeline.points.map((point) => ({
    date: point.date,
    label: format.date(point.date),
    share: point.covered.share * 100,
    populationShare: point.covered.populationShare * 100,
  }));
  const first = timeline.points[0];
  const last = timeline.points[timeline.points.length - 1];
  const percentTick = (value: number) => format.share(value / 100);
  const { ticks, tickLabel } = yearTicks(timelineData.map((point) => point.date));
  return (
    <ChartPanel
      title={t("charts.timelineTitle")}
      summary={
        first && last
          ? t("charts.timelineSummary", {
              from: format.date(first.date),
              to: format.date(last.date),
              start: format.share(first.covered.share),
              end: format.share(last.covered.share),
            })
          : ""
      }
      chart={
        <ResponsiveContainer width="100%" height={280}>
          <LineChart accessibilityLayer={false} data={timelineData} margin={{ left: 8, right: 16 }}>
            <CartesianGrid strokeDasharray="3 3" />
            {/* Fixed ticks (years, at most five): short labels that fit side by side even on a phone, and recharts
                need not measure every label's text. */}
            <XAxis dataKey="date" ticks={ticks} interval={0} tickFormatter={tickLabel} />
            <YAxis tickFormatter={percentTick} domain={[0, "auto"]} width={64} />
            <Tooltip formatter={(value: unknown) => percentTick(Number(value))} labelFormatter={(date: unknown) => format.date(String(date))} />
            <Legend content={ChartLegend} />
            <Line
              type="monotone"
              dataKey="share"
              name={t("charts.shareLabel")}
              stroke="#006b32"
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="populationShare"
              name={t("charts.populationShareLabel")}
              stroke="#10507a"
              strokeWidth={2}
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      }
      table={
        <TableScroll label={t("charts.timelineTitle")}>
          <table className="data-table">
            <caption>{t("charts.timelineTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("charts.columnMonth")}</th>
                <th scope="col" className="num">
                  {t("charts.columnCount")}
                </th>
                <th scope="col" className="num">
                  {t("charts.columnShare")}
                </th>
                <th scope="col" className="num">
                  {t("charts.columnPopulationShare")}
                </th>
              </tr>
            </thead>
            <tbody>
              {timeline.points.map((point) => (
                <tr key={point.date}>
                  <th scope="row">{format.date(point.date)}</th>
                  <td className="num">{format.integer(point.total)}</td>
                  <td className="num">{format.share(point.covered.share)}</td>
                  <td className="num">{format.share(point.covered.populationShare)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      }
    />
  );
});
