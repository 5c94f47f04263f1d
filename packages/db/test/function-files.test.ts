import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type DatabaseFunction,
  databaseFunctions,
  definitionInFile,
  functionFileNames,
  normaliseDefinition,
  readFunctionFile,
} from "../src/function-files.js";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

describe("packages/db/functions/: one file per plpgsql function, equal to the migrated database's", () => {
  let database: TestDatabase;
  let functions: DatabaseFunction[];
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: false });
    functions = await databaseFunctions(database.db);
  });
  afterAll(async () => {
    await database.drop();
  });

  it("has a file for every function the migrations leave, and none for a function they do not", () => {
    expect(functions.map((fn) => fn.name)).toContain("record_derive");
    expect(functions.map((fn) => fn.name)).toContain("record_derive_on_insert");
    expect(functions.map((fn) => fn.name)).toContain("timeline_rollup_touch");
    expect(functionFileNames()).toEqual(functions.map((fn) => fn.name));
  });

  it("holds each function's current definition (whitespace aside)", () => {
    for (const fn of functions) {
      const file = readFunctionFile(fn.name);
      expect(normaliseDefinition(definitionInFile(file)), `functions/${fn.name}.sql`).toBe(`${normaliseDefinition(fn.definition)};`);
    }
  });

  it("tells an old body from the current one", () => {
    const current = functions.find((fn) => fn.name === "record_derive_on_insert");
    expect(current).toBeDefined();
    // A file whose body differs from the database's (as an older migration's body does) must not pass.
    const stale = readFunctionFile("record_derive_on_insert").replace("FROM new_events GROUP BY ags", "FROM new_events");
    expect(normaliseDefinition(definitionInFile(stale))).not.toBe(`${normaliseDefinition(current?.definition ?? "")};`);
  });
});
