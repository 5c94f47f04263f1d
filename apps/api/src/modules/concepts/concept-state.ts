import { type ConceptStatus, DEFAULT_UPDATE_RECOMMENDED_YEARS, type Rules } from "@insek/contracts";

/*
 * What a concept's state is, from what the repository reads (decision 0027): pure functions, shared by the
 * concepts module and the municipality detail.
 */

export function conceptStatusOf(row: { updated_by_id: number | null; adopted_count: number; member_count: number }): ConceptStatus {
  if (row.updated_by_id !== null) return "replaced";
  if (row.adopted_count > 0 && row.adopted_count >= row.member_count) return "adopted";
  return row.adopted_count > 0 ? "partly_adopted" : "drafting";
}

export function updateRecommendedYearsOf(rules: Pick<Rules, "updateRecommendedYears">): number {
  return rules.updateRecommendedYears ?? DEFAULT_UPDATE_RECOMMENDED_YEARS;
}

/**
 * "Fortschreibung empfohlen": the latest adoption lies `years` years or more before `today` and no later
 * concept updates this one yet. A soft flag: coverage and currency never depend on it.
 */
export function isUpdateRecommended(adoptedAt: string | null, status: ConceptStatus, years: number, today: string): boolean {
  if (adoptedAt === null || status === "replaced") return false;
  const due = `${String(Number(adoptedAt.slice(0, 4)) + years).padStart(4, "0")}${adoptedAt.slice(4)}`;
  return due <= today;
}
