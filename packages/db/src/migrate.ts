import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { sql } from "drizzle-orm";
import { type DatabaseHandle, type Schema, queryRows } from "./client.js";

/**
 * The committed SQL migrations. From source they sit beside src/; a bundled server carries a copy
 * next to its own file (see apps/api/tsup.config.ts).
 */
export function defaultMigrationsFolder(): string {
  const candidates = [new URL("../migrations", import.meta.url), new URL("./migrations", import.meta.url)];
  for (const candidate of candidates) {
    const folder = fileURLToPath(candidate);
    if (existsSync(`${folder}/meta/_journal.json`)) return folder;
  }
  throw new Error("SQL migrations not found next to the database package or the server bundle");
}

/** Applies pending migrations; safe to call from several processes at once. */
export async function migrateDatabase(
  handle: DatabaseHandle,
  migrationsFolder = defaultMigrationsFolder(),
): Promise<void> {
  await handle.withLock(async () => {
    if (handle.kind === "postgres") {
      await migratePg(handle.db as unknown as NodePgDatabase<Schema>, { migrationsFolder });
    } else {
      await migratePglite(handle.db as unknown as PgliteDatabase<Schema>, { migrationsFolder });
    }
  });
}

export interface MigrationStatus {
  expected: number;
  applied: number;
}

/** How many committed migrations the database has applied (readiness: all of them). */
const expectedCounts = new Map<string, number>();

/** Number of committed migrations, read once per folder (the readiness probe asks often). */
function expectedMigrations(migrationsFolder: string): number {
  let count = expectedCounts.get(migrationsFolder);
  if (count === undefined) {
    const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, "utf8")) as { entries: unknown[] };
    count = journal.entries.length;
    expectedCounts.set(migrationsFolder, count);
  }
  return count;
}

let defaultFolder: string | undefined;

export async function migrationStatus(handle: DatabaseHandle, migrationsFolder?: string): Promise<MigrationStatus> {
  const folder = migrationsFolder ?? (defaultFolder ??= defaultMigrationsFolder());
  const rows = await queryRows<{ applied: number }>(
    handle.db,
    sql`select count(*)::int as applied from drizzle.__drizzle_migrations`,
  ).catch(() => [{ applied: 0 }]);
  return { expected: expectedMigrations(folder), applied: rows[0]?.applied ?? 0 };
}
