import { saxonyReferenceData } from "@insek/refdata/saxony";
import { describe, expect, it } from "vitest";
import { NameIndex, keysOf } from "./name-match.js";

const districtName = new Map(saxonyReferenceData.districts.map((d) => [d.key, d.name]));
/** Today's Saxon municipalities as the registry holds them (official name, display name, district). */
const index = new NameIndex(
  saxonyReferenceData.municipalities
    .filter((m) => m.validTo === null)
    .map((m) => ({ ags: m.ags, name: m.name, displayName: m.displayName, districtName: districtName.get(m.districtKey) ?? "" })),
);

describe("keysOf", () => {
  it("folds case, umlauts and punctuation and leaves out official additions", () => {
    expect(keysOf("Große Kreisstadt Löbau").exact).toEqual(expect.arrayContaining(["loebau", "lobau"]));
    expect(keysOf("Freiberg, Stadt, Universitätsstadt").exact).toEqual(["freiberg"]);
    expect(keysOf("Bautzen / Budyšin, Stadt").exact).toEqual(expect.arrayContaining(["bautzen", "budysin"]));
    expect(keysOf("Neustadt in Sachsen").exact).toEqual(keysOf("Neustadt i.Sa.").exact);
    expect(keysOf("Auerbach (Vogtl.)").exact).toEqual(keysOf("Auerbach/Vogtl., Stadt").exact);
    expect(keysOf("Oelsnitz/Erzgeb.").base).toEqual(["oelsnitz"]);
  });
});

describe("NameIndex on the Saxon registry", () => {
  it.each([
    ["Löbau", "14626290"],
    ["Loebau", "14626290"],
    ["Lobau", "14626290"],
    ["Stadt Löbau", "14626290"],
    ["Große Kreisstadt Großenhain", "14627060"],
    ["GROSSENHAIN", "14627060"],
    ["Universitätsstadt Freiberg", "14522180"],
    ["Freiberg, Universitätsstadt", "14522180"],
    ["Kurort Oberwiesenthal", "14521440"],
    ["Oberwiesenthal, Kurort", "14521440"],
    ["Chemnitz, Stadt", "14511000"],
    ["Landeshauptstadt Dresden", "14612000"],
    ["Budyšin", "14625020"],
    ["Weisswasser/OL", "14626600"],
    ["Weißwasser/O.L.", "14626600"],
    ["Neustadt i. Sa.", "14628260"],
    ["Reichenbach/Vogtl.", "14523340"],
    ["Auerbach (Vogtl.)", "14523020"],
    ["Zwoenitz", "14521710"],
  ])("finds %s as %s", (name, ags) => {
    expect(index.match(name)).toEqual({ ags });
  });

  it("prefers the exact name: Auerbach is the one in the Erzgebirgskreis, unless the district says otherwise", () => {
    expect(index.match("Auerbach")).toEqual({ ags: "14521040" });
    expect(index.match("Auerbach", "Vogtlandkreis")).toEqual({ ags: "14523020" });
  });

  it("asks for the district between namesakes and uses it", () => {
    expect(index.match("Oelsnitz")).toEqual({ ags: null, reason: "ambiguous", candidates: ["14521450", "14523300"] });
    expect(index.match("Oelsnitz", "Landkreis Vogtlandkreis")).toEqual({ ags: "14523300" });
    expect(index.match("Oelsnitz", "Erzgebirgskreis")).toEqual({ ags: "14521450" });
  });

  it("says what it cannot find", () => {
    expect(index.match("Musterstadt")).toEqual({ ags: null, reason: "not_found", candidates: [] });
    expect(index.match("Stadt")).toMatchObject({ ags: null });
  });
});
