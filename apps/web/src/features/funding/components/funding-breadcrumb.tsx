import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";

/** Förderung › the page (import, programmes). */
export function FundingBreadcrumb({ current }: { current: string }) {
  const { t } = useTranslation();
  const { t: tf } = useTranslation("funding");
  return (
    <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
      <ol>
        <li>
          <Link to={paths.funding}>{tf("page.title")}</Link>
        </li>
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
