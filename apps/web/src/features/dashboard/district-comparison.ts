import type { DistrictStats } from "@insek/contracts";

/** One district in compare mode: its share of municipalities with a current concept then and now. */
export interface DistrictComparisonRow {
  key: string;
  name: string;
  /** 0..1, or null when the district had no municipality in the filter on that date. */
  then: number | null;
  now: number | null;
  /** now − then in percentage points (rounded to one decimal), null when either side is missing. */
  change: number | null;
}

export const COMPARISON_SORTS = ["name", "then", "now", "change"] as const;
export type ComparisonSortField = (typeof COMPARISON_SORTS)[number];
export interface ComparisonSort {
  field: ComparisonSortField;
  direction: "ascending" | "descending";
}

/** The districts of `now` with their shares on both dates (matched by key; the district list is stable). */
export function compareDistricts(now: DistrictStats, then: DistrictStats): DistrictComparisonRow[] {
  const earlier = new Map(then.items.map((item) => [item.key, item]));
  return now.items.map((item) => {
    const before = earlier.get(item.key);
    const shareNow = item.total > 0 ? item.covered.share : null;
    const shareThen = before && before.total > 0 ? before.covered.share : null;
    return {
      key: item.key,
      name: item.name,
      then: shareThen,
      now: shareNow,
      change: shareNow === null || shareThen === null ? null : Math.round((shareNow - shareThen) * 1000) / 10,
    };
  });
}

/** Sorted copy; missing values always last, ties by name. */
export function sortComparison(rows: readonly DistrictComparisonRow[], sort: ComparisonSort): DistrictComparisonRow[] {
  const sign = sort.direction === "ascending" ? 1 : -1;
  const byName = (a: DistrictComparisonRow, b: DistrictComparisonRow) => a.name.localeCompare(b.name, "de");
  return [...rows].sort((a, b) => {
    if (sort.field === "name") return sign * byName(a, b);
    const x = a[sort.field];
    const y = b[sort.field];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    return x === y ? byName(a, b) : sign * (x - y);
  });
}

/** Numbers largest first (the most improved district on top), names alphabetically. */
export function nextComparisonSort(current: ComparisonSort, field: ComparisonSortField): ComparisonSort {
  if (current.field === field) {
    return { field, direction: current.direction === "ascending" ? "descending" : "ascending" };
  }
  return { field, direction: field === "name" ? "ascending" : "descending" };
}
