import { STATUSES, type PortfolioItem, type SessionUser } from "@insek/contracts";
import { type FormEvent, useId, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Field, SelectField } from "../../../components/form/field";
import { Link, useSearchParams } from "react-router";
import { QueryState } from "../../../components/query-state";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { CurrencyBadges } from "../../../components/currency-badges";
import { useAssignments } from "../../../lib/api/get-assignments";
import { usePortfolio } from "../api";
import { FLAGS, type Flag, SORT_FIELDS, type SortField, matchesFlag, sortPortfolio } from "../portfolio-model";
import "../portfolio.css";

/** The text badges of a row: overdue, follow-up, open reviews (icons and words, never colour alone). */
function Flags({ item }: { item: PortfolioItem }) {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  return (
    <span className="flag-list">
      {item.overdue ? <span className="badge badge--overdue">{t("portfolio.overdue")}</span> : null}
      {item.neverContacted ? <span className="badge badge--never">{tw("portfolio.neverContacted")}</span> : null}
      {item.followUpDue && !item.overdue ? <span className="badge badge--follow-up">{t("portfolio.followUp")}</span> : null}
      {item.pendingReviews > 0 ? (
        <span className="badge badge--pending">{t("portfolio.pendingBadge", { count: item.pendingReviews })}</span>
      ) : null}
    </span>
  );
}

function AdvisorChooser({ current }: { current: string }) {
  const { t } = useTranslation("advisory");
  const id = useId();
  const [params, setParams] = useSearchParams();
  const assignments = useAssignments({ active: true });
  const advisors = useMemo(() => {
    const byEmail = new Map<string, string>();
    for (const item of assignments.data?.items ?? []) {
      if (item.advisor.email) byEmail.set(item.advisor.email, item.advisor.displayName);
    }
    return [...byEmail.entries()].sort((a, b) => a[1].localeCompare(b[1], "de"));
  }, [assignments.data]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get("advisor");
    const value = typeof raw === "string" ? raw.trim() : "";
    const next = new URLSearchParams(params);
    if (value) next.set("advisor", value);
    else next.delete("advisor");
    setParams(next);
  };
  return (
    <form className="filters" onSubmit={onSubmit} key={current}>
      <Field
        id={`${id}-advisor`}
        className="field--search"
        label={t("portfolio.advisorLabel")}
        hint={t("portfolio.advisorHint")}
        name="advisor"
        list={`${id}-advisors`}
        defaultValue={current}
      />
      <datalist id={`${id}-advisors`}>
        {advisors.map(([email, name]) => (
          <option key={email} value={email}>
            {name}
          </option>
        ))}
      </datalist>
      <button type="submit" className="button">
        {t("portfolio.show")}
      </button>
    </form>
  );
}

