import type { District } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { summarizeDistricts } from "./district-summary";

const district = (over: Partial<District>): District => ({
  key: "14612",
  name: "Dresden",
  type: "kreisfreie_stadt",
  municipalityCount: 1,
  population: 100,
  ...over,
});

describe("summarizeDistricts", () => {
  it("adds up districts, municipalities and population", () => {
    const summary = summarizeDistricts([
      district({ key: "14612", type: "kreisfreie_stadt", municipalityCount: 1, population: 560000 }),
      district({ key: "14625", name: "Bautzen", type: "landkreis", municipalityCount: 57, population: 295000 }),
      district({ key: "14626", name: "Görlitz", type: "landkreis", municipalityCount: 53, population: 250000 }),
    ]);
    expect(summary).toEqual({
      districtCount: 3,
      landkreisCount: 2,
      cityCount: 1,
      municipalityCount: 111,
      population: 1105000,
    });
  });

  it("is all zeros for no districts", () => {
    expect(summarizeDistricts([])).toEqual({
      districtCount: 0,
      landkreisCount: 0,
      cityCount: 0,
      municipalityCount: 0,
      population: 0,
    });
  });
});
