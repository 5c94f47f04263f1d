import {
  type MunicipalityListQuery,
  type MunicipalitySort,
  type MunicipalityType,
  type Status,
  associationKeySchema,
  districtKeySchema,
  municipalitySortSchema,
  municipalityTypeSchema,
  statusSchema,
} from "@insek/contracts";

/**
 * The municipality list keeps all of its state in the URL
 * (?q=&district=&association=&type=&status=&current=&expiring=&stale=&sort=&page=),
 * so a reload or a shared link restores the same view. Invalid values fall back to the
 * default one by one instead of failing the whole page.
 */

export const PAGE_SIZE = 50;
export const DEFAULT_SORT: MunicipalitySort = "name";
/** The API rejects longer search terms. */
export const MAX_SEARCH_LENGTH = 100;

export interface MunicipalityListParams {
  q: string;
  district: string | undefined;
  /** Key of a Verwaltungsgemeinschaft or -verband: only its members. */
  association: string | undefined;
  type: MunicipalityType | undefined;
  status: Status | undefined;
  /** Checkboxes: only current / expiring / stale records (unchecked = no restriction). */
  current: boolean;
  expiring: boolean;
  stale: boolean;
  sort: MunicipalitySort;
  /** 1-based. */
  page: number;
}

export const DEFAULT_LIST_PARAMS: MunicipalityListParams = {
  q: "",
  district: undefined,
  association: undefined,
  type: undefined,
  status: undefined,
  current: false,
  expiring: false,
  stale: false,
  sort: DEFAULT_SORT,
  page: 1,
};

function parsePage(value: string | null): number {
  if (value === null || !/^\d{1,6}$/.test(value)) return 1;
  const page = Number(value);
  return page >= 1 ? page : 1;
}

export function parseListParams(search: URLSearchParams): MunicipalityListParams {
  const district = districtKeySchema.safeParse(search.get("district"));
  const association = associationKeySchema.safeParse(search.get("association"));
  const type = municipalityTypeSchema.safeParse(search.get("type"));
  const sort = municipalitySortSchema.safeParse(search.get("sort"));
  const status = statusSchema.safeParse(search.get("status"));
  const flag = (name: string) => search.get(name) === "true" || search.get(name) === "1";
  return {
    q: (search.get("q") ?? "").trim().slice(0, MAX_SEARCH_LENGTH),
    district: district.success ? district.data : undefined,
    association: association.success ? association.data : undefined,
    type: type.success ? type.data : undefined,
    status: status.success ? status.data : undefined,
    current: flag("current"),
    expiring: flag("expiring"),
    stale: flag("stale"),
    sort: sort.success ? sort.data : DEFAULT_SORT,
    page: parsePage(search.get("page")),
  };
}

/** Only non-default values go into the URL, in a stable order. */
export function serializeListParams(params: MunicipalityListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q) search.set("q", params.q);
  if (params.district) search.set("district", params.district);
  if (params.association) search.set("association", params.association);
  if (params.type) search.set("type", params.type);
  if (params.status) search.set("status", params.status);
  if (params.current) search.set("current", "true");
  if (params.expiring) search.set("expiring", "true");
  if (params.stale) search.set("stale", "true");
  if (params.sort !== DEFAULT_SORT) search.set("sort", params.sort);
  if (params.page > 1) search.set("page", String(params.page));
  return search;
}

export type ListParamsChange = Partial<MunicipalityListParams>;

/** Applies a change; any change of what is shown (search, filter, order) starts again at page 1. */
export function applyListChange(
  current: MunicipalityListParams,
  change: ListParamsChange,
): MunicipalityListParams {
  const next = { ...current, ...change };
  const selectionChanged =
    next.q !== current.q ||
    next.district !== current.district ||
    next.association !== current.association ||
    next.type !== current.type ||
    next.status !== current.status ||
    next.current !== current.current ||
    next.expiring !== current.expiring ||
    next.stale !== current.stale ||
    next.sort !== current.sort;
  if (change.page === undefined && selectionChanged) next.page = 1;
  return next;
}

export function hasActiveFilters(params: MunicipalityListParams): boolean {
  return (
    params.q !== "" ||
    params.district !== undefined ||
    params.association !== undefined ||
    params.type !== undefined ||
    params.status !== undefined ||
    params.current ||
    params.expiring ||
    params.stale
  );
}

/** The filters and the order, without paging: what an export of "everything shown" needs. */
export function toFilterQuery(params: MunicipalityListParams): Omit<MunicipalityListQuery, "limit" | "offset"> {
  return {
    ...(params.q ? { q: params.q } : {}),
    ...(params.district ? { district: params.district } : {}),
    ...(params.association ? { association: params.association } : {}),
    ...(params.type ? { type: params.type } : {}),
    ...(params.status ? { status: params.status } : {}),
    ...(params.current ? { current: true } : {}),
    ...(params.expiring ? { expiring: true } : {}),
    ...(params.stale ? { stale: true } : {}),
    sort: params.sort,
  };
}

/** The API query for one page of the list. */
export function toListQuery(params: MunicipalityListParams): MunicipalityListQuery {
  return {
    ...toFilterQuery(params),
    limit: PAGE_SIZE,
    offset: (params.page - 1) * PAGE_SIZE,
  };
}

export function pageCount(total: number, pageSize: number = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}

export type SortField = Exclude<MunicipalitySort, `-${string}`>;
export type SortDirection = "ascending" | "descending";

export function describeSort(sort: MunicipalitySort): { field: SortField; direction: SortDirection } {
  return sort.startsWith("-")
    ? { field: sort.slice(1) as SortField, direction: "descending" }
    : { field: sort as SortField, direction: "ascending" };
}

/** Numbers are most useful largest first; names and keys alphabetically. */
const FIRST_DIRECTION: Record<SortField, SortDirection> = {
  name: "ascending",
  ags: "ascending",
  district: "ascending",
  population: "descending",
  area: "descending",
  // The soonest end of currency first: what needs attention next.
  currentUntil: "ascending",
};

/** The sort after activating a column header: toggles the active column, else starts the new one. */
export function nextSort(current: MunicipalitySort, field: SortField): MunicipalitySort {
  const { field: currentField, direction } = describeSort(current);
  const nextDirection =
    currentField === field
      ? direction === "ascending"
        ? "descending"
        : "ascending"
      : FIRST_DIRECTION[field];
  return nextDirection === "ascending" ? field : `-${field}`;
}
