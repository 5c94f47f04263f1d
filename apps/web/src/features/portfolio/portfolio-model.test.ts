import type { PortfolioItem } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { matchesFlag, sortPortfolio } from "./portfolio-model";

function item(name: string, changes: Partial<PortfolioItem> = {}, record: Partial<PortfolioItem["record"]> = {}): PortfolioItem {
  return {
    ags: `146270${String(name.length).padStart(2, "0")}`,
    name,
    type: "gemeinde",
    districtKey: "14627",
    districtName: "Meißen",
    population: 1000,
    record: {
      status: "none",
      conceptKind: null,
      statusSince: null,
      councilResolutionDate: null,
      currentUntil: null,
      current: false,
      expiring: false,
      stale: false,
      lastActivityAt: null,
      lastConfirmedAt: null,
      source: null,
      documentUrl: null,
      horizonYear: null,
      version: 1,
      ...record,
    },
    assignedFrom: "2024-03-01",
    assignedTo: null,
    lastContact: null,
    nextContact: null,
    overdue: false,
    followUpDue: false,
    pendingReviews: 0,
    neverContacted: false,
    ...changes,
  };
}

describe("portfolio model", () => {
  const items = [
    item("Riesa", { lastContact: "2026-10-01", nextContact: "2026-11-20", overdue: true, followUpDue: true }),
    item("Coswig", { lastContact: "2026-11-11" }, { status: "council_adopted", stale: true }),
    item("Großenhain", { pendingReviews: 2, neverContacted: true }, { status: "drafting", expiring: true }),
  ];

  it("sorts by name, by last contact (never contacted last, either direction) and by status", () => {
    expect(sortPortfolio(items, "name", false).map((i) => i.name)).toEqual(["Coswig", "Großenhain", "Riesa"]);
    expect(sortPortfolio(items, "lastContact", false).map((i) => i.name)).toEqual(["Riesa", "Coswig", "Großenhain"]);
    expect(sortPortfolio(items, "lastContact", true).map((i) => i.name)).toEqual(["Coswig", "Riesa", "Großenhain"]);
    expect(sortPortfolio(items, "status", false).map((i) => i.name)).toEqual(["Riesa", "Großenhain", "Coswig"]);
  });

  it("filters by flag", () => {
    const names = (flag: Parameters<typeof matchesFlag>[1]) => items.filter((i) => matchesFlag(i, flag)).map((i) => i.name);
    expect(names("any")).toHaveLength(3);
    expect(names("overdue")).toEqual(["Riesa"]);
    expect(names("followUp")).toEqual(["Riesa"]);
    expect(names("stale")).toEqual(["Coswig"]);
    expect(names("expiring")).toEqual(["Großenhain"]);
    expect(names("pending")).toEqual(["Großenhain"]);
    expect(names("never")).toEqual(["Großenhain"]);
  });
});
