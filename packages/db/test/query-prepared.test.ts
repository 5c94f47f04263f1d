import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { queryPrepared, queryRows } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

/**
 * `queryPrepared` reaches drizzle's session (`db._.session.prepareQuery`), which drizzle types but does not
 * document: there is no public way to run a raw SQL statement under a name. This test guards that route, so a
 * drizzle upgrade that changes it fails here, loudly, and not as slower statistics or a wrong answer.
 */
describe("queryPrepared (named statements through drizzle's session)", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("answers as queryRows does, with parameters, when called again", async () => {
    const statement = (district: string) =>
      sql`select ags, display_name from municipalities where district_key = ${district} and valid_to is null order by ags limit 3`;
    const expected = await queryRows<{ ags: string; display_name: string }>(database.db, statement("14522"));
    expect(expected.length).toBe(3);
    expect(await queryPrepared(database.db, statement("14522"))).toEqual(expected);
    expect(await queryPrepared(database.db, statement("14522"))).toEqual(expected);
    const other = await queryPrepared<{ ags: string }>(database.db, statement("14713"));
    expect(other.map((r) => r.ags)).toEqual((await queryRows<{ ags: string }>(database.db, statement("14713"))).map((r) => r.ags));
    expect(other[0]?.ags).not.toBe(expected[0]?.ags);
  });

  it("prepares the statement under its insek_ name on PostgreSQL (PGlite ignores the name)", async () => {
    if (database.kind !== "postgres") return;
    const names = await database.db.transaction(async (tx) => {
      await queryPrepared(tx, sql`select count(*)::int as n from districts where key <> ${"x"}`);
      return queryRows<{ name: string; statement: string }>(tx, sql`select name, statement from pg_prepared_statements where name like 'insek\\_%'`);
    });
    expect(names.some((n) => n.statement.includes("from districts where key <>"))).toBe(true);
  });
});
