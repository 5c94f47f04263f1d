import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { migrateDatabase, migrationStatus, queryRows, seedReferenceData } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

describe("migrations and reference-data seed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("has applied every committed migration, and applying again changes nothing", async () => {
    const before = await migrationStatus(database);
    expect(before.applied).toBe(before.expected);
    expect(before.expected).toBeGreaterThan(0);
    await migrateDatabase(database);
    expect(await migrationStatus(database)).toEqual(before);
  });

  it("seeds 13 districts and the registry once; a second seed changes nothing", async () => {
    expect(await seedReferenceData(database.db, saxonyReferenceData)).toBe("seeded");
    const snapshot = async () =>
      queryRows<{ n: number; current: number; stamp: string | null; imports: number }>(
        database.db,
        sql`select (select count(*)::int from municipalities) as n,
                   (select count(*)::int from municipalities where valid_to is null) as current,
                   (select max(updated_at)::text from municipalities) as stamp,
                   (select count(*)::int from registry_imports) as imports`,
      );
    const first = await snapshot();
    expect(first[0]).toMatchObject({ n: 428, current: 418, imports: 1 });
    expect(await seedReferenceData(database.db, saxonyReferenceData)).toBe("unchanged");
    expect(await snapshot()).toEqual(first);
    const [districts] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from districts`);
    expect(districts?.n).toBe(13);
  });

  it("counts the municipalities that existed on the official reference dates", async () => {
    const countOn = async (date: string) => {
      const [row] = await queryRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from municipalities
            where (valid_from is null or valid_from <= ${date}::date) and (valid_to is null or valid_to > ${date}::date)`,
      );
      return row?.n;
    };
    expect(await countOn("2016-06-30")).toBe(426);
    expect(await countOn("2018-06-30")).toBe(421);
    expect(await countOn("2020-06-30")).toBe(419);
    expect(await countOn("2023-01-01")).toBe(418);
    expect(await countOn("2026-11-25")).toBe(418);
  });

  it("seeds the 70 associations with 179 current members, and VG Ostrau ended on 1 Jan 2023", async () => {
    const [row] = await queryRows<{ associations: number; current: number; members: number; ostrau: string | null; klosterwasser: number }>(
      database.db,
      sql`select (select count(*)::int from associations) as associations,
                 (select count(*)::int from associations where valid_to is null) as current,
                 (select count(*)::int from association_memberships where valid_to is null) as members,
                 (select valid_to::text from associations where key = '145225123') as ostrau,
                 (select count(*)::int from association_memberships where association_key = '146255501' and valid_to is null) as klosterwasser`,
    );
    expect(row).toEqual({ associations: 71, current: 70, members: 179, ostrau: "2023-01-01", klosterwasser: 5 });
  });

  it("rejects a second open membership of one municipality and an association key outside its district", async () => {
    await expect(
      database.db.execute(sql`insert into association_memberships (association_key, ags) values ('145215101', '14521120')`),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`insert into associations (key, name, type, district_key, seat) values ('145225999', 'X', 'verwaltungsgemeinschaft', '14521', 'X')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`insert into associations (key, name, type, district_key, seat) values ('145215999', 'X', 'amt', '14521', 'X')`,
      ),
    ).rejects.toThrow();
  });

  it("rejects rows that break the registry's invariants", async () => {
    await expect(
      database.db.execute(
        sql`insert into municipalities (ags, name, display_name, search_text, sort_key, type, district_key)
            values ('14511999', 'X', 'X', 'x', 'x', 'gemeinde', '14522')`,
      ),
    ).rejects.toThrow();
    await expect(
      database.db.execute(
        sql`update municipalities set valid_from = '2030-01-01', valid_to = '2020-01-01' where ags = '14511000'`,
      ),
    ).rejects.toThrow();
  });
});

describe("associations for a registry seeded before they existed", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  const counts = async () =>
    (
      await queryRows<{ associations: number; members: number; municipalities: number; imports: number }>(
        database.db,
        sql`select (select count(*)::int from associations) as associations,
                   (select count(*)::int from association_memberships) as members,
                   (select count(*)::int from municipalities) as municipalities,
                   (select count(*)::int from registry_imports) as imports`,
      )
    )[0];

  it("an existing registry at the shipped status with no associations gets them on the next seed, once", async () => {
    await database.db.execute(sql`delete from association_memberships`);
    await database.db.execute(sql`delete from associations`);
    expect(await seedReferenceData(database.db, saxonyReferenceData)).toBe("associations-seeded");
    expect(await counts()).toEqual({ associations: 71, members: 181, municipalities: 428, imports: 1 });
    expect(await seedReferenceData(database.db, saxonyReferenceData)).toBe("unchanged");
    expect(await counts()).toEqual({ associations: 71, members: 181, municipalities: 428, imports: 1 });
  });

  it("a registry at another territorial status is left for import-gv100ad", async () => {
    await database.db.execute(sql`delete from association_memberships`);
    await database.db.execute(sql`delete from associations`);
    await database.db.execute(
      sql`insert into registry_imports (source, land_key, territorial_status, report) values ('newer', '14', '2027-12-31', '{}')`,
    );
    expect(await seedReferenceData(database.db, saxonyReferenceData)).toBe("unchanged");
    expect(await counts()).toMatchObject({ associations: 0, members: 0 });
  });
});
