import type { Programme } from "@insek/contracts";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { SelectField } from "../../../components/form/field";
import { QueryState } from "../../../components/query-state";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { useEligibleWithoutConcept } from "../api";

/**
 * The municipalities that reach a programme's population threshold but have no current town-wide concept on
 * the date, largest first; the programme is chosen here (the page keeps it in the address).
 */
export function EligibleList({
  programmes,
  programmeId,
  onProgramme,
  asOf,
}: {
  programmes: readonly Programme[];
  programmeId: string;
  onProgramme: (id: string) => void;
  asOf: string;
}) {
  const { t } = useTranslation("funding");
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const programme = programmes.find((p) => p.id === programmeId);
  const list = useEligibleWithoutConcept(programme?.requirements.townWideConcept ? programmeId : undefined, asOf);
  return (
    <>
      <p>{t("eligible.intro", { date: format.date(asOf) })}</p>
      <SelectField id={`${id}-programme`} label={t("eligible.programme")} value={programmeId} onChange={(event) => onProgramme(event.target.value)}>
        {programmes.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      {!programme ? null : !programme.requirements.townWideConcept ? (
        <p>{t("eligible.noConceptNeeded")}</p>
      ) : (
        <QueryState query={list}>
          {(data) => (
            <>
              <p>
                {data.minPopulation !== null
                  ? t("eligible.threshold", { count: format.integer(data.minPopulation) })
                  : t("eligible.noThreshold")}{" "}
                {data.items.length < data.total ? t("eligible.shown", { shown: format.integer(data.items.length), total: format.integer(data.total) }) : null}
              </p>
              {data.items.length === 0 ? (
                <p>{t("eligible.none")}</p>
              ) : (
                <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
                  <table className="data-table eligible-table" aria-busy={list.isFetching}>
                    <caption id={`${id}-caption`}>
                      {t("eligible.caption", { programme: programme.name, date: format.date(data.asOf), count: format.integer(data.total) })}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("eligible.columnName")}</th>
                        <th scope="col">{t("eligible.columnDistrict")}</th>
                        <th scope="col" className="num">
                          {t("eligible.columnPopulation")}
                        </th>
                        <th scope="col">{t("eligible.columnStatus")}</th>
                        <th scope="col">{t("eligible.columnCurrentUntil")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((item) => (
                        <tr key={item.ags}>
                          <th scope="row">
                            <Link to={paths.municipality(item.ags)}>{item.name}</Link>
                          </th>
                          <td>{item.districtName}</td>
                          <td className="num">{format.integer(item.population)}</td>
                          <td>{tc(`status.${item.status}`)}</td>
                          <td>{item.currentUntil ? format.date(item.currentUntil) : "–"}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          )}
        </QueryState>
      )}
    </>
  );
}
