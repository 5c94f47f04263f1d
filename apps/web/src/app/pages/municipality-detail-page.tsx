import { agsSchema, todayInSaxony } from "@insek/contracts";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { QueryState } from "../../components/query-state";
import { MunicipalityAdvisors, MunicipalityConsultations } from "../../features/consultations/components/municipality-advisory";
import { AssociationFacts } from "../../features/associations/components/association-facts";
import { mayCreateConcepts } from "../../features/concepts/concept-access";
import { MunicipalityConcepts } from "../../features/concepts/components/municipality-concepts";
import { MunicipalityMeasures } from "../../features/funding/components/municipality-measures";
import { MunicipalityPractices } from "../../features/practices/components/municipality-practices";
import { mayPropose } from "../../features/practices/practice-access";
import { useSession } from "../../lib/api/get-session";
import { EventTimeline } from "../../features/municipality-record/components/event-timeline";
import { RecordCard } from "../../components/record-card";
import { RecordWrites } from "../../features/municipality-record/components/record-writes";
import { useMunicipality } from "../../features/municipalities/api/get-municipality";
import { MunicipalityRegistry } from "../../features/municipalities/components/municipality-registry";
import { ApiError } from "../../lib/api-client";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import { useFormatters } from "../../lib/use-formatters";

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function MunicipalityNotFound({ ags }: { ags: string }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t("detail.notFoundTitle")}</h1>
      <p>{t("detail.notFoundText", { ags })}</p>
      <p>{t("detail.notFoundHint")}</p>
      <p>
        <Link to={paths.municipalities}>{t("detail.backToList")}</Link>
      </p>
    </>
  );
}

export function MunicipalityDetailPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const ags = useParams().ags ?? "";
  // A malformed AGS cannot exist; say so without asking the server.
  const validAgs = agsSchema.safeParse(ags).success;

  const municipality = useMunicipality(validAgs ? ags : undefined);
  const successor = useMunicipality(municipality.data?.successorAgs ?? undefined);
  const user = useSession().data?.user;
  // SMR writes everywhere, a municipality account for its own AGS; an advisor's portfolio is checked by the
  // server (403 OUT_OF_SCOPE is shown in the form), as the assignments are not available to the client yet.
  const mayWrite =
    user !== undefined &&
    (user.role === "smr" || user.role === "advisor" || (user.role === "municipality" && user.ags.includes(ags)));

  const notFound =
    !validAgs || (municipality.error instanceof ApiError && municipality.error.isNotFound);
  useDocumentTitle(
    notFound ? t("detail.notFoundTitle") : (municipality.data?.displayName ?? t("detail.titleFallback")),
  );

  if (notFound) return <MunicipalityNotFound ags={ags} />;

  const data = municipality.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
        <ol>
          <li>
            <Link to={paths.overview}>{t("nav.overview")}</Link>
          </li>
          <li>
            <Link to={paths.municipalities}>{t("nav.municipalities")}</Link>
          </li>
          <li aria-current="page">{data?.displayName ?? ags}</li>
        </ol>
      </nav>
      <h1>{data?.displayName ?? t("detail.titleFallback")}</h1>
      <QueryState query={municipality}>{(loaded) => (
        <>
          <p className="lead">{t(`municipalityType.${loaded.type}`)}, {loaded.districtName}</p>
          {loaded.validTo ? (
            <p className="notice notice--info">
              {t("detail.dissolvedNotice", { date: format.date(loaded.validTo) })}
            </p>
          ) : null}
          <RecordCard record={loaded.record} />
          {mayWrite && user && loaded.validTo === null ? (
            <RecordWrites key={loaded.ags} municipality={loaded} user={user} />
          ) : null}
          <MunicipalityConcepts ags={loaded.ags} concepts={loaded.concepts} canCreate={loaded.validTo === null && mayCreateConcepts(user)} />
          <MunicipalityMeasures
            ags={loaded.ags}
            concepts={loaded.concepts.filter((concept) => concept.status !== "replaced")}
            canEdit={loaded.validTo === null && (user?.role === "smr" || user?.role === "advisor")}
          />
          <MunicipalityPractices
            ags={loaded.ags}
            canPropose={loaded.validTo === null && mayPropose(user) && (user?.role !== "municipality" || user.ags.includes(loaded.ags))}
          />
          {user ? <MunicipalityAdvisors advisors={loaded.advisors} /> : null}
          <EventTimeline ags={loaded.ags} />
          {user?.role === "smr" || user?.role === "advisor" || (user?.role === "municipality" && user.ags.includes(ags)) ? (
            <MunicipalityConsultations ags={loaded.ags} />
          ) : null}
          <section aria-labelledby="registry-heading">
            <h2 id="registry-heading">{t("detail.registryHeading")}</h2>
            <MunicipalityRegistry municipality={loaded} successorName={successor.data?.displayName} />
          </section>
          <AssociationFacts
            association={loaded.association}
            ags={loaded.ags}
            day={loaded.validTo ? dayBefore(loaded.validTo) : todayInSaxony()}
            actions={
              loaded.validTo === null && mayCreateConcepts(user)
                ? (key) => (
                    <p>
                      <Link className="button button--secondary" to={paths.conceptNew({ association: key })}>
                        {t("municipality.createJoint", { ns: "concepts" })}
                      </Link>
                    </p>
                  )
                : undefined
            }
          />
          <p>
            <Link to={paths.municipalities}>{t("detail.backToList")}</Link>
          </p>
        </>
      )}</QueryState>
    </>
  );
}
