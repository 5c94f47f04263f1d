import { readFileSync } from "node:fs";
import path from "node:path";
import { queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { displayNameOf, parseGv100ad } from "@insek/refdata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryImportError, importDirectory } from "../src/modules/registry/registry-import.service.js";
import { sourcesDir } from "./helpers/source-files.js";

const file2022 = path.join(sourcesDir, "destatis/GV100AD_31122022.txt");
const file2026 = path.join(sourcesDir, "destatis/GV100AD_31052026.txt");
const dir2022 = parseGv100ad(readFileSync(file2022));
const dir2026 = parseGv100ad(readFileSync(file2026));

async function state(database: TestDatabase) {
  const [row] = await queryRows<{ municipalities: number; imports: number; stamp: string | null }>(
    database.db,
    sql`select (select count(*)::int from municipalities) as municipalities,
               (select count(*)::int from registry_imports) as imports,
               (select string_agg(ags || name || coalesce(population::text, '') || coalesce(valid_to::text, ''), ',' order by ags) from municipalities) as stamp`,
  );
  return row;
}

describe("import-gv100ad into an empty registry: 2022, then 2026", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("fills the registry from the 2022 directory", async () => {
    const report = await importDirectory(database.db, dir2022, { land: "14", dryRun: false, source: "2022" });
    expect(report).toMatchObject({ territorialStatus: "2022-12-31", previousTerritorialStatus: null, applied: true });
    expect(report.added).toHaveLength(419);
    expect(report.dissolved).toHaveLength(0);
    expect((await state(database))?.municipalities).toBe(419);
  });

  it("a dry run of the 2026 directory reports exactly the Jahnatal merger and the renames, and writes nothing", async () => {
    const before = await state(database);
    const report = await importDirectory(database.db, dir2026, { land: "14", dryRun: true, source: "2026" });
    expect(report.added.map((a) => [a.ags, a.name, a.validFrom])).toEqual([["14522275", "Jahnatal", "2023-01-01"]]);
    expect(report.dissolved.map((d) => [d.ags, d.validTo, d.successorAgs])).toEqual([
      ["14522450", "2023-01-01", "14522275"],
      ["14522620", "2023-01-01", "14522275"],
    ]);
    expect(report.renamed.length).toBeGreaterThan(0);
    for (const rename of report.renamed) {
      // Only suffixes and Sorbian spellings change: the German display name stays the same.
      expect(displayNameOf(rename.from)).toBe(displayNameOf(rename.to));
    }
    expect(report.applied).toBe(false);
    expect(await state(database)).toEqual(before);
  });

  it("applies the 2026 directory: 418 current, the two predecessors kept with date and successor", async () => {
    const report = await importDirectory(database.db, dir2026, { land: "14", dryRun: false, source: "2026" });
    expect(report.applied).toBe(true);
    expect(report.populationDate).toBe("2024-12-31");
    const rows = await queryRows<{ ags: string; valid_to: string | null; successor_ags: string | null; valid_from: string | null }>(
      database.db,
      sql`select ags, valid_from::text, valid_to::text, successor_ags from municipalities where ags in ('14522450', '14522620', '14522275') order by ags`,
    );
    expect(rows).toEqual([
      { ags: "14522275", valid_from: "2023-01-01", valid_to: null, successor_ags: null },
      { ags: "14522450", valid_from: null, valid_to: "2023-01-01", successor_ags: "14522275" },
      { ags: "14522620", valid_from: null, valid_to: "2023-01-01", successor_ags: "14522275" },
    ]);
    const [current] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from municipalities where valid_to is null`,
    );
    expect(current?.n).toBe(418);
  });

  it("refuses an older directory afterwards, writing nothing", async () => {
    const before = await state(database);
    await expect(importDirectory(database.db, dir2022, { land: "14", dryRun: false, source: "2022" })).rejects.toThrow(
      RegistryImportError,
    );
    expect(await state(database)).toEqual(before);
  });

  it("re-importing the same directory changes nothing but the import log", async () => {
    const report = await importDirectory(database.db, dir2026, { land: "14", dryRun: false, source: "2026" });
    expect(report).toMatchObject({ added: [], dissolved: [], renamed: [], populationChanged: [] });
  });
});

describe("import-gv100ad refuses a file with invalid records", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reports the bad lines and writes nothing", async () => {
    const lines = readFileSync(file2026, "utf8").split("\n");
    const saxonLine = lines.findIndex((l) => l.startsWith("60") && l.slice(10, 18) === "14511000");
    lines[saxonLine] = `60${"x".repeat(30)}`;
    const broken = parseGv100ad(Buffer.from(lines.join("\n"), "utf8"));
    const before = await state(database);
    const attempt = importDirectory(database.db, broken, { land: "14", dryRun: false, source: "broken" });
    await expect(attempt).rejects.toThrow(`line ${saxonLine + 1}`);
    expect(await state(database)).toEqual(before);
  });

  it("on the seeded registry, the shipped 2026 directory is already known: no changes", async () => {
    const report = await importDirectory(database.db, dir2026, { land: "14", dryRun: true, source: "2026" });
    expect(report).toMatchObject({ added: [], dissolved: [], renamed: [], populationChanged: [] });
  });
});
