import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

/**
 * The data generation's own connection (PostgreSQL, decision 0026): several readers ask at once (the read
 * cache, the credential cache), and pg deprecates — pg 9 refuses — a query on a client still executing one.
 */
describe("the data generation connection", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("answers concurrent reads one after the other, each after the writes committed before it was asked", async () => {
    const read = database.readDataGeneration;
    if (database.kind !== "postgres" || read === undefined) return; // PGlite reads through its pool's one connection.
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on("warning", onWarning);
    try {
      const before = await read();
      const first = await Promise.all(Array.from({ length: 20 }, () => read()));
      expect(new Set(first)).toEqual(new Set([before]));
      await database.db.execute(sql`update data_generation set value = value + 1 where shard = 0`);
      const after = await Promise.all(Array.from({ length: 20 }, () => read()));
      expect(new Set(after).size).toBe(1);
      expect(BigInt(after[0] ?? "0")).toBeGreaterThan(BigInt(before));
      // Warnings are emitted on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings.filter((m) => m.includes("already executing a query"))).toEqual([]);
  });
});
