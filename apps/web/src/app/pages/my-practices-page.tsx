import { PRACTICE_STATES, type PracticeListItem } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SelectField } from "../../components/form/field";
import { LoadingState } from "../../components/query-state";
import { usePractices } from "../../features/practices/api";
import { PracticeCards } from "../../features/practices/components/practice-cards";
import { mayPropose } from "../../features/practices/practice-access";
import { usePracticeParams } from "../../features/practices/use-practice-params";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import "../../features/practices/practices.css";

/**
 * /praxisbeispiele/meine-entwuerfe: the entries an author works on, by state (?state=): those they wrote and,
 * for a municipality account, those about its municipalities (the list's `mine` filter).
 */
export function MyPracticesPage() {
  const { t } = useTranslation("practices");
  useDocumentTitle(t("mine.title"));
  const id = useId();
  const session = useSession();
  const user = session.data?.user;
  const { params, setFilter } = usePracticeParams();
  const state = params.state ?? "draft";
  const list = usePractices({ state, mine: true, limit: 500, offset: 0 }, mayPropose(user));
  const items: PracticeListItem[] = list.data?.items ?? [];
  return (
    <div className="my-practices-page">
      <nav className="breadcrumb" aria-label={t("detail.breadcrumbLabel")}>
        <ol>
          <li>
            <Link to={paths.practices}>{t("list.title")}</Link>
          </li>
          <li aria-current="page">{t("mine.title")}</li>
        </ol>
      </nav>
      <h1>{t("mine.title")}</h1>
      {session.isPending ? (
        <LoadingState />
      ) : !mayPropose(user) ? (
        <p className="notice">
          {t("common.signInToPropose")} <Link to={paths.login}>{t("common.signIn")}</Link>
        </p>
      ) : (
        <>
          <p className="lead">{t("mine.intro")}</p>
          <p>
            <Link className="button" to={paths.practiceNew()}>
              {t("list.propose")}
            </Link>
          </p>
          <SelectField id={`${id}-state`} label={t("mine.stateFilter")} value={state} onChange={(event) => setFilter({ state: event.target.value as typeof state })}>
            {PRACTICE_STATES.map((option) => (
              <option key={option} value={option}>
                {t(`state.${option}`)}
              </option>
            ))}
          </SelectField>
          <p role="status">{list.data ? t("list.count", { count: list.data.total }) : null}</p>
          {list.isPending ? <LoadingState /> : items.length === 0 ? <p>{t("mine.none")}</p> : <PracticeCards items={items} headingLevel={2} showState />}
        </>
      )}
    </div>
  );
}
