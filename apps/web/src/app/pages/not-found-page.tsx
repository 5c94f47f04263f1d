import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("notFound.title"));
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("notFound.text")}</p>
      <ul className="link-list">
        <li>
          <Link to={paths.overview}>{t("notFound.toOverview")}</Link>
        </li>
        <li>
          <Link to={paths.municipalities}>{t("notFound.toMunicipalities")}</Link>
        </li>
      </ul>
    </>
  );
}
