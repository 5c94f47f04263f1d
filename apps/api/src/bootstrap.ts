import { type DatabaseHandle, migrateDatabase, openDatabase, seedReferenceData } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import type { Env } from "./env.js";

export interface Bootstrapped {
  database: DatabaseHandle;
  seed: "seeded" | "unchanged";
}

/** Opens the configured database, applies migrations and seeds the reference data (idempotent). */
export async function openAndPrepareDatabase(env: Env): Promise<Bootstrapped> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
  });
  try {
    await migrateDatabase(database);
    const seed = await database.withLock(() => seedReferenceData(database.db, saxonyReferenceData));
    return { database, seed };
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
}
