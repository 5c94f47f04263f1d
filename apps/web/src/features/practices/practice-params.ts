import {
  PRACTICE_CRITERIA,
  PRACTICE_PHASES,
  PRACTICE_STATES,
  PRACTICE_TOPICS,
  type PracticeCriterion,
  type PracticePhase,
  type PracticeState,
  type PracticeTopic,
  SIZE_CLASSES,
  agsSchema,
  districtKeySchema,
} from "@insek/contracts";

/**
 * The catalogue keeps its filters in the URL (?q=&topic=&district=&sizeClass=&phase=&criteria=&adopted=&ags=
 * &state=&page=), so a reload or a shared link shows the same entries. A value that is not one of the
 * vocabulary's falls back to "any", one by one, instead of failing the page.
 */
export const PRACTICE_PAGE_SIZE = 20;
export const MAX_SEARCH_LENGTH = 100;

export type SizeClassKey = (typeof SIZE_CLASSES)[number]["key"];

export interface PracticeListParams {
  q: string;
  topic: PracticeTopic | undefined;
  district: string | undefined;
  sizeClass: SizeClassKey | undefined;
  phase: PracticePhase | undefined;
  criteria: PracticeCriterion | undefined;
  /** Only entries that another municipality adopted. */
  adopted: boolean;
  ags: string | undefined;
  state: PracticeState | undefined;
  /** 1-based. */
  page: number;
}

export const DEFAULT_PRACTICE_PARAMS: PracticeListParams = {
  q: "",
  topic: undefined,
  district: undefined,
  sizeClass: undefined,
  phase: undefined,
  criteria: undefined,
  adopted: false,
  ags: undefined,
  state: undefined,
  page: 1,
};

function oneOf<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return raw !== null && (values as readonly string[]).includes(raw) ? (raw as T) : undefined;
}

export function parsePracticeParams(search: URLSearchParams): PracticeListParams {
  const district = districtKeySchema.safeParse(search.get("district"));
  const ags = agsSchema.safeParse(search.get("ags"));
  const page = search.get("page");
  const adopted = search.get("adopted");
  return {
    q: (search.get("q") ?? "").trim().slice(0, MAX_SEARCH_LENGTH),
    topic: oneOf(PRACTICE_TOPICS, search.get("topic")),
    district: district.success ? district.data : undefined,
    sizeClass: oneOf(
      SIZE_CLASSES.map((sizeClass) => sizeClass.key),
      search.get("sizeClass"),
    ),
    phase: oneOf(PRACTICE_PHASES, search.get("phase")),
    criteria: oneOf(PRACTICE_CRITERIA, search.get("criteria")),
    adopted: adopted === "true" || adopted === "1",
    ags: ags.success ? ags.data : undefined,
    state: oneOf(PRACTICE_STATES, search.get("state")),
    page: page !== null && /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
  };
}

/** The URL's search part of these filters: defaults are left out, so the plain page has a plain URL. */
export function practiceSearchParams(params: PracticeListParams): URLSearchParams {
  const search = new URLSearchParams();
  if (params.q !== "") search.set("q", params.q);
  if (params.topic) search.set("topic", params.topic);
  if (params.district) search.set("district", params.district);
  if (params.sizeClass) search.set("sizeClass", params.sizeClass);
  if (params.phase) search.set("phase", params.phase);
  if (params.criteria) search.set("criteria", params.criteria);
  if (params.adopted) search.set("adopted", "true");
  if (params.ags) search.set("ags", params.ags);
  if (params.state) search.set("state", params.state);
  if (params.page > 1) search.set("page", String(params.page));
  return search;
}

/** A change of any filter starts again at page 1; a change of the page alone keeps the filters. */
export function withFilter(params: PracticeListParams, patch: Partial<Omit<PracticeListParams, "page">>): PracticeListParams {
  return { ...params, ...patch, page: 1 };
}

/** How many filters narrow the list (the search term counts as one), for "n Filter aktiv" and "reset". */
export function activeFilterCount(params: PracticeListParams): number {
  const { page: _page, ...filters } = params;
  return Object.entries(filters).filter(([, value]) => value !== undefined && value !== "" && value !== false).length;
}

/** The API's query of these filters (GET /api/practices): only what is set; paging as limit and offset. */
export function practiceQuery(params: PracticeListParams, pageSize = PRACTICE_PAGE_SIZE) {
  return {
    ...(params.q !== "" ? { q: params.q } : {}),
    ...(params.topic ? { topic: params.topic } : {}),
    ...(params.district ? { district: params.district } : {}),
    ...(params.sizeClass ? { sizeClass: params.sizeClass } : {}),
    ...(params.phase ? { phase: params.phase } : {}),
    ...(params.criteria ? { criteria: params.criteria } : {}),
    ...(params.adopted ? { adopted: true } : {}),
    ...(params.ags ? { ags: params.ags } : {}),
    ...(params.state ? { state: params.state } : {}),
    limit: pageSize,
    offset: (params.page - 1) * pageSize,
  };
}
