import { beforeAll, describe, expect, it } from "vitest";
import { filterLand } from "../src/gv100ad/filter-land.js";
import { parseGv100ad } from "../src/gv100ad/parse-gv100ad.js";
import type { Gv100adMunicipality } from "../src/gv100ad/types.js";
import { populationDateFor } from "../src/population-date.js";
import { diffRegistry, inferSuccessors } from "../src/registry-diff.js";
import { GV100AD_2022, GV100AD_2026, readSourceFile } from "../scripts/source-files.js";

describe("diffRegistry", () => {
  it("reports additions, dissolutions, renames and population changes sorted by AGS", () => {
    const diff = diffRegistry(
      [
        { ags: "2", name: "B", population: 10 },
        { ags: "1", name: "A", population: 5 },
        { ags: "3", name: "C", population: null },
      ],
      [
        { ags: "4", name: "D", population: 1, extra: true },
        { ags: "2", name: "B2", population: 10, extra: false },
        { ags: "3", name: "C", population: 7, extra: false },
      ],
    );
    expect(diff).toEqual({
      added: [{ ags: "4", name: "D", population: 1, extra: true }],
      dissolved: [{ ags: "1", name: "A", population: 5 }],
      renamed: [{ ags: "2", from: "B", to: "B2" }],
      populationChanged: [{ ags: "3", name: "C", from: null, to: 7 }],
    });
  });

  it("infers a successor only when it is unambiguous", () => {
    expect(
      inferSuccessors({
        added: [{ ags: "14522275" }, { ags: "14729999" }, { ags: "14729998" }],
        dissolved: [{ ags: "14522450" }, { ags: "14729230" }, { ags: "14625540" }],
      }),
    ).toEqual([
      { dissolvedAgs: "14522450", successorAgs: "14522275" },
      { dissolvedAgs: "14729230", successorAgs: null },
      { dissolvedAgs: "14625540", successorAgs: null },
    ]);
  });
});

describe("diffRegistry from the 2022 to the 2026 directory (Saxony)", () => {
  let current: Gv100adMunicipality[];
  let incoming: Gv100adMunicipality[];

  beforeAll(() => {
    current = filterLand(parseGv100ad(readSourceFile(GV100AD_2022)), "14").municipalities;
    incoming = filterLand(parseGv100ad(readSourceFile(GV100AD_2026)), "14").municipalities;
  });

  it("finds exactly the Jahnatal merger and the renames", () => {
    const diff = diffRegistry(current, incoming);
    expect(diff.added.map((m) => [m.ags, m.name])).toEqual([["14522275", "Jahnatal"]]);
    expect(diff.dissolved.map((m) => [m.ags, m.name])).toEqual([
      ["14522450", "Ostrau"],
      ["14522620", "Zschaitz-Ottewig"],
    ]);
    expect(inferSuccessors(diff)).toEqual([
      { dissolvedAgs: "14522450", successorAgs: "14522275" },
      { dissolvedAgs: "14522620", successorAgs: "14522275" },
    ]);
    expect(diff.renamed).toEqual([
      { ags: "14521110", from: "Breitenbrunn/Erzgeb.", to: "Breitenbrunn/Erzgeb., Hochschulort" },
      { ags: "14522490", from: "Rochlitz, Stadt", to: "Rochlitz, Stadt, Stadt des Roten Porphyr" },
      { ags: "14523320", from: "Plauen, Stadt", to: "Plauen, Stadt, Hochschulstadt" },
      { ags: "14524080", from: "Glauchau, Stadt", to: "Glauchau, Stadt, Hochschulstadt" },
      { ags: "14524330", from: "Zwickau, Stadt", to: "Zwickau, Stadt, Hochschulstadt" },
      // GV100AD cuts names at 50 characters.
      { ags: "14625020", from: "Bautzen / Budyšin, Stadt", to: "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokoš" },
      { ags: "14626110", from: "Görlitz, Stadt", to: "Görlitz, Stadt, Hochschulstadt" },
      { ags: "14626440", from: "Quitzdorf am See / Kwetanecy pri jezoru", to: "Quitzdorf am See / Kwětanecy při jězoru" },
      { ags: "14626480", from: "Rothenburg/O.L., Stadt", to: "Rothenburg/O.L., Stadt, Hochschulstadt" },
      { ags: "14626610", from: "Zittau, Stadt", to: "Zittau, Stadt, Hochschulstadt" },
    ]);
  });

  it("sees the new population figures of the municipalities that exist in both", () => {
    const diff = diffRegistry(current, incoming);
    expect(diff.populationChanged.find((c) => c.ags === "14511000")).toEqual({
      ags: "14511000",
      name: "Chemnitz, Stadt",
      from: 248_563,
      to: 245_618,
    });
    expect(diff.populationChanged).toHaveLength(414);
  });
});

describe("populationDateFor", () => {
  it.each([
    ["2022-12-31", "2021-12-31"],
    ["2026-05-31", "2024-12-31"],
    ["2025-09-30", "2024-12-31"],
    ["2025-09-29", "2023-12-31"],
    ["2024-01-01", "2022-12-31"],
  ])("%s -> %s", (status, expected) => {
    expect(populationDateFor(status)).toBe(expected);
  });

  it("rejects what is not a date", () => {
    expect(() => populationDateFor("2026-02-30")).toThrow(RangeError);
    expect(() => populationDateFor("31.05.2026")).toThrow(RangeError);
  });
});
