import type { MunicipalityConcept } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { AdoptionSummary, ConceptStatusText } from "./concept-status";
import "../concepts.css";

function ConceptLine({ concept }: { concept: MunicipalityConcept }) {
  const { t } = useTranslation("concepts");
  const format = useFormatters();
  return (
    <li data-concept={concept.id}>
      <Link to={paths.concept(concept.id)}>{concept.title}</Link>{" "}
      <span className="secondary">
        ({t(`kind.${concept.kind}`)}
        {concept.scope === "joint" ? `, ${t("municipality.jointWith", { count: concept.memberCount - 1 })}` : null}
        {concept.horizonYear ? `, ${concept.horizonYear}` : null})
      </span>
      <br />
      <ConceptStatusText concept={concept} />
      {concept.scope === "joint" ? (
        <>
          {" · "}
          <AdoptionSummary adopted={concept.adoptedCount} total={concept.memberCount} plain />
        </>
      ) : null}
      <br />
      <span className="secondary">
        {concept.councilResolutionDate
          ? t("municipality.ownAdoption", { date: format.date(concept.councilResolutionDate) })
          : t("municipality.ownPending")}
      </span>
    </li>
  );
}

/**
 * The concepts that cover a municipality: its town-wide concept (own or joint), the area concepts derived from
 * it, and earlier ones that a Fortschreibung replaced; each links to its page.
 */
export function MunicipalityConcepts({ ags, concepts, canCreate }: { ags: string; concepts: readonly MunicipalityConcept[]; canCreate: boolean }) {
  const { t } = useTranslation("concepts");
  const townWide = concepts.filter((concept) => concept.scope !== "area" && concept.status !== "replaced");
  const area = concepts.filter((concept) => concept.scope === "area" && concept.status !== "replaced");
  const earlier = concepts.filter((concept) => concept.status === "replaced");
  return (
    <section aria-labelledby="concepts-heading" className="municipality-concepts">
      <h2 id="concepts-heading">{t("municipality.heading")}</h2>
      <h3>{t("municipality.townWide")}</h3>
      {townWide.length === 0 ? (
        <p>{t("municipality.townWideNone")}</p>
      ) : (
        <ul className="plain-list concept-list-links">
          {townWide.map((concept) => (
            <ConceptLine key={concept.id} concept={concept} />
          ))}
        </ul>
      )}
      <h3>{t("municipality.area")}</h3>
      {area.length === 0 ? (
        <p>{t("municipality.areaNone")}</p>
      ) : (
        <ul className="plain-list concept-list-links">
          {area.map((concept) => (
            <ConceptLine key={concept.id} concept={concept} />
          ))}
        </ul>
      )}
      {earlier.length > 0 ? (
        <>
          <h3>{t("municipality.earlier")}</h3>
          <ul className="plain-list concept-list-links">
            {earlier.map((concept) => (
              <ConceptLine key={concept.id} concept={concept} />
            ))}
          </ul>
        </>
      ) : null}
      <ul className="plain-list concept-actions">
        <li>
          <Link to={`${paths.concepts}?${new URLSearchParams({ ags }).toString()}`}>{t("municipality.all")}</Link>
        </li>
        {canCreate ? (
          <li>
            <Link to={paths.conceptNew({ ags })}>{t("municipality.create")}</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
