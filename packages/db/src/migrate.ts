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

export class MigrationsPendingError extends Error {
  constructor(
    readonly status: MigrationStatus,
    cause: unknown,
  ) {
    super(
      `This connection's role sees ${status.applied} of ${status.expected} migrations applied and may not apply the rest ` +
        "(it owns nothing, as the application's role should; or it may not read the migration journal yet). As the owner role run: " +
        "DATABASE_URL=<owner's URL> pnpm insek migrate --app-role <application role> " +
        "(in the image: node apps/api/dist/cli.js migrate --app-role <role>); see README, \"Database roles\".",
      { cause },
    );
    this.name = "MigrationsPendingError";
  }
}

const INSUFFICIENT_PRIVILEGE = "42501";

function isInsufficientPrivilege(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    if ((current as { code?: unknown }).code === INSUFFICIENT_PRIVILEGE) return true;
  }
  return false;
}

/**
 * At start: applies pending migrations where the connection may (the embedded database, an owner or
 * superuser URL), and does nothing when none are pending, so that a server running as the application
 * role (which owns nothing and may create nothing) starts on a migrated database. Pending migrations
 * that the role may not apply throw MigrationsPendingError, which says how to apply them.
 */
export async function ensureMigrated(handle: DatabaseHandle, migrationsFolder?: string): Promise<"current" | "migrated"> {
  const before = await migrationStatus(handle, migrationsFolder);
  if (before.applied >= before.expected) return "current";
  try {
    await migrateDatabase(handle, migrationsFolder);
  } catch (error) {
    if (isInsufficientPrivilege(error)) throw new MigrationsPendingError(before, error);
    throw error;
  }
  return "migrated";
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
