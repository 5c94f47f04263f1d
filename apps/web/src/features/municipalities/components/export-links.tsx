import { useTranslation } from "react-i18next";
import { buildUrl } from "../../../lib/api-client";
import { type MunicipalityListParams, toFilterQuery } from "../list-params";
import "../municipalities.css";

const FORMATS = [
  { ext: "csv", label: "listRecord.exportCsv" },
  { ext: "xlsx", label: "listRecord.exportXlsx" },
  { ext: "geojson", label: "listRecord.exportGeojson" },
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
            <a className="button button--secondary" href={buildUrl(`/api/export/municipalities.${format.ext}`, query)} download>
              {t(format.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
