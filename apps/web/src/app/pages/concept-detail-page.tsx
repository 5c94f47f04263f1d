import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { QueryState } from "../../components/query-state";
import { useConcept } from "../../features/concepts/api";
import { conceptIdOf, mayCreateConcepts, mayEditConcept, resolutionMembers } from "../../features/concepts/concept-access";
import { ConceptView } from "../../features/concepts/components/concept-view";
import { DocumentUploadForm } from "../../features/concepts/components/document-upload-form";
import { ResolutionForm } from "../../features/concepts/components/resolution-form";
import { ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

export function ConceptDetailPage() {
  const { t } = useTranslation("concepts");
  const raw = useParams().id;
  const id = conceptIdOf(raw);
  const concept = useConcept(id);
  const user = useSession().data?.user;
  const location = useLocation();
  const navigate = useNavigate();
  // "Saved" answers the form that led here, once: a reload or a later visit does not repeat it.
  const [saved] = useState(() => (location.state as { savedVersion?: number } | null)?.savedVersion);
  useEffect(() => {
    if (location.state !== null) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const notFound = id === null || (concept.error instanceof ApiError && concept.error.isNotFound);
  useDocumentTitle(notFound ? t("detail.notFoundTitle") : (concept.data?.title ?? t("detail.titleFallback")));

  if (notFound) {
    return (
      <>
        <h1>{t("detail.notFoundTitle")}</h1>
        <p>{t("detail.notFoundText", { id: raw ?? "" })}</p>
        <p>
          <Link to={paths.concepts}>{t("detail.backToList")}</Link>
        </p>
      </>
    );
  }

  const data = concept.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
        <ol>
          <li>
            <Link to={paths.concepts}>{t("list.title")}</Link>
          </li>
          <li aria-current="page">{data?.title ?? `#${raw ?? ""}`}</li>
        </ol>
      </nav>
      <h1>{data?.title ?? t("detail.titleFallback")}</h1>
      <QueryState query={concept}>
        {(loaded) => {
          const editable = mayEditConcept(user, loaded.members);
          const recordFor = resolutionMembers(user, loaded.members);
          return (
            <>
              <p className="lead">
                {t(`kindLong.${loaded.kind}`)} · {t(`scopeLong.${loaded.scope}`)}
              </p>
              {saved !== undefined ? (
                <p className="notice notice--success" role="status">
                  {t("form.saved", { version: saved })}
                </p>
              ) : null}
              {loaded.updateRecommended ? (
                <p className="notice notice--warning">
                  <strong>{t("common.updateRecommended")}:</strong> {t("common.updateRecommendedText", { years: loaded.updateRecommendedYears })}
                </p>
              ) : null}
              {editable || (loaded.scope !== "area" && mayCreateConcepts(user)) ? (
                <ul className="plain-list concept-actions">
                  {editable ? (
                    <li>
                      <Link className="button button--secondary" to={paths.conceptEdit(loaded.id)}>
                        {t("detail.edit")}
                      </Link>
                    </li>
                  ) : null}
                  {loaded.scope !== "area" && mayCreateConcepts(user) ? (
                    <li>
                      <Link
                        className="button button--secondary"
                        to={paths.conceptNew({ parent: loaded.id, ...(loaded.members.length === 1 && loaded.members[0] ? { ags: loaded.members[0].ags } : {}) })}
                      >
                        {t("detail.createArea")}
                      </Link>
                    </li>
                  ) : null}
                </ul>
              ) : null}
              <ConceptView concept={loaded} />
              {editable ? <DocumentUploadForm conceptId={loaded.id} /> : null}
              {recordFor.length > 0 ? <ResolutionForm concept={loaded} members={recordFor} /> : null}
              <p>
                <Link to={paths.concepts}>{t("detail.backToList")}</Link>
              </p>
            </>
          );
        }}
      </QueryState>
    </>
  );
}
