import type { MunicipalityListItem, MunicipalitySort } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { CurrencyBadges } from "../../../components/currency-badges";
import { NotAvailable } from "../../../components/not-available";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { type SortField, describeSort, nextSort } from "../list-params";

type Column = { field: SortField | null; label: string; numeric?: boolean };

function SortableHeader({
  column,
  sort,
  onSortChange,
}: {
  column: Column & { field: SortField };
  sort: MunicipalitySort;
  onSortChange: (sort: MunicipalitySort) => void;
}) {
  const { field, direction } = describeSort(sort);
  const active = field === column.field;
  const icon = active ? (direction === "ascending" ? "▲" : "▼") : "↕";
  return (
    <th scope="col" aria-sort={active ? direction : undefined} className={column.numeric ? "num" : undefined}>
      <button type="button" className="sort-button" onClick={() => onSortChange(nextSort(sort, column.field))}>
        {column.label}
        <span className="sort-button__icon" aria-hidden="true">
          {icon}
        </span>
      </button>
    </th>
  );
}

/** Its town-wide concept (own or joint): title, "n von m beschlossen" for a joint one, and the update flag. */
function ConceptCell({ concept }: { concept: MunicipalityListItem["concept"] }) {
  const { t } = useTranslation("concepts");
  if (!concept) return <NotAvailable />;
  return (
    <>
      <Link to={paths.concept(concept.id)}>{concept.title}</Link>
      <span className="secondary cell-secondary">
        {t(`kind.${concept.kind}`)}, {t(`status.${concept.status}`)}
        {concept.scope === "joint" ? `, ${t("common.adoptedOf", { adopted: concept.adoptedCount, total: concept.memberCount })}` : null}
      </span>
      {concept.updateRecommended ? <span className="badge badge--stale">{t("common.updateRecommended")}</span> : null}
    </>
  );
}

export function MunicipalityTable({
  items,
  sort,
  onSortChange,
  busy,
}: {
  items: readonly MunicipalityListItem[];
  sort: MunicipalitySort;
  onSortChange: (sort: MunicipalitySort) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const captionId = useId();

  const columns: Column[] = [
    { field: "name", label: t("list.columnName") },
    { field: "ags", label: t("list.columnAgs") },
    { field: null, label: t("list.columnType") },
    { field: "district", label: t("list.columnDistrict") },
    { field: "population", label: t("list.columnPopulation"), numeric: true },
    { field: "area", label: t("list.columnArea"), numeric: true },
    { field: null, label: t("listRecord.columnStatus") },
    { field: "currentUntil", label: t("listRecord.columnCurrency") },
    { field: null, label: t("municipalityList.columnConcept", { ns: "concepts" }) },
  ];
  const { field: sortField, direction } = describeSort(sort);
  const sortLabel = columns.find((column) => column.field === sortField)?.label ?? sortField;

  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table municipality-table" aria-busy={busy}>
        <caption id={captionId}>
          {t("list.caption")}
          <span className="visually-hidden">
            {", "}
            {t("list.sortedBy", { column: sortLabel, direction: t(`list.${direction}`) })}
          </span>
        </caption>
        <thead>
          <tr>
            {columns.map((column) =>
              column.field ? (
                <SortableHeader
                  key={column.label}
                  column={{ ...column, field: column.field }}
                  sort={sort}
                  onSortChange={onSortChange}
                />
              ) : (
                <th key={column.label} scope="col">
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {items.map((municipality) => (
            <tr key={municipality.ags}>
              <th scope="row">
                <Link to={paths.municipality(municipality.ags)}>{municipality.displayName}</Link>
                {municipality.name !== municipality.displayName ? (
                  <span className="secondary cell-secondary">{municipality.name}</span>
                ) : null}
              </th>
              <td className="nowrap">{municipality.ags}</td>
              <td>{t(`municipalityType.${municipality.type}`)}</td>
              <td>{municipality.districtName}</td>
              <td className="num">
                {municipality.population === null ? <NotAvailable /> : format.integer(municipality.population)}
              </td>
              <td className="num">
                {municipality.areaKm2 === null ? <NotAvailable /> : format.area(municipality.areaKm2)}
              </td>
              <td>
                <span className={`status-label status-label--${municipality.record.status}`}>
                  {t(`status.${municipality.record.status}`)}
                </span>
              </td>
              <td>
                <CurrencyBadges empty={<NotAvailable />} record={municipality.record} />
              </td>
              <td className="concept-cell">
                <ConceptCell concept={municipality.concept} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
