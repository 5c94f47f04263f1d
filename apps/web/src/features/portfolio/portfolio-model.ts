import { STATUSES, type PortfolioItem } from "@insek/contracts";

/** Client-side sorting and filtering of the portfolio ("Betreute Gemeinden"); the API leaves both to the client. */
export const SORT_FIELDS = ["name", "district", "status", "currentUntil", "lastContact", "nextContact"] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export const FLAGS = ["any", "overdue", "never", "followUp", "stale", "expiring", "pending"] as const;
export type Flag = (typeof FLAGS)[number];

function sortValue(item: PortfolioItem, field: SortField): string {
  switch (field) {
    case "name":
      return item.name;
    case "district":
      return item.districtName;
    case "status":
      return String(STATUSES.indexOf(item.record.status));
    case "currentUntil":
      return item.record.currentUntil ?? "";
    case "lastContact":
      return item.lastContact ?? "";
    case "nextContact":
      return item.nextContact ?? "";
  }
}

export function sortPortfolio(items: readonly PortfolioItem[], field: SortField, descending: boolean): PortfolioItem[] {
  const sorted = [...items].sort((a, b) => {
    const x = sortValue(a, field);
    const y = sortValue(b, field);
    // Empty values (no contact yet) go last in either direction.
    if (x === "" && y !== "") return 1;
    if (y === "" && x !== "") return -1;
    const order = x.localeCompare(y, "de") || a.name.localeCompare(b.name, "de");
    return descending ? -order : order;
  });
  return sorted;
}

export function matchesFlag(item: PortfolioItem, flag: Flag): boolean {
  switch (flag) {
    case "any":
      return true;
    case "overdue":
      return item.overdue;
    case "never":
      return item.neverContacted;
    case "followUp":
      return item.followUpDue;
    case "stale":
      return item.record.stale;
    case "expiring":
      return item.record.expiring;
    case "pending":
      return item.pendingReviews > 0;
  }
}
