import type { DistrictStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from "recharts";
import { STATUS_STYLE } from "../../status-style";
import { useDashboardFormat } from "../../use-dashboard-format";
import { ChartPanel, VALUE_LABEL_COLOUR } from "../../../../components/chart-panel";

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
        // Bars side by side, labels on the left: the size classes' long names need no slanting and never
        // collide, at any width; each bar carries its value, so the value axis is left out.
        <ResponsiveContainer width="100%" height={24 + 34 * sizeData.length}>
          <BarChart accessibilityLayer={false} data={sizeData} layout="vertical" margin={{ left: 8, right: 64 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} hide />
            <YAxis type="category" dataKey="label" width={150} interval={0} />
            <Bar dataKey="share" fill={STATUS_STYLE.funding_eligible.fill} stroke="#1a1a1a" isAnimationActive={false}>
              <LabelList dataKey="share" position="right" fill={VALUE_LABEL_COLOUR} formatter={(value: unknown) => percentTick(Number(value))} />
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
