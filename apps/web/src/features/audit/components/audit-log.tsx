import { AUDIT_ACTION_GROUPS, type AuditEntry, type AuditFilter, agsSchema } from "@insek/contracts";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { DateField, Field, SelectField } from "../../../components/form/field";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";
import { Pagination } from "../../../components/pagination";
import { ErrorState, LoadingState } from "../../../components/query-state";
import { municipalitiesQueryOptions } from "../../../lib/api/get-municipalities";
import { formatTimestamp } from "../../../lib/format-timestamp";
import { useFormatLocale } from "../../../lib/i18n";
import { auditDe } from "../../../lib/locales/audit.de";
import { paths } from "../../../lib/paths";
import { AUDIT_PAGE_SIZE, auditExportUrl, useAuditLog } from "../api";
import "../audit.css";

const FILTER_KEYS = ["ags", "actor", "action", "from", "to"] as const;

/** The filter and page in the URL (so a view can be shared and survives a reload). */
function readParams(params: URLSearchParams): { filter: AuditFilter; page: number } {
  const filter: AuditFilter = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (value) filter[key] = value;
  }
  const page = Number(params.get("seite") ?? "1");
  return { filter, page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

type ActionKey = keyof typeof auditDe.actions;
const ACTION_KEYS = new Set(Object.keys(auditDe.actions));

function actionKey(action: string): ActionKey | null {
  const key = action.replaceAll(".", "__");
  return ACTION_KEYS.has(key) ? (key as ActionKey) : null;
}

function ActionLabel({ action }: { action: string }) {
  const { t } = useTranslation("audit");
  const key = actionKey(action);
  return (
    <>
      {key ? t(`actions.${key}`) : action}
      <span className="cell-secondary">
        <code>{action}</code>
      </span>
    </>
  );
}

/** What an entry is about, e.g. "municipality:14627060" as a link to its page. */
function Target({ target }: { target: string | null }) {
  const { t } = useTranslation("audit");
  if (target === null) return <>–</>;
  const [kind = "", ...rest] = target.split(":");
  const value = rest.join(":");
  switch (kind) {
    case "municipality":
      return agsSchema.safeParse(value).success ? <Link to={paths.municipality(value)}>{t("target.municipality", { ags: value })}</Link> : <>{target}</>;
    case "account":
      return <>{t("target.account", { email: value })}</>;
    case "user":
    case "token":
    case "setting":
      return (
        <>
          {t(`target.${kind}`)}
          <span className="cell-secondary audit-log__id">{value}</span>
        </>
      );
    case "consultation":
    case "assignment":
    case "update_request_campaign":
    case "outbox_message":
      return <>{t(`target.${kind}`, { id: value })}</>;
    default:
      return <>{target}</>;
  }
}

function DetailValue({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <>–</>;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return <>{String(value)}</>;
  return <code>{JSON.stringify(value)}</code>;
}

/** The details as "key: value" lines; nested values as JSON. */
function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <>–</>;
  if (typeof details !== "object" || Array.isArray(details)) return <DetailValue value={details} />;
  const entries = Object.entries(details as Record<string, unknown>);
  if (entries.length === 0) return <>–</>;
  return (
    <dl className="audit-log__details">
      {entries.map(([key, value]) => (
        <div key={key}>
          <dt>{key}</dt>
          <dd>
            <DetailValue value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Person({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation("audit");
  const [params] = useSearchParams();
  if (entry.actorLabel === "anonymous") return <>{t("anonymous")}</>;
  if (entry.actorLabel === "system" || entry.actorLabel === "cli") return <>{t("system")}</>;
  if (!entry.actorLabel.includes("@")) return <>{entry.actorLabel}</>;
  const next = new URLSearchParams(params);
  next.set("actor", entry.actorLabel);
  next.delete("seite");
  return (
    <Link to={`?${next.toString()}`} title={t("filterByPerson", { person: entry.actorLabel })} className="audit-log__person">
      {entry.actorLabel}
    </Link>
  );
}

function AuditTable({ items, page, pageCount }: { items: AuditEntry[]; page: number; pageCount: number }) {
  const { t } = useTranslation("audit");
  const locale = useFormatLocale();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table audit-log__table">
        <caption id={captionId}>{t("caption", { page, pageCount })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("columns.at")}</th>
            <th scope="col">{t("columns.person")}</th>
            <th scope="col">{t("columns.action")}</th>
            <th scope="col">{t("columns.target")}</th>
            <th scope="col">{t("columns.details")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((entry) => (
            <tr key={entry.id}>
              <td className="audit-log__at">
                <time dateTime={entry.at}>{formatTimestamp(entry.at, locale)}</time>
              </td>
              <td>
                <Person entry={entry} />
              </td>
              <th scope="row">
                <ActionLabel action={entry.action} />
              </th>
              <td>
                <Target target={entry.target} />
              </td>
              <td>
                <Details details={entry.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The name of a municipality given by AGS in the URL, for the picker (which shows names). */
function useMunicipalityName(ags: string | undefined): string | undefined {
  const lookup = useQuery({ ...municipalitiesQueryOptions({ q: ags ?? "", limit: 1, offset: 0, sort: "name" }), enabled: ags !== undefined });
  return lookup.data?.items.find((item) => item.ags === ags)?.displayName;
}

/** /protokoll: the audit log with filters (municipality, person, action, period), paged, and its CSV export. */
export function AuditLog() {
  const { t } = useTranslation("audit");
  const id = useId();
  const [params, setParams] = useSearchParams();
  const { filter, page } = readParams(params);
  const log = useAuditLog(filter, page);
  const [picked, setPicked] = useState<PickedMunicipality[]>(filter.ags ? [{ ags: filter.ags, name: filter.ags }] : []);
  const name = useMunicipalityName(filter.ags);
  useEffect(() => {
    if (name) setPicked((current) => current.map((item) => (item.ags === filter.ags ? { ...item, name } : item)));
  }, [name, filter.ags]);

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const first = picked[0];
    if (first) next.set("ags", first.ags);
    for (const key of ["actor", "action", "from", "to"]) {
      const raw = data.get(key);
      const value = typeof raw === "string" ? raw.trim() : "";
      if (value) next.set(key, value);
    }
    setParams(next, { replace: true });
  };

  const reset = () => {
    setPicked([]);
    setParams(new URLSearchParams(), { replace: true });
  };

  const goTo = (nextPage: number) => {
    const next = new URLSearchParams(params);
    if (nextPage > 1) next.set("seite", String(nextPage));
    else next.delete("seite");
    setParams(next);
  };

  const total = log.data?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));

  return (
    <>
      <form className="filters" onSubmit={onFilter} aria-label={t("filters.label")} key={params.toString()}>
        <div className="field field--search">
          <MunicipalityPicker inputId={`${id}-ags`} label={t("filters.municipality")} value={picked} onChange={setPicked} max={1} />
        </div>
        <Field
          id={`${id}-actor`}
          label={t("filters.person")}
          hint={t("filters.personHint")}
          name="actor"
          type="email"
          autoComplete="off"
          defaultValue={filter.actor ?? ""}
        />
        <SelectField id={`${id}-action`} label={t("filters.action")} name="action" defaultValue={filter.action ?? ""}>
          <option value="">{t("filters.all")}</option>
          {AUDIT_ACTION_GROUPS.map((group) => (
            <option key={group} value={`${group}.*`}>
              {t(`groups.${group}`)}
            </option>
          ))}
        </SelectField>
        <DateField id={`${id}-from`} label={t("filters.from")} name="from" defaultValue={filter.from ?? ""} />
        <DateField id={`${id}-to`} label={t("filters.to")} name="to" defaultValue={filter.to ?? ""} />
        <div className="button-row">
          <button type="submit" className="button">
            {t("filters.apply")}
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            {t("filters.reset")}
          </button>
        </div>
      </form>
      {log.isPending ? (
        <LoadingState />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <>
          <div className="audit-log__summary">
            <p className="result-count" role="status">
              {t("resultCount", { count: total })}
            </p>
            {total > 0 ? (
              <a className="button button--secondary" href={auditExportUrl(filter)} download>
                {t("export", { count: total })}
              </a>
            ) : null}
          </div>
          {log.data.items.length === 0 ? (
            <p>{t("empty")}</p>
          ) : (
            <>
              <AuditTable items={log.data.items} page={page} pageCount={pageCount} />
              {pageCount > 1 ? <Pagination page={page} pageCount={pageCount} onPageChange={goTo} /> : null}
            </>
          )}
        </>
      )}
    </>
  );
}
