import { beforeAll, describe, expect, it } from "vitest";
import { filterLand } from "../src/gv100ad/filter-land.js";
import { parseGv100ad } from "../src/gv100ad/parse-gv100ad.js";
import type { Gv100adDirectory } from "../src/gv100ad/types.js";
import { GV100AD_2022, GV100AD_2026, readSourceFile } from "../scripts/source-files.js";

let bytes2026: Buffer;
let directory2026: Gv100adDirectory;

beforeAll(() => {
  bytes2026 = readSourceFile(GV100AD_2026);
  directory2026 = parseGv100ad(bytes2026);
});

function withoutEncoding(directory: Gv100adDirectory): Omit<Gv100adDirectory, "encoding"> {
  const { encoding: _encoding, ...rest } = directory;
  return rest;
}

describe("parseGv100ad on the 2026 directory", () => {
  it("reads every record of Germany without errors", () => {
    expect(directory2026.errors).toEqual([]);
    expect(directory2026.encoding).toBe("utf-8");
    expect(directory2026.territorialStatus).toBe("2026-05-31");
    expect(directory2026.lands).toHaveLength(16);
    expect(directory2026.governmentRegions).toHaveLength(29);
    expect(directory2026.regions).toHaveLength(12);
    expect(directory2026.districts).toHaveLength(401);
    expect(directory2026.associations).toHaveLength(4583);
    expect(directory2026.municipalities).toHaveLength(10_943);
  });

  it("reads the fields at their documented positions (worked example: Chemnitz)", () => {
    const chemnitz = directory2026.municipalities.find((m) => m.ags === "14511000");
    expect(chemnitz).toEqual({
      ags: "14511000",
      ars: "145110000000",
      name: "Chemnitz, Stadt",
      textCode: "61",
      areaHa: 22_103,
      population: 245_618,
      populationMale: 120_585,
      postcode: "09111",
      hasMultiplePostcodes: true,
      districtKey: "14511",
      associationKey: "145110000",
    });
    expect(directory2026.districts.find((d) => d.key === "14521")).toEqual({
      key: "14521",
      name: "Erzgebirgskreis",
      seat: "Annaberg-Buchholz",
      textCode: "44",
    });
  });

  it("builds the ARS from district, association and municipality keys", () => {
    const bautzen = directory2026.municipalities.find((m) => m.ags === "14625020");
    expect(bautzen?.ars).toBe("146250020020");
    expect(bautzen?.associationKey).toBe("146250020");
    expect(directory2026.associations.some((a) => a.key === bautzen?.associationKey)).toBe(true);
  });

  it("filters one Land: Saxony has 418 municipalities in 13 districts", () => {
    const saxony = filterLand(directory2026, "14");
    expect(saxony.lands.map((l) => l.name)).toEqual(["Sachsen"]);
    expect(saxony.governmentRegions.map((r) => r.key)).toEqual(["145", "146", "147"]);
    expect(saxony.districts).toHaveLength(13);
    expect(saxony.municipalities).toHaveLength(418);
    expect(saxony.municipalities.every((m) => m.ags.startsWith("14"))).toBe(true);
    expect(() => filterLand(directory2026, "1")).toThrow(RangeError);
  });
});

describe("parseGv100ad on the 2022 directory", () => {
  it("has 419 Saxon municipalities at 2022-12-31", () => {
    const directory = parseGv100ad(readSourceFile(GV100AD_2022));
    expect(directory.errors).toEqual([]);
    expect(directory.territorialStatus).toBe("2022-12-31");
    expect(filterLand(directory, "14").municipalities).toHaveLength(419);
  });
});

