import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadingState, QueryState } from "../../components/query-state";
import { usePractices } from "../../features/practices/api";
import { PracticeCards } from "../../features/practices/components/practice-cards";
import { isEditor } from "../../features/practices/practice-access";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import "../../features/practices/practices.css";

/** /praxisbeispiele/pruefen: what waits for the editors (FS INGE, SMR): submitted entries and submitted revisions. */
export function PracticeQueuePage() {
  const { t } = useTranslation("practices");
  useDocumentTitle(t("queue.title"));
  const session = useSession();
  const user = session.data?.user;
  const editor = isEditor(user);
  const submitted = usePractices({ state: "submitted", limit: 500, offset: 0 }, editor);
  const published = usePractices({ state: "published", limit: 500, offset: 0 }, editor);
  return (
    <div className="practice-queue-page">
      <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
        <ol>
          <li>
            <Link to={paths.practices}>{t("list.title")}</Link>
          </li>
          <li aria-current="page">{t("queue.title")}</li>
        </ol>
      </nav>
      <h1>{t("queue.title")}</h1>
      {session.isPending ? (
        <LoadingState />
      ) : !editor ? (
        <p className="notice">
          {t("queue.editorsOnly")}
          {user ? null : (
            <>
              {" "}
              <Link to={paths.login}>{t("common.signIn")}</Link>
            </>
          )}
        </p>
      ) : (
        <>
          <p className="lead">{t("queue.intro")}</p>
          <section aria-labelledby="queue-submitted">
            <h2 id="queue-submitted">{t("queue.submitted")}</h2>
            <QueryState query={submitted}>{(list) => (list.items.length === 0 ? <p>{t("queue.none")}</p> : <PracticeCards items={list.items} showState />)}</QueryState>
          </section>
          <section aria-labelledby="queue-revisions">
            <h2 id="queue-revisions">{t("queue.revisions")}</h2>
            <QueryState query={published}>
              {(list) => {
                const revisions = list.items.filter((item) => item.revisionState === "submitted");
                return revisions.length === 0 ? <p>{t("queue.none")}</p> : <PracticeCards items={revisions} showState />;
              }}
            </QueryState>
          </section>
        </>
      )}
    </div>
  );
}
