import type { PersonRef } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { QueryState } from "../../../components/query-state";
import { useMunicipalityConsultations } from "../api";
import { ConsultationCard } from "./consultation-card";
import "../../../styles/workspace.css";

/** "Zuständige Beratung": the FS INGE advisors assigned to the municipality. */
export function MunicipalityAdvisors({ advisors }: { advisors: PersonRef[] }) {
  const { t } = useTranslation("advisory");
  const id = useId();
  return (
    <section aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t("consultations.advisorsHeading")}</h2>
      {advisors.length === 0 ? (
        <p>{t("consultations.advisorsNone")}</p>
      ) : (
        <ul className="plain-list">
          {advisors.map((advisor) => (
            <li key={advisor.id}>
              {advisor.displayName}
              {advisor.email ? (
                <>
                  {" – "}
                  <a href={`mailto:${advisor.email}`}>{advisor.email}</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The consultations that concerned the municipality (for SMR and FS INGE); internal ones are marked. */
export function MunicipalityConsultations({ ags }: { ags: string }) {
  const { t } = useTranslation("advisory");
  const id = useId();
  const consultations = useMunicipalityConsultations(ags, true);
  return (
    <section aria-labelledby={`${id}-heading`} className="municipality-consultations">
      <h2 id={`${id}-heading`}>{t("consultations.municipalityHeading")}</h2>
      <QueryState query={consultations}>{(loaded) => loaded.items.length === 0 ? (
        <p>{t("consultations.municipalityEmpty")}</p>
      ) : (
        <ul className="consultation-list">
          {loaded.items.map((consultation) => (
            <ConsultationCard key={consultation.id} consultation={consultation} />
          ))}
        </ul>
      )}</QueryState>
    </section>
  );
}
