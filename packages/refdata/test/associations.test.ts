import { describe, expect, it } from "vitest";
import { diffAssociations } from "../src/association-diff.js";
import { administrativeAssociationsOf } from "../src/gv100ad/administrative-associations.js";
import { filterLand } from "../src/gv100ad/filter-land.js";
import { parseGv100ad } from "../src/gv100ad/parse-gv100ad.js";
import { saxonyReferenceData } from "../src/saxony/index.js";
import { GV100AD_2022, GV100AD_2026, readSourceFile } from "../scripts/source-files.js";

const saxony2026 = filterLand(parseGv100ad(readSourceFile(GV100AD_2026)), "14");
const saxony2022 = filterLand(parseGv100ad(readSourceFile(GV100AD_2022)), "14");

describe("Verwaltungsgemeinschaften and Verwaltungsverbände of the GV100AD directory", () => {
  const associations = administrativeAssociationsOf(saxony2026);
  const byKey = new Map(associations.map((a) => [a.key, a]));

  it("the 2026 directory has 70 in Saxony, 64 VG and 6 VV, with 179 member municipalities", () => {
    expect(associations).toHaveLength(70);
    expect(associations.filter((a) => a.type === "verwaltungsgemeinschaft")).toHaveLength(64);
    expect(associations.filter((a) => a.type === "verwaltungsverband")).toHaveLength(6);
    const members = associations.flatMap((a) => a.members);
    expect(members).toHaveLength(179);
    expect(new Set(members).size).toBe(179);
    // Every member is a municipality of the directory, whose positions 19-22 name its association.
    for (const a of associations) {
      for (const ags of a.members) {
        expect(saxony2026.municipalities.find((m) => m.ags === ags)?.associationKey).toBe(a.key);
      }
      expect(a.members.length).toBeGreaterThanOrEqual(2);
    }
  });

  it("keys are the district key and the four digits: Burkhardtsdorf, Am Klosterwasser with five members", () => {
    expect(byKey.get("145215103")).toMatchObject({
      name: "Burkhardtsdorf",
      type: "verwaltungsgemeinschaft",
      districtKey: "14521",
      members: ["14521040", "14521120", "14521230"],
      fulfillingAgs: "14521120",
    });
    expect(byKey.get("146255501")).toMatchObject({
      name: "Am Klosterwasser",
      type: "verwaltungsverband",
      seat: "Panschwitz-Kuckau",
      fulfillingAgs: null,
      members: ["14625080", "14625350", "14625440", "14625470", "14625500"],
    });
  });

  it("names the erfüllende Gemeinde of every VG by its seat, and none for a VV", () => {
    for (const a of associations) {
      if (a.type === "verwaltungsverband") expect(a.fulfillingAgs).toBeNull();
      else expect(a.members).toContain(a.fulfillingAgs);
    }
    // Seats spelled differently from the member's official name.
    expect(byKey.get("145215132")?.fulfillingAgs).toBe("14521570"); // "Kurort Seiffen/Erzgeb." - "Seiffen/Erzgeb., Kurort"
    expect(byKey.get("146285219")?.fulfillingAgs).toBe("14628210"); // "Königstein" - "Königstein/Sächs. Schw., Stadt"
    expect(byKey.get("146265206")?.fulfillingAgs).toBe("14626030"); // "Bernstadt" - "Bernstadt a. d. Eigen, Stadt"
    expect(byKey.get("146285229")?.fulfillingAgs).toBe("14628270"); // Pirna, not Dohma
  });

  it("leaves out verbandsfreie Gemeinden and other kinds of Gemeindeverband", () => {
    expect(saxony2026.associations.filter((a) => a.textCode === "50")).toHaveLength(239);
    expect(associations.some((a) => a.key === "145110000")).toBe(false);
  });

  it("the 2022 directory had 71 (65 VG, 6 VV) with 181 members, VG Ostrau among them", () => {
    const earlier = administrativeAssociationsOf(saxony2022);
    expect(earlier).toHaveLength(71);
    expect(earlier.filter((a) => a.type === "verwaltungsverband")).toHaveLength(6);
    expect(earlier.flatMap((a) => a.members)).toHaveLength(181);
    expect(earlier.find((a) => a.key === "145225123")).toMatchObject({ name: "Ostrau", members: ["14522450", "14522620"] });
  });
});

