import type { DistrictStats } from "@insek/contracts";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { useDashboardFormat } from "../use-dashboard-format";

/** The printed briefing's district table (without a comparison): municipalities and current concepts per district. */
export const DistrictPrintTable = memo(function DistrictPrintTable({ stats }: { stats: DistrictStats }) {
  const { t } = useTranslation("dashboard");
  const { t: tw } = useTranslation("workflows");
  const format = useDashboardFormat();
  return (
    <table className="data-table">
      <caption>{tw("print.districtsCaption", { date: format.date(stats.asOf) })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("charts.columnDistrict")}</th>
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
        {stats.items.map((item) => (
          <tr key={item.key}>
            <th scope="row">{item.name}</th>
            <td className="num">{format.integer(item.total)}</td>
            <td className="num">{format.integer(item.covered.count)}</td>
            <td className="num">{item.total > 0 ? format.share(item.covered.share) : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
