import { useTranslation } from "react-i18next";
import { endpoints } from "@insek/contracts";
import { endpointUrl } from "../../../lib/api-client";
import { type MunicipalityListParams, toFilterQuery } from "../list-params";
import "../municipalities.css";

const FORMATS = [
  { ext: "csv", endpoint: endpoints.exportMunicipalitiesCsv, label: "listRecord.exportCsv" },
  { ext: "xlsx", endpoint: endpoints.exportMunicipalitiesXlsx, label: "listRecord.exportXlsx" },
  { ext: "geojson", endpoint: endpoints.exportMunicipalitiesGeojson, label: "listRecord.exportGeojson" },
] as const;

/** Downloads of exactly what the table shows (same filters and order), all pages at once. */
export function ExportLinks({ params }: { params: MunicipalityListParams }) {
  const { t } = useTranslation();
  const query = toFilterQuery(params);
  return (
    <nav className="export-links" aria-labelledby="export-heading">
      <h2 id="export-heading" className="export-links__heading">
        {t("listRecord.exportHeading")}
      </h2>
      <ul>
        {FORMATS.map((format) => (
          <li key={format.ext}>
            <a className="button button--secondary" href={endpointUrl(format.endpoint, { query })} download>
              {t(format.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