describe("associations in the shipped reference data", () => {
  const data = saxonyReferenceData;
  const on = (date: string) => (x: { validFrom: string | null; validTo: string | null }) =>
    (x.validFrom === null || x.validFrom <= date) && (x.validTo === null || x.validTo > date);

  it("has 70 associations and 179 memberships today, 71 and 181 on 31 Dec 2022", () => {
    expect(data.associations.filter(on("2026-05-31"))).toHaveLength(70);
    expect(data.associationMemberships.filter(on("2026-05-31"))).toHaveLength(179);
    expect(data.associations.filter(on("2022-12-31"))).toHaveLength(71);
    expect(data.associationMemberships.filter(on("2022-12-31"))).toHaveLength(181);
  });

  it("ends VG Ostrau and its memberships on 1 Jan 2023, when its members merged into Jahnatal", () => {
    expect(data.associations.find((a) => a.key === "145225123")).toMatchObject({ validFrom: null, validTo: "2023-01-01" });
    expect(data.associationMemberships.filter((m) => m.associationKey === "145225123")).toEqual([
      { associationKey: "145225123", ags: "14522450", validFrom: null, validTo: "2023-01-01" },
      { associationKey: "145225123", ags: "14522620", validFrom: null, validTo: "2023-01-01" },
    ]);
  });

  it("every membership names a known association and municipality, at most one association per municipality and day", () => {
    const keys = new Set(data.associations.map((a) => a.key));
    const agsList = new Set(data.municipalities.map((m) => m.ags));
    for (const m of data.associationMemberships) {
      expect(keys.has(m.associationKey)).toBe(true);
      expect(agsList.has(m.ags)).toBe(true);
    }
    for (const date of ["2022-12-31", "2023-01-01", "2026-05-31"]) {
      const current = data.associationMemberships.filter(on(date)).map((m) => m.ags);
      expect(new Set(current).size).toBe(current.length);
    }
  });
});

describe("diffAssociations", () => {
  const a = (key: string, name: string, members: string[]) => ({ key, name, members });

  it("reports new, dissolved and renamed associations and members joining and leaving", () => {
    const diff = diffAssociations(
      [a("145215101", "Alt", ["14521060", "14521340"]), a("145225123", "Ostrau", ["14522450", "14522620"]), a("145215103", "B", ["14521040", "14521120"])],
      [a("145215101", "Neu", ["14521060"]), a("145215103", "B", ["14521040", "14521120", "14521340"]), a("145235999", "C", ["14523001", "14523002"])],
    );
    expect(diff.added.map((x) => x.key)).toEqual(["145235999"]);
    expect(diff.dissolved.map((x) => x.key)).toEqual(["145225123"]);
    expect(diff.renamed).toEqual([{ key: "145215101", from: "Alt", to: "Neu" }]);
    expect(diff.joined).toEqual([
      { key: "145215103", ags: "14521340" },
      { key: "145235999", ags: "14523001" },
      { key: "145235999", ags: "14523002" },
    ]);
    expect(diff.left).toEqual([
      { key: "145215101", ags: "14521340" },
      { key: "145225123", ags: "14522450" },
      { key: "145225123", ags: "14522620" },
    ]);
  });

  it("the 2022 and 2026 directories differ by VG Ostrau (dissolved with its two members) and three renamed VGs", () => {
    const diff = diffAssociations(administrativeAssociationsOf(saxony2022), administrativeAssociationsOf(saxony2026));
    expect(diff.added).toEqual([]);
    expect(diff.dissolved.map((x) => [x.key, x.name])).toEqual([["145225123", "Ostrau"]]);
    expect(diff.renamed).toEqual([
      { key: "145215133", from: "Stollberg/Erzgeb.", to: "Stollberg/Niederdorf" },
      { key: "147305306", from: "Krostitz", to: "Krostitz-Schönwölkau" },
      { key: "147305311", from: "Torgau", to: "Torgau/Dreiheide" },
    ]);
    expect(diff.joined).toEqual([]);
    expect(diff.left).toEqual([
      { key: "145225123", ags: "14522450" },
      { key: "145225123", ags: "14522620" },
    ]);
  });
});
