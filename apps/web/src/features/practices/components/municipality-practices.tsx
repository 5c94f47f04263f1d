import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryState } from "../../../components/query-state";
import { paths } from "../../../lib/paths";
import { usePractices } from "../api";
import { PracticeCards } from "./practice-cards";
import "../practices.css";

/** The municipality page's section: the entries about it (published ones; its own drafts for its accounts and editors). */
export function MunicipalityPractices({ ags, canPropose }: { ags: string; canPropose: boolean }) {
  const { t } = useTranslation("practices");
  const practices = usePractices({ ags, limit: 50, offset: 0 });
  return (
    <section aria-labelledby="practices-heading" className="municipality-practices">
      <h2 id="practices-heading">{t("municipality.heading")}</h2>
      <QueryState query={practices}>
        {(list) =>
          list.items.length === 0 ? (
            <p>{t("municipality.none")}</p>
          ) : (
            <>
              <PracticeCards items={list.items} />
              {list.total > list.items.length ? (
                <p>
                  <Link to={`${paths.practices}?${new URLSearchParams({ ags }).toString()}`}>{t("municipality.all")}</Link>
                </p>
              ) : null}
            </>
          )
        }
      </QueryState>
      {canPropose ? (
        <p>
          <Link className="button button--secondary" to={paths.practiceNew({ ags })}>
            {t("municipality.propose")}
          </Link>
        </p>
      ) : null}
    </section>
  );
}
