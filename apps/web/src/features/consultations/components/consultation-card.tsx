import type { Consultation } from "@insek/contracts";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import "../consultations.css";

/** One consultation as a card; `actions` holds edit/withdraw for the advisor's own. */
export function ConsultationCard({ consultation, headingLevel = 3, children }: { consultation: Consultation; headingLevel?: 3 | 4; children?: ReactNode }) {
  const { t } = useTranslation("advisory");
  const format = useFormatters();
  const Heading = headingLevel === 3 ? "h3" : "h4";
  return (
    <li className="consultation">
      <Heading className="consultation__title">
        {format.date(consultation.date)} · {t(`kind.${consultation.kind}`)}
        {consultation.internal ? <span className="badge badge--internal">{t("common.internal")}</span> : null}
      </Heading>
      <div className="consultation__meta">
        <ul className="inline-list">
          {consultation.municipalities.map((m) => (
            <li key={m.ags}>
              <Link to={paths.municipality(m.ags)}>{m.name}</Link>
            </li>
          ))}
        </ul>
        {" · "}
        {consultation.topics.map((topic) => (topic === "other" && consultation.topicOther ? consultation.topicOther : t(`topic.${topic}`))).join(", ")}
        {" · "}
        {t("consultations.by", { name: consultation.advisor.displayName })}
      </div>
      <p className="consultation__summary">{consultation.summary}</p>
      {consultation.nextStep ? (
        <p className="consultation__summary">
          <strong>{t("consultations.nextStepLabel")}</strong> {consultation.nextStep}
        </p>
      ) : null}
      {consultation.practiceId !== null ? (
        <p>
          <Link to={paths.practice(consultation.practiceId)}>{t("consultation.practiceLink", { ns: "practices", id: consultation.practiceId })}</Link>
        </p>
      ) : null}
      {consultation.nextContactDate ? <p>{t("consultations.nextContact", { date: format.date(consultation.nextContactDate) })}</p> : null}
      {children}
    </li>
  );
}
