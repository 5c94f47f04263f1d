import { useTranslation } from "react-i18next";
import { useSummaryDemo } from "../api/get-summary-demo";
import "../demo.css";

/**
 * Shown on every page while the server holds the made-up demo history. The words say it (not only the
 * colour), and as a status region screen readers announce it once it appears.
 */
export function DemoBanner() {
  const { t } = useTranslation();
  const { data: demo } = useSummaryDemo();
  if (demo !== true) return null;
  return (
    <div className="demo-banner" role="status">
      <div className="container">
        <p className="demo-banner__text">
          <strong>{t("demo.label")}</strong> {t("demo.text")}
        </p>
      </div>
    </div>
  );
}
