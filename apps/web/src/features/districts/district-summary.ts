import type { District } from "@insek/contracts";

export interface DistrictSummary {
  districtCount: number;
  landkreisCount: number;
  cityCount: number;
  municipalityCount: number;
  population: number;
}

/** Statewide totals from the per-district figures. */
export function summarizeDistricts(items: readonly District[]): DistrictSummary {
  return items.reduce<DistrictSummary>(
    (sum, district) => ({
      districtCount: sum.districtCount + 1,
      landkreisCount: sum.landkreisCount + (district.type === "landkreis" ? 1 : 0),
      cityCount: sum.cityCount + (district.type === "kreisfreie_stadt" ? 1 : 0),
      municipalityCount: sum.municipalityCount + district.municipalityCount,
      population: sum.population + district.population,
    }),
    { districtCount: 0, landkreisCount: 0, cityCount: 0, municipalityCount: 0, population: 0 },
  );
}
