import type { District } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import type { DistrictSummary } from "../district-summary";

export function DistrictTable({ items, summary }: { items: readonly District[]; summary: DistrictSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table">
        <caption id={captionId}>{t("overview.districtsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("overview.columnName")}</th>
            <th scope="col">{t("overview.columnType")}</th>
            <th scope="col" className="num">
              {t("overview.columnMunicipalities")}
            </th>
            <th scope="col" className="num">
              {t("overview.columnPopulation")}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((district) => (
            <tr key={district.key}>
              <th scope="row">
                <Link to={paths.municipalitiesOfDistrict(district.key)}>{district.name}</Link>
              </th>
              <td>{t(`districtType.${district.type}`)}</td>
              <td className="num">{format.integer(district.municipalityCount)}</td>
              <td className="num">{format.integer(district.population)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("overview.total")}</th>
            <td />
            <td className="num">{format.integer(summary.municipalityCount)}</td>
            <td className="num">{format.integer(summary.population)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