/** "Betreute Gemeinden": the advisor's portfolio with the week's follow-ups and open reviews. */
export function PortfolioView({ user }: { user: SessionUser }) {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const { t: tc } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const advisorParam = user.role === "smr" ? (params.get("advisor") ?? "") : "";
  // SMR names the advisor whose portfolio to show; an advisor always sees their own.
  const needsAdvisor = user.role === "smr" && advisorParam === "";
  const portfolio = usePortfolio(advisorParam || undefined, !needsAdvisor);
  const q = params.get("q") ?? "";
  const status = params.get("status") ?? "";
  const flagParam = params.get("flag") ?? "any";
  const flag: Flag = (FLAGS as readonly string[]).includes(flagParam) ? (flagParam as Flag) : "any";
  const sortParam = params.get("sort") ?? "name";
  const descending = sortParam.startsWith("-");
  const sortFieldRaw = sortParam.replace(/^-/, "");
  const sortField: SortField = (SORT_FIELDS as readonly string[]).includes(sortFieldRaw) ? (sortFieldRaw as SortField) : "name";

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === "" || (key === "flag" && value === "any") || (key === "sort" && value === "name")) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const columns: { field: SortField | null; label: string }[] = [
    { field: "name", label: t("portfolio.column.name") },
    { field: "district", label: t("portfolio.column.district") },
    { field: "status", label: t("portfolio.column.status") },
    { field: "currentUntil", label: t("portfolio.column.currency") },
    { field: "lastContact", label: t("portfolio.column.lastContact") },
    { field: "nextContact", label: t("portfolio.column.nextContact") },
    { field: null, label: t("portfolio.column.flags") },
  ];

  /** The portfolio once it is there (QueryState draws the loading and error states). */
  const renderPortfolio = (data: NonNullable<typeof portfolio.data>) => {
    const needle = q.trim().toLocaleLowerCase("de");
    const filtered = data.items.filter(
      (item) =>
        (needle === "" || item.name.toLocaleLowerCase("de").includes(needle) || item.ags.startsWith(needle)) &&
        (status === "" || item.record.status === status) &&
        matchesFlag(item, flag),
    );
    const rows = sortPortfolio(filtered, sortField, descending);
    const followUps = sortPortfolio(
      data.items.filter((item) => item.followUpDue),
      "nextContact",
      false,
    );
    const pendingTotal = data.items.reduce((sum, item) => sum + item.pendingReviews, 0);
    const neverContacted = data.items.filter((item) => item.neverContacted).length;
    const sortLabel = columns.find((column) => column.field === sortField)?.label ?? "";

    return (
      <>
        <p className="lead">
          {t("portfolio.of", { name: data.advisor.displayName })} · {t("portfolio.today", { date: format.date(data.today) })}
        </p>

        <section className="workspace-section" aria-labelledby={`${id}-followup`}>
          <h2 id={`${id}-followup`}>
            {t("portfolio.followUpHeading", { from: format.date(data.weekStart), to: format.date(data.weekEnd) })}
          </h2>
          {followUps.length === 0 ? (
            <p>{t("portfolio.followUpEmpty")}</p>
          ) : (
            <ul className="link-list">
              {followUps.map((item) => (
                <li key={item.ags}>
                  <Link to={paths.municipality(item.ags)}>{item.name}</Link> –{" "}
                  {t("portfolio.followUpItem", { date: item.nextContact ? format.date(item.nextContact) : "–" })}
                  {item.overdue ? <span className="badge badge--overdue">{t("portfolio.overdue")}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </section>

        <section className="workspace-section" aria-labelledby={`${id}-never`}>
          <h2 id={`${id}-never`}>{tw("portfolio.neverContactedHeading")}</h2>
          {neverContacted === 0 ? (
            <p>{tw("portfolio.neverContactedNone")}</p>
          ) : (
            <p>
              {tw("portfolio.neverContactedText", { count: neverContacted })}{" "}
              {flag === "never" ? null : (
                <a
                  href={`?${new URLSearchParams({ ...Object.fromEntries(params), flag: "never" }).toString()}`}
                  onClick={(event) => {
                    event.preventDefault();
                    update({ flag: "never" });
                    document.getElementById(`${id}-table`)?.scrollIntoView();
                  }}
                >
                  {tw("portfolio.neverContactedLink")}
                </a>
              )}
            </p>
          )}
        </section>

        <section className="workspace-section" aria-labelledby={`${id}-pending`}>
          <h2 id={`${id}-pending`}>{t("portfolio.pendingHeading")}</h2>
          {pendingTotal === 0 ? (
            <p>{t("portfolio.pendingNone")}</p>
          ) : (
            <p>
              {t("portfolio.pendingText", { count: pendingTotal })} <Link to={`${paths.updateRequests}#pruefung`}>{t("portfolio.pendingLink")}</Link>
            </p>
          )}
        </section>

        <section className="workspace-section" aria-labelledby={`${id}-table`}>
          <h2 id={`${id}-table`}>{t("portfolio.tableHeading")}</h2>
          <form className="filters" role="search" aria-label={t("portfolio.filtersHeading")} onSubmit={(event) => event.preventDefault()}>
            <Field id={`${id}-q`} className="field--search" label={t("portfolio.search")} type="search" value={q} onChange={(event) => update({ q: event.target.value })} />
            <SelectField id={`${id}-status`} label={t("portfolio.statusFilter")} value={status} onChange={(event) => update({ status: event.target.value })}>
              <option value="">{t("common.all")}</option>
              {STATUSES.map((value) => (
                <option key={value} value={value}>
                  {tc(`status.${value}`)}
                </option>
              ))}
            </SelectField>
            <SelectField id={`${id}-flag`} label={t("portfolio.flagFilter")} value={flag} onChange={(event) => update({ flag: event.target.value })}>
              {FLAGS.map((value) => (
                <option key={value} value={value}>
                  {t(`portfolio.flag.${value}`)}
                </option>
              ))}
            </SelectField>
          </form>
          {data.items.length === 0 ? (
            <p>{t("portfolio.empty")}</p>
          ) : rows.length === 0 ? (
            <p role="status">{t("portfolio.noMatch")}</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
              <table className="data-table portfolio-table">
                <caption id={`${id}-caption`}>
                  {t("portfolio.caption", {
                    count: rows.length,
                    total: data.items.length,
                    column: sortLabel,
                    direction: descending ? t("portfolio.descending") : t("portfolio.ascending"),
                  })}
                </caption>
                <thead>
                  <tr>
                    {columns.map((column) => {
                      if (!column.field) {
                        return (
                          <th key={column.label} scope="col">
                            {column.label}
                          </th>
                        );
                      }
                      const field = column.field;
                      const active = field === sortField;
                      return (
                        <th key={field} scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
                          <button
                            type="button"
                            className="sort-button"
                            onClick={() => update({ sort: active && !descending ? `-${field}` : field })}
                          >
                            {column.label}
                            <span className="sort-button__icon" aria-hidden="true">
                              {active ? (descending ? "▼" : "▲") : "↕"}
                            </span>
                          </button>
                        </th>
                      );
                    })}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((item) => (
                    <tr key={item.ags}>
                      <th scope="row">
                        <Link to={paths.municipality(item.ags)}>{item.name}</Link>
                      </th>
                      <td>{item.districtName}</td>
                      <td>{tc(`status.${item.record.status}`)}</td>
                      <td>
                        <CurrencyBadges record={item.record} />
                      </td>
                      <td>{item.lastContact ? format.date(item.lastContact) : <span className="secondary">{t("portfolio.noContact")}</span>}</td>
                      <td>{item.nextContact ? format.date(item.nextContact) : t("common.none")}</td>
                      <td>
                        <Flags item={item} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </>
    );
  };

  if (needsAdvisor) return <AdvisorChooser current="" />;
  return (
    <>
      {user.role === "smr" ? <AdvisorChooser current={advisorParam} /> : null}
      <QueryState query={portfolio}>{renderPortfolio}</QueryState>
    </>
  );
}
