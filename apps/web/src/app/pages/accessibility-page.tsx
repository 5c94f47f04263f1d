import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useFormatters } from "../../lib/use-formatters";

/** Date of the self-assessment behind this statement; update it with every re-assessment. */
const STATEMENT_DATE = "2026-11-25";

export function AccessibilityPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t("accessibility.title"));
  const contactEmail = t("contactEmail");

  return (
    <article className="prose">
      <h1>{t("accessibility.title")}</h1>
      <p>{t("accessibility.intro")}</p>
      <p>{t("accessibility.scope")}</p>

      <h2>{t("accessibility.complianceHeading")}</h2>
      <p>{t("accessibility.compliance")}</p>

      <h2>{t("accessibility.barriersHeading")}</h2>
      <ul>
        {t("accessibility.barriers", { returnObjects: true }).map((barrier) => (
          <li key={barrier}>{barrier}</li>
        ))}
      </ul>

      <h2>{t("accessibility.methodHeading")}</h2>
      <p>{t("accessibility.method", { date: format.date(STATEMENT_DATE) })}</p>

      <h2>{t("accessibility.feedbackHeading")}</h2>
      <p>{t("accessibility.feedback")}</p>
      <p>
        {t("accessibility.feedbackEmailLabel")}: <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
      </p>

      <h2>{t("accessibility.enforcementHeading")}</h2>
      <p>{t("accessibility.enforcement")}</p>
      <p className="address">
        {t("accessibility.enforcementAddress", { returnObjects: true }).map((line) => (
          <span key={line}>{line}</span>
        ))}
      </p>

      <p>
        {t("accessibility.easyLanguageHint")} <Link to={paths.easyLanguage}>{t("footer.easyLanguage")}</Link>.
      </p>
    </article>
  );
}