describe("parseGv100ad encodings", () => {
  it("reads a Latin-1 copy like the UTF-8 original", () => {
    // Sorbian letters such as ě or ł do not exist in Latin-1; replacing them keeps every column in place.
    const text = bytes2026.toString("utf8").replace(/[^\t\n\r\u0020-\u00ff]/g, "?");
    const utf8 = parseGv100ad(Buffer.from(text, "utf8"));
    const latin1Bytes = Buffer.from(text, "latin1");
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(latin1Bytes)).toThrow();

    const latin1 = parseGv100ad(latin1Bytes);
    expect(latin1.encoding).toBe("latin1");
    expect(utf8.encoding).toBe("utf-8");
    expect(withoutEncoding(latin1)).toEqual(withoutEncoding(utf8));
    expect(latin1.municipalities.find((m) => m.ags === "14627060")?.name).toBe("Großenhain, Stadt");
    expect(latin1.municipalities.map((m) => m.ags)).toEqual(directory2026.municipalities.map((m) => m.ags));
  });

  it("accepts CRLF line ends and trailing blank lines", () => {
    const text = bytes2026.toString("utf8").split("\n").join("\r\n") + "\r\n\r\n  \n";
    const directory = parseGv100ad(Buffer.from(text, "utf8"));
    expect(directory.errors).toEqual([]);
    expect(withoutEncoding(directory)).toEqual(withoutEncoding(directory2026));
  });
});

describe("parseGv100ad on a corrupted copy", () => {
  it("reports every bad line with its 1-based number and keeps the good ones", () => {
    const lines = bytes2026.toString("utf8").split("\n");
    const indexOf = (prefix: string, ags: string): number => {
      const index = lines.findIndex((l) => l.startsWith(prefix) && l.slice(10, 10 + ags.length) === ags);
      if (index < 0) throw new Error(`no record ${prefix} ${ags}`);
      return index;
    };
    const patch = (index: number, from: number, replacement: string): void => {
      const line = lines[index] ?? "";
      lines[index] = line.slice(0, from - 1) + replacement + line.slice(from - 1 + replacement.length);
    };

    const population = indexOf("60", "14511000");
    patch(population, 140, "00000x45618");
    const recordType = indexOf("60", "14612000");
    patch(recordType, 1, "99");
    const date = indexOf("60", "14713000");
    patch(date, 3, "20260231");
    const otherDate = indexOf("60", "14521020");
    patch(otherDate, 3, "20250101");
    const districtName = indexOf("40", "14521");
    patch(districtName, 23, " ".repeat(50));
    const truncated = indexOf("60", "14522080");
    lines[truncated] = (lines[truncated] ?? "").slice(0, 150);
    const textCode = indexOf("60", "14625020");
    patch(textCode, 123, "69");
    const key = indexOf("60", "14626110");
    patch(key, 16, "1a0");
    const empty = indexOf("60", "14627060");
    lines[empty] = "";
    const duplicate = indexOf("60", "14628270");
    lines[duplicate + 1] = lines[duplicate] ?? "";

    const directory = parseGv100ad(Buffer.from(lines.join("\n") + "\n\n", "utf8"));
    const bad = [population, recordType, date, otherDate, districtName, truncated, textCode, key, empty, duplicate + 1];
    expect(directory.errors.map((e) => e.line)).toEqual(bad.map((i) => i + 1).sort((a, b) => a - b));
    expect(directory.territorialStatus).toBe("2026-05-31");

    const messageOf = (index: number): string => directory.errors.find((e) => e.line === index + 1)?.message ?? "";
    expect(messageOf(population)).toMatch(/population .* not numeric/);
    expect(messageOf(recordType)).toMatch(/unknown record type/);
    expect(messageOf(date)).toMatch(/not a valid date/);
    expect(messageOf(otherDate)).toMatch(/differs/);
    expect(messageOf(districtName)).toMatch(/name .* empty/);
    expect(messageOf(truncated)).toMatch(/150 characters/);
    expect(messageOf(textCode)).toMatch(/Textkennzeichen/);
    expect(messageOf(key)).toMatch(/Gemeinde .* not numeric/);
    expect(messageOf(empty)).toBe("empty line");
    expect(messageOf(duplicate + 1)).toMatch(/duplicate key 14628270/);

    // Eight municipality lines are corrupted and one more was overwritten by the duplicate.
    expect(directory.municipalities).toHaveLength(10_943 - 9);
    expect(directory.districts).toHaveLength(400);
    expect(directory.municipalities.some((m) => m.ags === "14511000")).toBe(false);
  });

  it("returns no territorial status for a file without valid records", () => {
    const directory = parseGv100ad(new TextEncoder().encode("garbage\n"));
    expect(directory.territorialStatus).toBeNull();
    expect(directory.errors).toEqual([{ line: 1, message: "line has 7 characters, a record has 220" }]);
  });
});
