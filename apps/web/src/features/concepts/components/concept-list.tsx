import {
  CONCEPT_RECORD_KINDS,
  CONCEPT_SCOPES,
  CONCEPT_STATUSES,
  type ConceptListItem,
  agsSchema,
  conceptRecordKindSchema,
  conceptScopeSchema,
  conceptStatusSchema,
} from "@insek/contracts";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Field, SelectField } from "../../../components/form/field";
import { MunicipalityPicker, type PickedMunicipality } from "../../../components/municipality-picker";
import { Pagination } from "../../../components/pagination";
import { QueryState } from "../../../components/query-state";
import { paths } from "../../../lib/paths";
import { useFormatters } from "../../../lib/use-formatters";
import { type ConceptFilter, useConcepts } from "../api";
import { AdoptionSummary, ConceptStatusText } from "./concept-status";
import "../concepts.css";

export const CONCEPT_PAGE_SIZE = 50;
const MEMBERS_SHOWN = 4;

/** The filter of the address bar; values the API would refuse are left out (a shared link stays usable). */
export function readConceptFilter(search: URLSearchParams): ConceptFilter & { page: number } {
  const pick = <T,>(schema: { safeParse: (value: unknown) => { success: true; data: T } | { success: false } }, key: string): T | undefined => {
    const raw = search.get(key);
    if (raw === null || raw === "") return undefined;
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  };
  const association = search.get("association");
  const q = search.get("q")?.trim();
  const page = Number(search.get("page") ?? "1");
  return {
    ags: pick(agsSchema, "ags"),
    association: association && /^\d{9}$/.test(association) ? association : undefined,
    scope: pick(conceptScopeSchema, "scope"),
    kind: pick(conceptRecordKindSchema, "kind"),
    status: pick(conceptStatusSchema, "status"),
    q: q ? q.slice(0, 100) : undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function MemberNames({ concept }: { concept: ConceptListItem }) {
  const { t } = useTranslation("concepts");
  const shown = concept.members.slice(0, MEMBERS_SHOWN);
  const rest = concept.members.length - shown.length;
  return (
    <>
      {shown.map((member, index) => (
        <span key={member.ags}>
          {index > 0 ? ", " : null}
          <Link to={paths.municipality(member.ags)}>{member.name}</Link>
          {concept.memberCount > 1 ? <span className="visually-hidden"> ({member.adopted ? t("common.adopted") : t("common.notAdopted")})</span> : null}
        </span>
      ))}
      {rest > 0 ? ` ${t("list.membersMore", { count: rest })}` : null}
    </>
  );
}

function ConceptTable({ items, busy }: { items: readonly ConceptListItem[]; busy: boolean }) {
  const { t } = useTranslation("concepts");
  const format = useFormatters();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table concept-table" aria-busy={busy}>
        <caption id={captionId}>{t("list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("list.columnTitle")}</th>
            <th scope="col">{t("list.columnMembers")}</th>
            <th scope="col">{t("list.columnStatus")}</th>
            <th scope="col">{t("list.columnAdopted")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((concept) => (
            <tr key={concept.id} data-concept={concept.id}>
              <th scope="row">
                <Link to={paths.concept(concept.id)}>{concept.title}</Link>
                <span className="secondary cell-secondary">
                  {" "}
                  {t(`kind.${concept.kind}`)}, {t(`scope.${concept.scope}`)}
                  {concept.horizonYear ? `, ${concept.horizonYear}` : null}
                </span>
              </th>
              <td data-label={t("list.columnMembers")}>
                <MemberNames concept={concept} />
              </td>
              <td data-label={t("list.columnStatus")}>
                <ConceptStatusText concept={concept} />
              </td>
              <td data-label={t("list.columnAdopted")}>
                <AdoptionSummary adopted={concept.adoptedCount} total={concept.memberCount} />
                {concept.adoptedAt ? <span className="nowrap secondary"> {format.date(concept.adoptedAt)}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The concepts with their filters (in the URL, so a view can be shared): municipality, association, scope,
 * kind, state and a title search. `associations` come from the page (another feature's data).
 */
export function ConceptList({ associations }: { associations: readonly { key: string; name: string }[] }) {
  const { t } = useTranslation("concepts");
  const id = useId();
  const [search, setSearch] = useSearchParams();
  const filter = readConceptFilter(search);
  const { page, ...query } = filter;
  const concepts = useConcepts({ ...query, limit: CONCEPT_PAGE_SIZE, offset: (page - 1) * CONCEPT_PAGE_SIZE });
  const knownName = concepts.data?.items.flatMap((item) => item.members).find((member) => member.ags === filter.ags)?.name;
  const [picked, setPicked] = useState<PickedMunicipality[]>(filter.ags ? [{ ags: filter.ags, name: knownName ?? filter.ags }] : []);
  const sortedAssociations = [...associations].sort((a, b) => a.name.localeCompare(b.name, "de"));

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const first = picked[0];
    if (first) next.set("ags", first.ags);
    for (const key of ["association", "scope", "kind", "status", "q"]) {
      const raw = data.get(key);
      const value = typeof raw === "string" ? raw.trim() : "";
      if (value) next.set(key, value);
    }
    setSearch(next);
  };
  const reset = () => {
    setPicked([]);
    setSearch(new URLSearchParams());
  };
  const setPage = (next: number) => {
    const params = new URLSearchParams(search);
    params.set("page", String(next));
    setSearch(params);
  };

  return (
    <>
      <form className="filters" onSubmit={onFilter} aria-label={t("list.filtersLabel")} key={search.toString()}>
        <div className="field field--search">
          <MunicipalityPicker inputId={`${id}-ags`} label={t("list.municipality")} value={picked} onChange={setPicked} max={1} />
        </div>
        <SelectField id={`${id}-association`} label={t("list.association")} name="association" defaultValue={filter.association ?? ""}>
          <option value="">{t("common.all")}</option>
          {sortedAssociations.map((association) => (
            <option key={association.key} value={association.key}>
              {association.name}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${id}-scope`} label={t("list.scope")} name="scope" defaultValue={filter.scope ?? ""}>
          <option value="">{t("common.all")}</option>
          {CONCEPT_SCOPES.map((scope) => (
            <option key={scope} value={scope}>
              {t(`scopeLong.${scope}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${id}-kind`} label={t("list.kind")} name="kind" defaultValue={filter.kind ?? ""}>
          <option value="">{t("common.all")}</option>
          {CONCEPT_RECORD_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`kind.${kind}`)}
            </option>
          ))}
        </SelectField>
        <SelectField id={`${id}-status`} label={t("list.status")} name="status" defaultValue={filter.status ?? ""}>
          <option value="">{t("common.all")}</option>
          {CONCEPT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`status.${status}`)}
            </option>
          ))}
        </SelectField>
        <Field id={`${id}-q`} label={t("list.search")} name="q" type="search" defaultValue={filter.q ?? ""} maxLength={100} />
        <div className="button-row">
          <button type="submit" className="button">
            {t("common.apply")}
          </button>
          <button type="button" className="button button--secondary" onClick={reset}>
            {t("common.reset")}
          </button>
        </div>
      </form>

      <p className="result-count" role="status">
        {concepts.data ? t("list.resultCount", { count: concepts.data.total }) : ""}
      </p>

      <QueryState query={concepts}>
        {(loaded) =>
          loaded.total === 0 ? (
            <p className="notice">{t("list.empty")}</p>
          ) : (
            <>
              <ConceptTable items={loaded.items} busy={concepts.isPlaceholderData} />
              {loaded.total > CONCEPT_PAGE_SIZE ? (
                <Pagination page={page} pageCount={Math.ceil(loaded.total / CONCEPT_PAGE_SIZE)} onPageChange={setPage} />
              ) : null}
            </>
          )
        }
      </QueryState>
    </>
  );
}
