import { useTranslation } from "react-i18next";
import { useFormatters } from "../../../lib/use-formatters";
import type { DistrictSummary } from "../district-summary";

export function DistrictFigures({ summary }: { summary: DistrictSummary }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <dl className="figures">
      <div className="figures__item">
        <dt>{t("overview.municipalities")}</dt>
        <dd className="figures__value">{format.integer(summary.municipalityCount)}</dd>
      </div>
      <div className="figures__item">
        <dt>{t("overview.districts")}</dt>
        <dd className="figures__value">{format.integer(summary.districtCount)}</dd>
        <dd className="figures__detail">
          {t("overview.districtsDetail", {
            landkreise: format.integer(summary.landkreisCount),
            cities: format.integer(summary.cityCount),
          })}
        </dd>
      </div>
      <div className="figures__item">
        <dt>{t("overview.population")}</dt>
        <dd className="figures__value">{format.integer(summary.population)}</dd>
      </div>
    </dl>
  );
}
