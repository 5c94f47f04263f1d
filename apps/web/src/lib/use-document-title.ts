import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets "<page> – INSEK-Monitor Sachsen" as the document title. */
export function useDocumentTitle(pageTitle: string): void {
  const { t } = useTranslation();
  const appName = t("app.name");
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} – ${appName}` : appName;
  }, [pageTitle, appName]);
}
