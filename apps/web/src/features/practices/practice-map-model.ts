import type { PracticeListItem } from "@insek/contracts";

/** How many entries name each municipality (an entry about three municipalities counts for each). */
export function entriesPerMunicipality(items: readonly Pick<PracticeListItem, "municipalities">[]): Map<string, { name: string; count: number }> {
  const counts = new Map<string, { name: string; count: number }>();
  for (const item of items) {
    for (const municipality of item.municipalities) {
      const entry = counts.get(municipality.ags) ?? { name: municipality.name, count: 0 };
      entry.count += 1;
      counts.set(municipality.ags, entry);
    }
  }
  return counts;
}
