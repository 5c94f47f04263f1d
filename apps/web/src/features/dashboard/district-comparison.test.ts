import type { DistrictStats } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { compareDistricts, nextComparisonSort, sortComparison } from "./district-comparison";

const figures = (total: number, count: number) => ({
  total,
  population: 0,
  byStatus: { none: 0, drafting: 0, council_adopted: count, funding_eligible: 0, updating: 0 },
  covered: { count, share: total > 0 ? count / total : 0, population: 0, populationShare: 0 },
  expiring: 0,
  stale: 0,
});

const stats = (asOf: string, items: [string, string, number, number][]): DistrictStats => ({
  asOf,
  rules: { currencyYears: 10, expiringMonths: 12, staleMonths: 12 },
  demo: false,
  items: items.map(([key, name, total, count]) => ({ key, name, type: "landkreis" as const, ...figures(total, count) })),
  sizeClasses: [],
});

describe("district comparison", () => {
  const now = stats("2024-06-30", [
    ["14511", "Chemnitz", 1, 1],
    ["14522", "Mittelsachsen", 50, 10],
    ["14523", "Vogtlandkreis", 40, 2],
    ["14612", "Dresden", 0, 0],
  ]);
  const then = stats("2020-06-30", [
    ["14511", "Chemnitz", 1, 0],
    ["14522", "Mittelsachsen", 51, 12],
    ["14523", "Vogtlandkreis", 40, 2],
    ["14612", "Dresden", 1, 1],
  ]);
  const rows = compareDistricts(now, then);

  it("gives the shares then and now and the change in percentage points", () => {
    expect(rows.find((r) => r.key === "14511")).toMatchObject({ then: 0, now: 1, change: 100 });
    // 10/50 − 12/51 = 20 % − 23.53 % = −3.5 points
    expect(rows.find((r) => r.key === "14522")).toMatchObject({ then: 12 / 51, now: 0.2, change: -3.5 });
    expect(rows.find((r) => r.key === "14523")?.change).toBe(0);
    // A district without municipalities in the filter has no share, and so no change.
    expect(rows.find((r) => r.key === "14612")).toMatchObject({ now: null, change: null });
  });

  it("sorts by change, most improved first, missing values last", () => {
    const sorted = sortComparison(rows, nextComparisonSort({ field: "name", direction: "ascending" }, "change"));
    expect(sorted.map((r) => r.name)).toEqual(["Chemnitz", "Vogtlandkreis", "Mittelsachsen", "Dresden"]);
    const ascending = sortComparison(rows, { field: "change", direction: "ascending" });
    expect(ascending.map((r) => r.name)).toEqual(["Mittelsachsen", "Vogtlandkreis", "Chemnitz", "Dresden"]);
  });

  it("toggles the direction on the same column and sorts names alphabetically", () => {
    expect(nextComparisonSort({ field: "change", direction: "descending" }, "change")).toEqual({ field: "change", direction: "ascending" });
    expect(nextComparisonSort({ field: "change", direction: "descending" }, "name")).toEqual({ field: "name", direction: "ascending" });
    expect(sortComparison(rows, { field: "name", direction: "descending" }).map((r) => r.name)[0]).toBe("Vogtlandkreis");
  });
});
