import type { ConceptDetail, ConceptDocument } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { NotAvailable } from "../../../components/not-available";
import { useFormatLocale } from "../../../lib/i18n";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { documentHref, useConcept } from "../api";
import { AdoptionSummary, ConceptStatusText } from "./concept-status";
import "../concepts.css";

/** A concept named by id, shown by its title once loaded (the concept it updates, the one that updates it). */
function ConceptLink({ id }: { id: number }) {
  const concept = useConcept(id);
  return <Link to={paths.concept(id)}>{concept.data?.title ?? `#${id}`}</Link>;
}

function useSize() {
  const { t } = useTranslation("concepts");
  const locale = useFormatLocale();
  return (bytes: number) =>
    bytes >= 1024 * 1024
      ? t("detail.sizeMb", { size: (bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 }) })
      : t("detail.sizeKb", { size: Math.max(1, Math.round(bytes / 1024)).toLocaleString(locale) });
}

function DocumentItem({ document }: { document: ConceptDocument }) {
  const { t } = useTranslation("concepts");
  const size = useSize();
  const name = document.title ?? document.fileName ?? t(`documentKind.${document.kind}`);
  if (document.downloadPath === null && document.url !== null) {
    return (
      <li>
        <a href={document.url} rel="noopener noreferrer">
          {t("detail.link", { name })}
        </a>{" "}
        <span className="secondary">({t(`documentKind.${document.kind}`)})</span>
      </li>
    );
  }
  return (
    <li>
      <a href={documentHref(document)} download={document.fileName ?? true} type={document.mediaType ?? "application/pdf"}>
        {t("detail.download", { name })}
      </a>{" "}
      <span className="secondary">
        ({t("detail.documentMeta", { kind: t(`documentKind.${document.kind}`), size: document.size === null ? "" : size(document.size) })})
      </span>
    </li>
  );
}

