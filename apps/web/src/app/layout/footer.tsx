import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../lib/paths";

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <section aria-labelledby="footer-credits">
          <h2 id="footer-credits" className="site-footer__heading">
            {t("footer.creditsHeading")}
          </h2>
          <ul className="plain-list">
            <li>{t("footer.registryCredit")}</li>
            <li>{t("footer.geometryCredit")}</li>
          </ul>
        </section>
        <nav aria-label={t("footer.linksLabel")}>
          <ul className="plain-list">
            <li>
              <Link to={paths.accessibility}>{t("footer.accessibility")}</Link>
            </li>
            <li>
              <Link to={paths.easyLanguage}>{t("footer.easyLanguage")}</Link>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
