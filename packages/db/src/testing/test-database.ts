import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { inject } from "vitest";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { type DatabaseHandle, openDatabase, wrapPglite } from "../client.js";
import { migrateDatabase } from "../migrate.js";
import { seedReferenceData } from "../seed/reference-data.js";
import { databaseUrl, testDbKind, withAdminClient } from "./settings.js";

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of a PostgreSQL test database (absent for PGlite). */
  url?: string;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Fill the registry with the shipped Saxony reference data (default true). */
  seeded?: boolean;
}

const pgliteTemplates = new Map<string, Promise<PGlite>>();

async function pgliteTemplate(seeded: boolean): Promise<PGlite> {
  const key = seeded ? "seeded" : "empty";
  let template = pgliteTemplates.get(key);
  if (!template) {
    template = (async () => {
      const client = await PGlite.create();
      const handle = wrapPglite(client);
      await migrateDatabase(handle);
      if (seeded) await seedReferenceData(handle.db, saxonyReferenceData);
      return client;
    })();
    pgliteTemplates.set(key, template);
  }
  return template;
}

/**
 * A database of its own for one test file: a clone of a migrated template, on PGlite or on the
 * PostgreSQL server depending on the test project (TEST_DB).
 */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const seeded = options.seeded ?? true;
  if (testDbKind() === "pglite") {
    const template = await pgliteTemplate(seeded);
    const client = (await template.clone()) as PGlite;
    const handle = wrapPglite(client);
    return { ...handle, drop: () => handle.close() };
  }
  const templates = inject("pgTemplates");
  const name = `${inject("pgPrefix")}_${randomBytes(4).toString("hex")}`;
  const template = seeded ? templates.seeded : templates.empty;
  await withAdminClient((admin) => admin.query(`create database "${name}" template "${template}"`));
  const url = databaseUrl(name);
  const handle = await openDatabase({ url, poolSize: 20 });
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await withAdminClient((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgTemplates: { empty: string; seeded: string };
    pgPrefix: string;
  }
}
