import { describe, expect, it } from "vitest";
import { deriveSaxonyReferenceData, displayNameOf } from "../src/saxony/derive-reference-data.js";
import { saxonyReferenceData } from "../src/saxony/index.js";
import { municipalitiesOn } from "../src/saxony/municipalities-on.js";
import { loadSaxonySources } from "../scripts/source-files.js";

const data = saxonyReferenceData;
const byAgs = (ags: string) => data.municipalities.find((m) => m.ags === ags);

describe("shipped Saxony reference data", () => {
  it("is exactly what the build script derives from the shared sources", () => {
    expect(deriveSaxonyReferenceData(loadSaxonySources())).toEqual(data);
  });

  it("is sorted by AGS and key", () => {
    const agsList = data.municipalities.map((m) => m.ags);
    expect(agsList).toEqual([...agsList].sort());
    expect(new Set(agsList).size).toBe(agsList.length);
    const keys = data.districts.map((d) => d.key);
    expect(keys).toEqual([...keys].sort());
  });

  it.each([
    ["2016-06-30", 426],
    ["2018-06-30", 421],
    ["2020-06-30", 419],
    ["2022-12-31", 419],
    ["2023-01-01", 418],
    ["2026-05-31", 418],
  ])("counts the municipalities that existed on %s: %i", (date, count) => {
    expect(municipalitiesOn(data, date)).toHaveLength(count);
  });

  it("has 13 districts: 10 Landkreise and 3 kreisfreie Städte", () => {
    expect(data.territorialStatus).toBe("2026-05-31");
    expect(data.populationDate).toBe("2024-12-31");
    expect(data.districts).toHaveLength(13);
    expect(data.districts.filter((d) => d.type === "landkreis")).toHaveLength(10);
    expect(data.districts.filter((d) => d.type === "kreisfreie_stadt").map((d) => d.name)).toEqual([
      "Chemnitz, Stadt",
      "Dresden, Stadt",
      "Leipzig, Stadt",
    ]);
    const keys = new Set(data.districts.map((d) => d.key));
    expect(data.municipalities.every((m) => keys.has(m.districtKey) && m.ags.startsWith(m.districtKey))).toBe(true);
  });

  it("types the current municipalities: 3 kreisfreie Städte, 53 Große Kreisstädte", () => {
    const current = municipalitiesOn(data, data.territorialStatus);
    const count = (type: string) => current.filter((m) => m.type === type).length;
    expect(count("kreisfreie_stadt")).toBe(3);
    expect(count("grosse_kreisstadt")).toBe(53);
    expect(count("stadt")).toBe(113);
    expect(count("gemeinde")).toBe(249);
    expect(current.every((m) => m.population !== null && m.populationDate === "2024-12-31")).toBe(true);
  });

  it("keeps official names and derives display names", () => {
    expect(byAgs("14511000")).toMatchObject({ name: "Chemnitz, Stadt", displayName: "Chemnitz", population: 245_618, areaHa: 22_103 });
    expect(byAgs("14625020")).toMatchObject({
      name: "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město",
      displayName: "Bautzen",
      type: "grosse_kreisstadt",
    });
    expect(byAgs("14521550")?.displayName).toBe("Schwarzenberg/Erzgeb.");
    expect(byAgs("14626600")?.displayName).toBe("Weißwasser/O.L.");
    expect(displayNameOf("Jahnatal")).toBe("Jahnatal");
    expect(displayNameOf("Zschopau, Stadt, Motorradstadt")).toBe("Zschopau");
  });

  it("records the dissolved municipalities with successor and kind", () => {
    const dissolved = data.municipalities.filter((m) => m.validTo !== null);
    expect(dissolved.map((m) => m.ags)).toEqual([
      "14521030",
      "14521050",
      "14521470",
      "14522450",
      "14522620",
      "14523350",
      "14625050",
      "14625540",
      "14729230",
      "14729290",
    ]);
    expect(byAgs("14522450")).toEqual({
      ags: "14522450",
      name: "Ostrau",
      displayName: "Ostrau",
      type: "gemeinde",
      districtKey: "14522",
      population: 3463,
      populationDate: "2021-12-31",
      areaHa: 5270,
      validFrom: null,
      validTo: "2023-01-01",
      successorAgs: "14522275",
      dissolutionKind: "Vereinigung (neue Gemeinde, neuer AGS)",
    });
    expect(byAgs("14521030")).toMatchObject({ name: "Aue", type: "grosse_kreisstadt", population: null, areaHa: null });
    expect(byAgs("14729230")).toMatchObject({ name: "Kohren-Sahlis", type: "stadt", validTo: "2018-01-01" });
    expect(byAgs("14625540")).toMatchObject({ type: "gemeinde", successorAgs: "14625250", dissolutionKind: "Eingliederung" });
  });

  it("dates the municipalities created by a union", () => {
    expect(byAgs("14521035")?.validFrom).toBe("2019-01-01");
    expect(byAgs("14522275")?.validFrom).toBe("2023-01-01");
    expect(data.municipalities.filter((m) => m.validFrom !== null)).toHaveLength(2);
    // An incorporating municipality keeps existing.
    expect(byAgs("14625250")?.validFrom).toBeNull();
  });
});
