import type { MunicipalityDetail } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NotAvailable } from "../../../components/not-available";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";

/** The registry facts of one municipality as a definition list. */
export function MunicipalityRegistry({
  municipality,
  successorName,
}: {
  municipality: MunicipalityDetail;
  /** Display name of the successor, once loaded; the AGS is shown until then. */
  successorName: string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { successorAgs, validFrom, validTo } = municipality;

  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>{t("detail.officialName")}</dt>
        <dd>{municipality.name}</dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.ags")}</dt>
        <dd>{municipality.ags}</dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.type")}</dt>
        <dd>{t(`municipalityType.${municipality.type}`)}</dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.district")}</dt>
        <dd>
          <Link to={paths.municipalitiesOfDistrict(municipality.districtKey)}>{municipality.districtName}</Link>
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.population")}</dt>
        <dd>
          {municipality.population === null ? <NotAvailable /> : format.integer(municipality.population)}
          {municipality.population !== null && municipality.populationDate ? (
            <span className="secondary">
              {" "}
              ({t("detail.populationDate", { date: format.date(municipality.populationDate) })})
            </span>
          ) : null}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.area")}</dt>
        <dd>
          {municipality.areaKm2 === null ? (
            <NotAvailable />
          ) : (
            <>
              {format.area(municipality.areaKm2)} {t("common.km2")}
            </>
          )}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.existence")}</dt>
        <dd>
          {validTo ? (
            <>
              {t("detail.dissolvedOn", { date: format.date(validTo) })}
              {successorAgs ? (
                <>
                  {" ("}
                  {t("detail.successor")}:{" "}
                  <Link to={paths.municipality(successorAgs)}>{successorName ?? successorAgs}</Link>)
                </>
              ) : null}
            </>
          ) : validFrom ? (
            t("detail.existsSince", { date: format.date(validFrom) })
          ) : (
            t("detail.exists")
          )}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t("detail.predecessors")}</dt>
        <dd>
          {municipality.predecessors.length === 0 ? (
            t("detail.noPredecessors")
          ) : (
            <ul className="plain-list">
              {municipality.predecessors.map((predecessor) => (
                <li key={predecessor.ags}>
                  <Link to={paths.municipality(predecessor.ags)}>{predecessor.name}</Link>{" "}
                  <span className="secondary">
                    ({predecessor.ags}
                    {predecessor.validTo
                      ? `, ${t("detail.predecessorDissolved", { date: format.date(predecessor.validTo) })}`
                      : ""}
                    )
                  </span>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
    </dl>
  );
}
