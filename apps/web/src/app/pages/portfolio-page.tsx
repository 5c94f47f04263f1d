import { useTranslation } from "react-i18next";
import { PortfolioView } from "../../features/portfolio/components/portfolio-view";
import { RoleGate } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /meine-kommunen: an advisor's portfolio (SMR may look at any advisor's). */
export function PortfolioPage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("portfolio.title"));
  return (
    <>
      <h1>{t("portfolio.title")}</h1>
      <p className="lead">{t("portfolio.intro")}</p>
      <RoleGate roles={["advisor", "smr"]}>{(user) => <PortfolioView user={user} />}</RoleGate>
    </>
  );
}
