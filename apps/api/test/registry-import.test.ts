import { readFileSync } from "node:fs";
import path from "node:path";
import { queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { displayNameOf, parseGv100ad } from "@insek/refdata";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RegistryImportError, importDirectory } from "../src/modules/registry/registry-import.service.js";
import { formatReport } from "../src/cli/import-gv100ad.js";
import { sourcesDir } from "./helpers/source-files.js";
import { SYNTHETIC_CHANGES, editedDirectory2026 } from "./helpers/synthetic-directory.js";

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

async function associationState(database: TestDatabase) {
  const [row] = await queryRows<{ associations: number; open: number; memberships: number; openMemberships: number; stamp: string | null }>(
    database.db,
    sql`select (select count(*)::int from associations) as associations,
               (select count(*)::int from associations where valid_to is null) as open,
               (select count(*)::int from association_memberships) as memberships,
               (select count(*)::int from association_memberships where valid_to is null) as "openMemberships",
               (select string_agg(key || name || coalesce(valid_to::text, ''), ',' order by key) from associations) as stamp`,
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
    // Associations on a first fill: undated, like the municipalities.
    expect(report.associations).toBe(71);
    expect(report.associationsAdded).toHaveLength(71);
    expect(report.associationsAdded.every((a) => a.validFrom === null)).toBe(true);
    expect(report.membersJoined).toHaveLength(181);
    expect(await associationState(database)).toMatchObject({ associations: 71, open: 71, memberships: 181, openMemberships: 181 });
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

  it("the dry run reports the association changes between 2022 and 2026: VG Ostrau dissolved, three VGs renamed", async () => {
    const before = await associationState(database);
    const report = await importDirectory(database.db, dir2026, { land: "14", dryRun: true, source: "2026" });
    expect(report.associations).toBe(70);
    expect(report.associationsAdded).toEqual([]);
    expect(report.associationsDissolved).toEqual([{ key: "145225123", name: "Ostrau", validTo: "2023-01-01" }]);
    expect(report.associationsRenamed).toEqual([
      { key: "145215133", from: "Stollberg/Erzgeb.", to: "Stollberg/Niederdorf" },
      { key: "147305306", from: "Krostitz", to: "Krostitz-Schönwölkau" },
      { key: "147305311", from: "Torgau", to: "Torgau/Dreiheide" },
    ]);
    expect(report.membersJoined).toEqual([]);
    expect(report.membersLeft).toEqual([
      { key: "145225123", ags: "14522450", name: "Ostrau", validTo: "2023-01-01" },
      { key: "145225123", ags: "14522620", name: "Zschaitz-Ottewig", validTo: "2023-01-01" },
    ]);
    const text = formatReport(report);
    expect(text).toContain("Verwaltungsgemeinschaften und -verbände: 70");
    expect(text).toContain("    - 145225123 Ostrau (bis 2023-01-01)");
    expect(text).toContain("    ~ 147305311 Torgau -> Torgau/Dreiheide");
    expect(text).toContain("    - 14522620 Zschaitz-Ottewig aus 145225123 (bis 2023-01-01)");
    expect(await associationState(database)).toEqual(before);
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
    expect(await associationState(database)).toMatchObject({ associations: 71, open: 70, memberships: 181, openMemberships: 179 });
    const ostrau = await queryRows<{ valid_to: string | null; members: string }>(
      database.db,
      sql`select a.valid_to::text, string_agg(m.ags || ':' || coalesce(m.valid_to::text, '-'), ',' order by m.ags) as members
          from associations a join association_memberships m on m.association_key = a.key
          where a.key = '145225123' group by a.valid_to`,
    );
    expect(ostrau).toEqual([{ valid_to: "2023-01-01", members: "14522450:2023-01-01,14522620:2023-01-01" }]);
    const [torgau] = await queryRows<{ name: string }>(database.db, sql`select name from associations where key = '147305311'`);
    expect(torgau?.name).toBe("Torgau/Dreiheide");
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
    expect(report).toMatchObject({ associationsAdded: [], associationsDissolved: [], associationsRenamed: [], membersJoined: [], membersLeft: [] });
  });
});

describe("import-gv100ad reports and applies every kind of association change (a synthetic later directory)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("reports a new, a dissolved and a renamed association and members joining and leaving, dated the day after the last import", async () => {
    const edited = parseGv100ad(editedDirectory2026(SYNTHETIC_CHANGES));
    expect(edited.errors).toEqual([]);
    const report = await importDirectory(database.db, edited, { land: "14", dryRun: false, source: "synthetic" });
    expect(report.added).toEqual([]);
    expect(report.associations).toBe(70);
    expect(report.associationsAdded).toEqual([
      { key: "147305399", name: "Neue Verwaltungsgemeinschaft", type: "verwaltungsgemeinschaft", validFrom: "2026-06-01" },
    ]);
    expect(report.associationsDissolved).toEqual([{ key: "147305302", name: "Beilrode", validTo: "2026-06-01" }]);
    expect(report.associationsRenamed).toEqual([
      { key: "146255501", from: "Am Klosterwasser", to: "Am Klosterwasser (umbenannt)" },
    ]);
    expect(report.membersJoined.map((j) => [j.key, j.ags, j.validFrom])).toEqual([
      ["145215103", "14521340", "2026-06-01"],
      ["147305399", "14730010", "2026-06-01"],
      ["147305399", "14730030", "2026-06-01"],
    ]);
    expect(report.membersLeft.map((l) => [l.key, l.ags, l.validTo])).toEqual([
      ["145215101", "14521340", "2026-06-01"],
      ["147305302", "14730010", "2026-06-01"],
      ["147305302", "14730030", "2026-06-01"],
    ]);
    expect(formatReport(report)).toContain("    + 14521340 Königswalde -> 145215103 (ab 2026-06-01)");

    const memberships = await queryRows<{ key: string; from: string | null; to: string | null }>(
      database.db,
      sql`select association_key as key, valid_from::text as from, valid_to::text as to from association_memberships
          where ags = '14521340' order by valid_from nulls first`,
    );
    expect(memberships).toEqual([
      { key: "145215101", from: null, to: "2026-06-01" },
      { key: "145215103", from: "2026-06-01", to: null },
    ]);
    const changed = await queryRows<{ key: string; name: string; valid_from: string | null; valid_to: string | null; fulfilling_ags: string | null }>(
      database.db,
      sql`select key, name, valid_from::text, valid_to::text, fulfilling_ags from associations
          where key in ('146255501', '147305302', '147305399') order by key`,
    );
    expect(changed).toEqual([
      { key: "146255501", name: "Am Klosterwasser (umbenannt)", valid_from: null, valid_to: null, fulfilling_ags: null },
      { key: "147305302", name: "Beilrode", valid_from: null, valid_to: "2026-06-01", fulfilling_ags: "14730030" },
      { key: "147305399", name: "Neue Verwaltungsgemeinschaft", valid_from: "2026-06-01", valid_to: null, fulfilling_ags: "14730030" },
    ]);
    expect(await associationState(database)).toMatchObject({ open: 70, openMemberships: 179 });
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
    expect(report).toMatchObject({ associationsAdded: [], associationsDissolved: [], associationsRenamed: [], membersJoined: [], membersLeft: [] });
  });
});
