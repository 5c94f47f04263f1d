import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { QueryState } from "../../components/query-state";
import { usePractice } from "../../features/practices/api";
import { AdopterForm } from "../../features/practices/components/adopter-form";
import { ImageUploadForm } from "../../features/practices/components/image-upload-form";
import { PracticeStateBadge } from "../../features/practices/components/practice-badges";
import { PracticeView } from "../../features/practices/components/practice-view";
import { WorkflowPanel } from "../../features/practices/components/workflow-panel";
import { allowedActions, mayRecordAdopter, practiceIdOf } from "../../features/practices/practice-access";
import { ApiError } from "../../lib/api-client";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import "../../features/practices/practices.css";

/** /praxisbeispiele/:id: the entry, its workflow for those related to it, images and adopters to add. */
export function PracticeDetailPage() {
  const { t } = useTranslation("practices");
  const raw = useParams().id;
  const id = practiceIdOf(raw);
  const practice = usePractice(id);
  const user = useSession().data?.user;
  const location = useLocation();
  const navigate = useNavigate();
  const [saved] = useState(() => (location.state as { savedVersion?: number } | null)?.savedVersion);
  useEffect(() => {
    if (location.state !== null) void navigate(location.pathname, { replace: true, state: null });
  }, [location.state, location.pathname, navigate]);
  const notFound = id === null || (practice.error instanceof ApiError && practice.error.isNotFound);
  useDocumentTitle(notFound ? t("detail.notFoundTitle") : (practice.data?.title ?? t("detail.titleFallback")));

  if (notFound) {
    return (
      <>
        <h1>{t("detail.notFoundTitle")}</h1>
        <p>{t("detail.notFoundText", { id: raw ?? "" })}</p>
        <p>
          <Link to={paths.practices}>{t("detail.backToList")}</Link>
        </p>
      </>
    );
  }
  const data = practice.data;
  return (
    <div className="practice-detail-page">
      <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
        <ol>
          <li>
            <Link to={paths.practices}>{t("list.title")}</Link>
          </li>
          <li aria-current="page">{data?.title ?? `#${raw ?? ""}`}</li>
        </ol>
      </nav>
      <h1>{data?.title ?? t("detail.titleFallback")}</h1>
      <QueryState query={practice}>
        {(loaded) => {
          const actions = allowedActions(user, loaded);
          const related = actions.length > 0 || loaded.revision !== null || loaded.returnComment !== null;
          return (
            <>
              {loaded.state !== "published" && !related ? (
                <p>
                  <PracticeStateBadge state={loaded.state} revisionState={null} />
                </p>
              ) : null}
              {saved !== undefined ? (
                <p className="notice notice--success" role="status">
                  {t("detail.saved", { version: saved })}
                </p>
              ) : null}
              {related ? <WorkflowPanel practice={loaded} actions={actions} /> : null}
              <PracticeView practice={loaded} />
              {actions.includes("edit") ? <ImageUploadForm practiceId={loaded.id} /> : null}
              {mayRecordAdopter(user, loaded) ? <AdopterForm practiceId={loaded.id} /> : null}
              <p>
                <Link to={paths.practices}>{t("detail.backToList")}</Link>
              </p>
            </>
          );
        }}
      </QueryState>
    </div>
  );
}
