import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Pagination } from "../../components/pagination";
import { ErrorState, LoadingState, QueryState } from "../../components/query-state";
import { useSaxonyGeo } from "../../features/dashboard/api/get-saxony-geo";
import { openDataHrefs, usePractices } from "../../features/practices/api";
import { PracticeCards } from "../../features/practices/components/practice-cards";
import { PracticeFilters } from "../../features/practices/components/practice-filters";
import { PracticesMap } from "../../features/practices/components/practices-map";
import { isEditor, mayPropose } from "../../features/practices/practice-access";
import { PRACTICE_PAGE_SIZE, practiceQuery, practiceSearchParams } from "../../features/practices/practice-params";
import { usePracticeParams } from "../../features/practices/use-practice-params";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";
import "../../features/practices/practices.css";

/** Entries on the map: all that match (up to the API's page limit), not only the list's page. */
const MAP_LIMIT = 500;

/** /praxisbeispiele: the published entries, searchable and filtered in the URL, as a map and a list, with their open data. */
export function PracticeListPage() {
  const { t } = useTranslation("practices");
  useDocumentTitle(t("list.title"));
  const user = useSession().data?.user;
  const { params, setFilter, setPage, reset } = usePracticeParams();
  // The public catalogue shows published entries; drafts live in "Meine Entwürfe" and the queue.
  const catalogue = { ...params, state: "published" as const };
  const list = usePractices(practiceQuery(catalogue));
  const all = usePractices({ ...practiceQuery({ ...catalogue, page: 1 }, MAP_LIMIT) });
  const geo = useSaxonyGeo();
  const { limit: _limit, offset: _offset, state: _state, ...exportFilter } = practiceQuery(catalogue);
  const hrefs = openDataHrefs(exportFilter);
  const agsName = params.ags ? all.data?.items.flatMap((item) => item.municipalities).find((municipality) => municipality.ags === params.ags)?.name : undefined;
  const hrefOfAgs = (ags: string) => `${paths.practices}?${practiceSearchParams({ ...params, ags, page: 1 }).toString()}`;

  return (
    <div className="practice-list-page">
      <link rel="alternate" type="application/atom+xml" title={t("list.feedTitle")} href={hrefs.feed} />
      <h1>{t("list.title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      {user ? (
        <ul className="plain-list button-row">
          {mayPropose(user) ? (
            <li>
              <Link className="button" to={paths.practiceNew()}>
                {t("list.propose")}
              </Link>
            </li>
          ) : null}
          {mayPropose(user) ? (
            <li>
              <Link className="button button--secondary" to={paths.myPractices}>
                {t("list.mine")}
              </Link>
            </li>
          ) : null}
          {isEditor(user) ? (
            <li>
              <Link className="button button--secondary" to={paths.practiceQueue}>
                {t("list.queue")}
              </Link>
            </li>
          ) : null}
        </ul>
      ) : null}
      <PracticeFilters params={params} onChange={setFilter} onReset={reset} />
      {params.ags ? (
        <p className="notice">
          {t("list.filteredByAgs", { name: agsName ?? params.ags })}{" "}
          <button type="button" className="button button--secondary" onClick={() => setFilter({ ags: undefined })}>
            {t("list.clearAgs")}
          </button>
        </p>
      ) : null}
      <p role="status" className="practice-count">
        {list.data ? t("list.count", { count: list.data.total }) : null}
      </p>
      <div className="practice-list-page__columns">
        <section aria-labelledby="practice-list-heading" className="practice-list-page__list">
          <h2 id="practice-list-heading">{t("list.listHeading")}</h2>
          <QueryState query={list}>
            {(loaded) =>
              loaded.items.length === 0 ? (
                <p>{t("list.none")}</p>
              ) : (
                <>
                  <PracticeCards items={loaded.items} />
                  {loaded.total > PRACTICE_PAGE_SIZE ? (
                    <Pagination page={params.page} pageCount={Math.ceil(loaded.total / PRACTICE_PAGE_SIZE)} onPageChange={setPage} />
                  ) : null}
                </>
              )
            }
          </QueryState>
        </section>
        <section aria-labelledby="practice-map-heading" className="practice-list-page__map">
          <h2 id="practice-map-heading">{t("list.mapHeading")}</h2>
          {geo.data && all.data ? (
            <>
              <PracticesMap topology={geo.data} items={all.data.items} hrefOf={hrefOfAgs} />
              {all.data.total > all.data.items.length ? <p className="hint">{t("list.mapTooMany", { shown: all.data.items.length, total: all.data.total })}</p> : null}
            </>
          ) : geo.isError ? (
            <ErrorState error={geo.error} onRetry={() => void geo.refetch()} />
          ) : all.isError ? (
            <ErrorState error={all.error} onRetry={() => void all.refetch()} />
          ) : (
            <LoadingState />
          )}
        </section>
      </div>
      <section aria-labelledby="practice-open-data" className="practice-open-data">
        <h2 id="practice-open-data">{t("list.openData")}</h2>
        <p>{t("list.openDataIntro")}</p>
        <ul>
          <li>
            <a href={hrefs.feed} type="application/atom+xml">
              {t("list.feed")}
            </a>
          </li>
          <li>
            <a href={hrefs.csv} type="text/csv" download>
              {t("list.csv")}
            </a>
          </li>
          <li>
            <a href={hrefs.json} type="application/json">
              {t("list.json")}
            </a>
          </li>
        </ul>
      </section>
    </div>
  );
}
