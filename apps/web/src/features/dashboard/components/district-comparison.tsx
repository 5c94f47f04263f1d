import type { DistrictStats } from "@insek/contracts";
import { memo, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import {
  type ComparisonSort,
  type ComparisonSortField,
  compareDistricts,
  nextComparisonSort,
  sortComparison,
} from "../district-comparison";
import { signedChange } from "../overview-params";
import { useDashboardFormat } from "../use-dashboard-format";

/**
 * Compare mode: per district the share of municipalities with a current concept on both dates and the
 * change in percentage points, sortable by every column ("which districts improved most" is one click).
 */
export const DistrictComparison = memo(function DistrictComparison({ now, then }: { now: DistrictStats; then: DistrictStats }) {
  const { t } = useTranslation("workflows");
  const format = useDashboardFormat();
  const captionId = useId();
  const [sort, setSort] = useState<ComparisonSort>({ field: "change", direction: "descending" });
  const rows = useMemo(() => sortComparison(compareDistricts(now, then), sort), [now, then, sort]);
  const thenDate = format.date(then.asOf);
  const nowDate = format.date(now.asOf);
  const columns: { field: ComparisonSortField; label: string; numeric: boolean }[] = [
    { field: "name", label: t("comparison.columnDistrict"), numeric: false },
    { field: "then", label: t("comparison.columnShareOn", { date: thenDate }), numeric: true },
    { field: "now", label: t("comparison.columnShareOn", { date: nowDate }), numeric: true },
    { field: "change", label: t("comparison.columnChange"), numeric: true },
  ];
  const share = (value: number | null) => (value === null ? "–" : format.share(value));
  const change = (value: number | null) =>
    value === null ? "–" : value === 0 ? "±0" : t("pointsShort", { value: signedChange(value, format.points) });
  const active = columns.find((column) => column.field === sort.field);

  return (
    <div className="table-scroll district-comparison" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>
          {t("comparison.caption", { then: thenDate, now: nowDate })}
          <span className="visually-hidden">
            {", "}
            {t("comparison.sortedBy", { column: active?.label ?? "", direction: t(`comparison.${sort.direction}`) })}
          </span>
        </caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const isActive = column.field === sort.field;
              const icon = isActive ? (sort.direction === "ascending" ? "▲" : "▼") : "↕";
              return (
                <th
                  key={column.field}
                  scope="col"
                  className={column.numeric ? "num" : undefined}
                  aria-sort={isActive ? sort.direction : undefined}
                >
                  <button
                    type="button"
                    className="sort-button no-print"
                    onClick={() => setSort((current) => nextComparisonSort(current, column.field))}
                  >
                    {column.label}
                    <span className="sort-button__icon" aria-hidden="true">
                      {icon}
                    </span>
                  </button>
                  <span className="print-only">{column.label}</span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-district={row.key}>
              <th scope="row">
                <Link to={paths.municipalitiesOfDistrict(row.key)}>{row.name}</Link>
              </th>
              <td className="num">{share(row.then)}</td>
              <td className="num">{share(row.now)}</td>
              <td className="num" data-change={row.change ?? ""}>
                {change(row.change)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
