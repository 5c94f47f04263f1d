import type { PracticeDetail } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { htmlToBlocks } from "../formatted-text";
import { CriteriaBadges } from "./practice-badges";
import { FormattedText } from "./formatted-text";

function Period({ from, to }: { from: string | null; to: string | null }) {
  const { t } = useTranslation("practices");
  const format = useFormatters();
  if (from && to) return <>{t("detail.periodFromTo", { from: format.date(from), to: format.date(to) })}</>;
  if (from) return <>{t("detail.periodFrom", { from: format.date(from) })}</>;
  if (to) return <>{t("detail.periodTo", { to: format.date(to) })}</>;
  return null;
}

/** An entry as everyone reads it: images, description, profile, contact, links, funding, adopters. */
export function PracticeView({ practice }: { practice: PracticeDetail }) {
  const { t } = useTranslation("practices");
  const format = useFormatters();
  return (
    <div className="practice-view">
      <p className="lead">{practice.summary}</p>
      <CriteriaBadges criteria={practice.criteria} />
      {practice.images.length > 0 ? (
        <section aria-labelledby="practice-images" className="practice-images">
          <h2 id="practice-images">{t("detail.images")}</h2>
          <ul className="plain-list practice-images__list">
            {practice.images.map((image) => (
              <li key={image.id}>
                <figure>
                  <a href={image.sizes.large.url}>
                    <img
                      src={image.sizes.medium.url}
                      srcSet={`${image.sizes.small.url} ${image.sizes.small.width}w, ${image.sizes.medium.url} ${image.sizes.medium.width}w, ${image.sizes.large.url} ${image.sizes.large.width}w`}
                      sizes="(max-width: 640px) 100vw, 400px"
                      width={image.sizes.medium.width}
                      height={image.sizes.medium.height}
                      alt={image.alt}
                      loading="lazy"
                    />
                  </a>
                  <figcaption>{image.alt}</figcaption>
                </figure>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="practice-description">
        <h2 id="practice-description">{t("detail.description")}</h2>
        <FormattedText blocks={htmlToBlocks(practice.descriptionHtml)} />
      </section>
      <section aria-labelledby="practice-facts">
        <h2 id="practice-facts">{t("detail.facts")}</h2>
        <dl className="facts practice-facts">
          <dt>{t("detail.places")}</dt>
          <dd>
            <ul className="plain-list">
              {practice.municipalities.map((municipality) => (
                <li key={municipality.ags} data-ags={municipality.ags}>
                  <Link to={paths.municipality(municipality.ags)}>{municipality.name}</Link> ({municipality.districtName})
                  <br />
                  <span className="secondary">
                    {t("detail.concept")}:{" "}
                    {municipality.concept ? (
                      <>
                        <Link to={paths.concept(municipality.concept.id)}>{municipality.concept.title}</Link> ({t(`conceptStatus.${municipality.concept.status}`)})
                      </>
                    ) : (
                      t("detail.conceptNone")
                    )}
                  </span>
                </li>
              ))}
            </ul>
          </dd>
          <dt>{t("detail.topics")}</dt>
          <dd>{practice.topics.map((topic) => t(`topic.${topic}`)).join(", ")}</dd>
          <dt>{t("detail.phase")}</dt>
          <dd>{t(`phase.${practice.phase}`)}</dd>
          {practice.periodFrom || practice.periodTo ? (
            <>
              <dt>{t("detail.period")}</dt>
              <dd>
                <Period from={practice.periodFrom} to={practice.periodTo} />
              </dd>
            </>
          ) : null}
          {practice.partners ? (
            <>
              <dt>{t("detail.partners")}</dt>
              <dd className="pre-line">{practice.partners}</dd>
            </>
          ) : null}
          {practice.outcome ? (
            <>
              <dt>{t("detail.outcome")}</dt>
              <dd className="pre-line">{practice.outcome}</dd>
            </>
          ) : null}
          {practice.transferability ? (
            <>
              <dt>{t("detail.transferability")}</dt>
              <dd className="pre-line">{practice.transferability}</dd>
            </>
          ) : null}
          <dt>{t("detail.criteria")}</dt>
          <dd>
            {Object.values(practice.criteria).some(Boolean) ? (
              <CriteriaBadges criteria={practice.criteria} />
            ) : (
              t("detail.criteriaNone")
            )}
          </dd>
          {practice.publishedAt ? (
            <>
              <dt>{t("list.stateLabel")}</dt>
              <dd>{t("detail.published", { date: format.date(practice.publishedAt.slice(0, 10)) })}</dd>
            </>
          ) : null}
        </dl>
      </section>
      {practice.contact ? (
        <section aria-labelledby="practice-contact">
          <h2 id="practice-contact">{t("detail.contact")}</h2>
          <address className="practice-contact">
            {practice.contact.person ? (
              <>
                {practice.contact.person}
                <br />
              </>
            ) : null}
            {practice.contact.office}
            {practice.contact.email ? (
              <>
                <br />
                {t("detail.email")}: <a href={`mailto:${practice.contact.email}`}>{practice.contact.email}</a>
              </>
            ) : null}
            {practice.contact.phone ? (
              <>
                <br />
                {t("detail.phone")}: <a href={`tel:${practice.contact.phone.replace(/[^\d+]/g, "")}`}>{practice.contact.phone}</a>
              </>
            ) : null}
          </address>
        </section>
      ) : null}
      {practice.links.length > 0 ? (
        <section aria-labelledby="practice-links">
          <h2 id="practice-links">{t("detail.links")}</h2>
          <ul>
            {practice.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel="noopener noreferrer">
                  {link.label ?? link.url}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {practice.funding.programmes.length > 0 || practice.funding.measures.length > 0 ? (
        <section aria-labelledby="practice-funding">
          <h2 id="practice-funding">{t("detail.funding")}</h2>
          {practice.funding.programmes.length > 0 ? (
            <>
              <h3>{t("detail.fundingProgrammes")}</h3>
              <ul>
                {practice.funding.programmes.map((programme) => (
                  <li key={programme.id}>{programme.name}</li>
                ))}
              </ul>
            </>
          ) : null}
          {practice.funding.measures.length > 0 ? (
            <>
              <h3>{t("detail.fundingMeasures")}</h3>
              <ul>
                {practice.funding.measures.map((measure) => (
                  <li key={measure.id}>
                    {measure.name} (<Link to={paths.municipality(measure.ags)}>{measure.ags}</Link>)
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="practice-adopters" className="practice-adopters">
        <h2 id="practice-adopters">{t("detail.adopters")}</h2>
        {practice.adopters.length === 0 ? (
          <p>{t("detail.adoptersNone")}</p>
        ) : (
          <>
            <p>{t("detail.adoptersCount", { count: practice.adopters.length })}</p>
            <ul>
              {practice.adopters.map((adopter) => (
                <li key={adopter.ags} data-adopter={adopter.ags}>
                  <Link to={paths.municipality(adopter.ags)}>{adopter.name}</Link>
                  {adopter.note ? <span className="secondary"> – {adopter.note}</span> : null}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {practice.author ? <p className="secondary">{t("detail.author", { name: practice.author.displayName })}</p> : null}
    </div>
  );
}
