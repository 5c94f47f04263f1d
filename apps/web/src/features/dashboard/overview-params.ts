import { MUNICIPALITY_TYPES, type MunicipalityType, SIZE_CLASSES, STATUSES, type Status } from "@insek/contracts";

export type SizeClassKey = (typeof SIZE_CLASSES)[number]["key"];

/** Everything that defines one view of the Übersicht; kept in the URL so that a view can be shared. */
export interface OverviewParams {
  asOf: string;
  compare: string | null;
  district: string | null;
  status: Status | null;
  type: MunicipalityType | null;
  sizeClass: SizeClassKey | null;
  /** A Verwaltungsgemeinschaft or -verband (9-digit key): only its members on the date. */
  association: string | null;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** No status event is effective before this day (the API's lower bound). */
export const EARLIEST_DATE = "1990-01-01";

function validDate(value: string | null, today: string): string | null {
  if (!value || !ISO_DATE.test(value)) return null;
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  return value >= EARLIEST_DATE && value <= today ? value : null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

const SIZE_CLASS_KEYS = SIZE_CLASSES.map((c) => c.key);

/** Reads the view from the URL; anything invalid falls back to its default (today, no filter). */
export function parseOverviewParams(search: URLSearchParams, today: string): OverviewParams {
  const district = search.get("district");
  const association = search.get("association");
  const compare = validDate(search.get("compare"), today);
  const asOf = validDate(search.get("asOf"), today) ?? today;
  return {
    asOf,
    compare: compare === asOf ? null : compare,
    district: district && /^\d{5}$/.test(district) ? district : null,
    status: oneOf(search.get("status"), STATUSES),
    type: oneOf(search.get("type"), MUNICIPALITY_TYPES),
    sizeClass: oneOf(search.get("sizeClass"), SIZE_CLASS_KEYS),
    association: association && /^\d{9}$/.test(association) ? association : null,
  };
}

/** The URL of a view; defaults are left out so that the plain "/" stays the plain "/". */
export function toOverviewSearch(params: OverviewParams, today: string): URLSearchParams {
  const search = new URLSearchParams();
  if (params.asOf !== today) search.set("asOf", params.asOf);
  if (params.compare) search.set("compare", params.compare);
  if (params.district) search.set("district", params.district);
  if (params.status) search.set("status", params.status);
  if (params.type) search.set("type", params.type);
  if (params.sizeClass) search.set("sizeClass", params.sizeClass);
  if (params.association) search.set("association", params.association);
  return search;
}

export type OverviewPatch = Partial<Record<keyof OverviewParams, string | null>>;

/**
 * The URL after changing some fields of the view, computed from the current URL (not from a
 * rendered copy, so that quick successive changes never lose each other); invalid values are dropped.
 */
export function patchOverviewSearch(current: URLSearchParams, patch: OverviewPatch, today: string): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return toOverviewSearch(parseOverviewParams(next, today), today);
}

/** The query of the statistics endpoints for a view (the status filter only highlights the map). */
export function statsFilters(params: OverviewParams) {
  return {
    ...(params.district ? { district: params.district } : {}),
    ...(params.type ? { type: params.type } : {}),
    ...(params.sizeClass ? { sizeClass: params.sizeClass } : {}),
    ...(params.association ? { association: params.association } : {}),
  };
}

/**
 * Does a municipality match the view's filters (the map highlights those)? `members`: the AGS of the
 * association's members on the date while an association is chosen (none match while they load).
 */
export function matchesFilters(
  params: Pick<OverviewParams, "district" | "type" | "status" | "sizeClass"> & {
    association?: string | null;
    members?: ReadonlySet<string> | null;
  },
  municipality: { ags?: string; districtKey: string; type: MunicipalityType; population: number | null; status: Status | null },
): boolean {
  if (params.association && !(municipality.ags !== undefined && params.members?.has(municipality.ags))) return false;
  if (params.district && municipality.districtKey !== params.district) return false;
  if (params.type && municipality.type !== params.type) return false;
  if (params.status && municipality.status !== params.status) return false;
  if (params.sizeClass) {
    const size = SIZE_CLASSES.find((c) => c.key === params.sizeClass);
    const population = municipality.population;
    if (!size || population === null) return false;
    if (population < size.min || (size.max !== null && population >= size.max)) return false;
  }
  return true;
}

/** A change between two dates as a signed number: "+3", "−2" (minus sign), "±0". */
export function signedChange(change: number, formatNumber: (value: number) => string): string {
  if (change > 0) return `+${formatNumber(change)}`;
  if (change < 0) return `\u2212${formatNumber(-change)}`;
  return "±0";
}