/** A concept's facts, members with their councils' resolutions, documents, participation and derived area concepts. */
export function ConceptView({ concept }: { concept: ConceptDetail }) {
  const { t } = useTranslation("concepts");
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const lead = concept.members.find((member) => member.lead);

  return (
    <>
      <section className="concept-section" aria-labelledby="concept-facts-heading">
        <h2 id="concept-facts-heading">{t("detail.factsHeading")}</h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>{t("detail.kind")}</dt>
            <dd>{t(`kindLong.${concept.kind}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("detail.scope")}</dt>
            <dd>{t(`scopeLong.${concept.scope}`)}</dd>
          </div>
          <div className="facts__row">
            <dt>{t("detail.status")}</dt>
            <dd>
              <ConceptStatusText concept={concept} />
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t("detail.adoption")}</dt>
            <dd>
              <AdoptionSummary adopted={concept.adoptedCount} total={concept.memberCount} />
              {concept.adoptedAt ? <span className="secondary"> ({format.date(concept.adoptedAt)})</span> : null}
            </dd>
          </div>
          {concept.scope === "joint" && lead ? (
            <div className="facts__row">
              <dt>{t("detail.lead")}</dt>
              <dd>
                <Link to={paths.municipality(lead.ags)}>{lead.name}</Link>
              </dd>
            </div>
          ) : null}
          {concept.parent ? (
            <div className="facts__row">
              <dt>{t("detail.parent")}</dt>
              <dd>
                <Link to={paths.concept(concept.parent.id)}>{concept.parent.title}</Link> ({t(`kind.${concept.parent.kind}`)})
              </dd>
            </div>
          ) : null}
          {concept.updatesId !== null ? (
            <div className="facts__row">
              <dt>{t("detail.updates")}</dt>
              <dd>
                <ConceptLink id={concept.updatesId} />
              </dd>
            </div>
          ) : null}
          {concept.updatedById !== null ? (
            <div className="facts__row">
              <dt>{t("detail.updatedBy")}</dt>
              <dd>
                <ConceptLink id={concept.updatedById} />
              </dd>
            </div>
          ) : null}
          <div className="facts__row">
            <dt>{t("detail.horizon")}</dt>
            <dd>{concept.horizonYear ?? <NotAvailable />}</dd>
          </div>
          {concept.note ? (
            <div className="facts__row">
              <dt>{t("detail.note")}</dt>
              <dd>{concept.note}</dd>
            </div>
          ) : null}
        </dl>
      </section>

      <section className="concept-section" aria-labelledby="concept-members-heading">
        <h2 id="concept-members-heading">{t("detail.membersHeading")}</h2>
        <div className="table-scroll" role="region" aria-labelledby="concept-members-caption" tabIndex={0}>
          <table className="data-table concept-table">
            <caption id="concept-members-caption">
              {t("detail.membersCaption")}: <AdoptionSummary adopted={concept.adoptedCount} total={concept.memberCount} plain />
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("detail.columnMunicipality")}</th>
                <th scope="col">{t("detail.columnStatus")}</th>
                <th scope="col">{t("detail.columnResolution")}</th>
                <th scope="col">{t("detail.columnDecision")}</th>
              </tr>
            </thead>
            <tbody>
              {concept.members.map((member) => (
                <tr key={member.ags} data-ags={member.ags}>
                  <th scope="row">
                    <Link to={paths.municipality(member.ags)}>{member.name}</Link>
                    {member.lead && concept.scope === "joint" ? <span className="secondary"> ({t("common.lead")})</span> : null}
                  </th>
                  <td data-label={t("detail.columnStatus")}>
                    <span className={`status-label status-label--${member.status}`}>{tc(`status.${member.status}`)}</span>
                  </td>
                  <td data-label={t("detail.columnResolution")}>
                    {member.councilResolutionDate ? (
                      <span className="badge badge--adopted">{format.date(member.councilResolutionDate)}</span>
                    ) : (
                      <span className="badge badge--pending">{t("common.notAdopted")}</span>
                    )}
                  </td>
                  <td data-label={t("detail.columnDecision")}>{member.decisionNumber ?? <NotAvailable />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section className="concept-section" aria-labelledby="concept-documents-heading">
        <h2 id="concept-documents-heading">{t("detail.documentsHeading")}</h2>
        {concept.documents.length === 0 ? (
          <p>{t("detail.documentsNone")}</p>
        ) : (
          <ul className="plain-list concept-documents">
            {concept.documents.map((document) => (
              <DocumentItem key={document.id} document={document} />
            ))}
          </ul>
        )}
      </section>

      <section className="concept-section" aria-labelledby="concept-participation-heading">
        <h2 id="concept-participation-heading">{t("detail.participationHeading")}</h2>
        {concept.participation.length === 0 ? (
          <p>{t("detail.participationNone")}</p>
        ) : (
          <ul>
            {concept.participation.map((row, index) => (
              <li key={`${row.date}-${row.format}-${index}`}>
                {format.date(row.date)}: {t(`format.${row.format}`)}
                {row.note ? ` – ${row.note}` : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {concept.scope !== "area" ? (
        <section className="concept-section" aria-labelledby="concept-area-heading">
          <h2 id="concept-area-heading">{t("detail.areaHeading")}</h2>
          {concept.areaConcepts.length === 0 ? (
            <p>{t("detail.areaNone")}</p>
          ) : (
            <ul className="plain-list concept-list-links">
              {concept.areaConcepts.map((area) => (
                <li key={area.id}>
                  <Link to={paths.concept(area.id)}>{area.title}</Link>{" "}
                  <span className="secondary">
                    ({t(`kind.${area.kind}`)}, {t(`status.${area.status}`)})
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      {concept.resolutions.length > 0 ? (
        <section className="concept-section" aria-labelledby="concept-resolutions-heading">
          <h2 id="concept-resolutions-heading">{t("detail.resolutionsHeading")}</h2>
          <ul>
            {concept.resolutions.map((resolution) => (
              <li key={resolution.id}>
                {format.date(resolution.date)}: {resolution.name}
                {resolution.body ? `, ${resolution.body}` : null}
                {resolution.decisionNumber ? ` (${t("detail.columnDecision")} ${resolution.decisionNumber})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
