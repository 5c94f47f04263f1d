import type { DistrictStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { STATUS_STYLE } from "../../status-style";
import { useDashboardFormat } from "../../use-dashboard-format";
import { ChartPanel } from "./chart-panel";

/** The covered share per size class. */
export const SizeChart = memo(function SizeChart({ districtStats, scope }: { districtStats: DistrictStats; scope: string }) {
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
