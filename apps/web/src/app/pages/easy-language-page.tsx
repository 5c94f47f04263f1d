import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

export function EasyLanguagePage() {
  const { t } = useTranslation();
  useDocumentTitle(t("easyLanguage.title"));
  const sections = t("easyLanguage.sections", { returnObjects: true, email: t("contactEmail") });

  return (
    <article className="easy-language">
      <h1>{t("easyLanguage.title")}</h1>
      {sections.map((section) => (
        <section key={section.heading}>
          <h2>{section.heading}</h2>
          {section.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </section>
      ))}
      <section>
        <h2>{t("easyLanguage.linksHeading")}</h2>
        <ul className="link-list">
          <li>
            <Link to={paths.overview}>{t("nav.overview")}</Link>
          </li>
          <li>
            <Link to={paths.municipalities}>{t("nav.municipalities")}</Link>
          </li>
        </ul>
      </section>
    </article>
  );
}
