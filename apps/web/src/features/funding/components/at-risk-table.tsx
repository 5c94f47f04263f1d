import type { AtRiskItem } from "@insek/contracts";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { type SortState, buildCsv, dayBefore, downloadText, nextSort, sortRows } from "../funding-model";

export const AT_RISK_COLUMNS = ["municipality", "measure", "programme", "reason", "currentUntil"] as const;
export type AtRiskColumn = (typeof AT_RISK_COLUMNS)[number];

/**
 * The running measures at risk on a date: sortable by every column (a button in each header, aria-sort on the
 * sorted one), each municipality a link to its page, and the rows as shown downloadable as CSV.
 */
export function AtRiskTable({ items, asOf, programmeNames, busy }: { items: readonly AtRiskItem[]; asOf: string; programmeNames: ReadonlyMap<string, string>; busy: boolean }) {
  const { t } = useTranslation("funding");
  const format = useFormatters();
  const captionId = useId();
  const [sort, setSort] = useState<SortState<AtRiskColumn>>({ key: "currentUntil", direction: "ascending" });
  const labels: Record<AtRiskColumn, string> = {
    municipality: t("atRisk.columnMunicipality"),
    measure: t("atRisk.columnMeasure"),
    programme: t("atRisk.columnProgramme"),
    reason: t("atRisk.columnReason"),
    currentUntil: t("atRisk.columnLapses"),
  };
  const programmeOf = (item: AtRiskItem) => programmeNames.get(item.programmeId) ?? item.programmeId;
  const reasonOf = (item: AtRiskItem) => t(`atRisk.reason.${item.reason}`);
  const currentUntil = (item: AtRiskItem) => (item.lapsesOn ? dayBefore(item.lapsesOn) : null);
  const value = (item: AtRiskItem, key: AtRiskColumn): string | null => {
    switch (key) {
      case "municipality":
        return item.municipalityName;
      case "measure":
        return item.measureName;
      case "programme":
        return programmeOf(item);
      case "reason":
        return reasonOf(item);
      case "currentUntil":
        return currentUntil(item);
    }
  };
  const rows = sortRows(items, sort, value);

  const download = () => {
    const csv = buildCsv(
      ["AGS", ...AT_RISK_COLUMNS.map((column) => labels[column])],
      rows.map((item) => [item.ags, item.municipalityName, item.measureName, programmeOf(item), reasonOf(item), currentUntil(item)]),
    );
    downloadText(t("atRisk.fileName", { date: asOf }), csv);
  };

  if (items.length === 0) return <p data-at-risk-none="">{t("atRisk.none", { date: format.date(asOf) })}</p>;
  return (
    <>
      <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
        <table className="data-table at-risk-table" aria-busy={busy}>
          <caption id={captionId}>{t("atRisk.caption", { date: format.date(asOf), count: items.length })}</caption>
          <thead>
            <tr>
              {AT_RISK_COLUMNS.map((column) => {
                const sorted = sort.key === column;
                return (
                  <th key={column} scope="col" aria-sort={sorted ? sort.direction : undefined}>
                    <button type="button" className="sort-button" onClick={() => setSort((current) => nextSort(current, column))}>
                      {labels[column]}
                      <span aria-hidden="true" className="sort-button__mark">
                        {sorted ? (sort.direction === "ascending" ? " ▲" : " ▼") : " ⇅"}
                      </span>
                      <span className="visually-hidden">
                        {sorted ? ` (${sort.direction === "ascending" ? t("atRisk.sortedAscending") : t("atRisk.sortedDescending")})` : ""}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {rows.map((item) => (
              <tr key={`${item.measureId}`} data-measure={item.measureId}>
                <th scope="row">
                  <Link to={paths.municipality(item.ags)}>{item.municipalityName}</Link>
                </th>
                <td>{item.measureName}</td>
                <td>{programmeOf(item)}</td>
                <td>{reasonOf(item)}</td>
                <td>{item.lapsesOn ? format.date(dayBefore(item.lapsesOn)) : t("atRisk.noDate")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        <button type="button" className="button button--secondary" onClick={download}>
          {t("atRisk.download")}
        </button>
      </p>
    </>
  );
}
