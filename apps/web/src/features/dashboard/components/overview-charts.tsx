import type { DistrictStats, Summary, Timeline } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { STATUS_ORDER, STATUS_STYLE, patternId } from "../status-style";
import { useDashboardFormat } from "../use-dashboard-format";
import { ChartPanel, TableScroll } from "./chart-panel";
import { StatusSwatch, statusPatternDefs } from "./status-patterns";

interface Props {
  summary: Summary;
  districtStats: DistrictStats;
  timeline: Timeline;
  /** The district of the overview's filter: the district chart then shows that district only. */
  district: string | null;
  /** "ganz Sachsen" or the active filters, for the titles of the charts that used to be statewide. */
  scope: string;
}

const PREFIX = "chart";
const fillOf = (status: (typeof STATUS_ORDER)[number]) => `url(#${patternId(PREFIX, status)})`;

/**
 * The four charts of the Übersicht; a separate chunk (React.lazy), so recharts stays out of the initial JS.
 * Each chart is memoised on its own data, so a new date redraws a chart once, when its query answers,
 * and never because another query did. No animations: a redraw shows the new figures at once (and
 * nothing moves for users who asked for reduced motion).
 */
function OverviewCharts({ summary, districtStats, timeline, district, scope }: Props) {
  return (
    <div className="chart-grid">
      <StatusChart summary={summary} />
      <DistrictChart districtStats={districtStats} district={district} scope={scope} />
      <TimelineChart timeline={timeline} />
      <SizeChart districtStats={districtStats} scope={scope} />
    </div>
  );
}

export default memo(OverviewCharts);

const StatusChart = memo(function StatusChart({ summary }: { summary: Summary }) {
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
              <LabelList dataKey="count" position="right" formatter={(value: unknown) => format.integer(Number(value))} />
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

const DistrictChart = memo(function DistrictChart({
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
            {statusPatternDefs(`${PREFIX}-d`)}
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
                fill={`url(#${patternId(`${PREFIX}-d`, status)})`}
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

const TimelineChart = memo(function TimelineChart({ timeline }: { timeline: Timeline }) {
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
            {/* A fixed interval (about six labels): recharts then need not measure every label's text. */}
            <XAxis dataKey="label" interval={Math.max(0, Math.ceil(timelineData.length / 6) - 1)} />
            <YAxis tickFormatter={percentTick} domain={[0, "auto"]} width={64} />
            <Tooltip formatter={(value: unknown) => percentTick(Number(value))} />
            <Legend />
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

const SizeChart = memo(function SizeChart({ districtStats, scope }: { districtStats: DistrictStats; scope: string }) {
  const { t } = useTranslation("dashboard");
  const format = useDashboardFormat();
  const sizeData = districtStats.sizeClasses.map((size) => ({
    key: size.key,
    label: format.sizeClass(size.key),
    share: size.covered.share * 100,
    covered: size.covered.count,
    total: size.total,
  }));
  const percentTick = (value: number) => format.share(value / 100);
  const title = t("charts.sizeTitle", { scope });
  return (
    <ChartPanel
      title={title}
      summary={t("charts.sizeSummary", {
        list: sizeData.map((size) => `${size.label}: ${format.share(size.share / 100)}`).join("; "),
      })}
      chart={
        <ResponsiveContainer width="100%" height={280}>
          <BarChart accessibilityLayer={false} data={sizeData} margin={{ left: 8, right: 16, top: 20 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" interval={0} angle={-35} textAnchor="end" height={90} />
            <YAxis tickFormatter={percentTick} domain={[0, 100]} width={64} />
            <Bar dataKey="share" fill={STATUS_STYLE.funding_eligible.fill} stroke="#1a1a1a" isAnimationActive={false}>
              <LabelList dataKey="share" position="top" formatter={(value: unknown) => percentTick(Number(value))} />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <table className="data-table">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("charts.columnSizeClass")}</th>
              <th scope="col" className="num">
                {t("charts.columnTotal")}
              </th>
              <th scope="col" className="num">
                {t("charts.columnCovered")}
              </th>
              <th scope="col" className="num">
                {t("charts.columnShare")}
              </th>
            </tr>
          </thead>
          <tbody>
            {sizeData.map((size) => (
              <tr key={size.key}>
                <th scope="row">{size.label}</th>
                <td className="num">{format.integer(size.total)}</td>
                <td className="num">{format.integer(size.covered)}</td>
                <td className="num">{format.share(size.share / 100)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    />
  );
});
