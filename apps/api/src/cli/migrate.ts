import { parseArgs } from "node:util";
import { RoleGrantError, grantApplicationRole, migrateDatabase, openDatabase, seedReferenceData } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import type { Env } from "../env.js";
import { UsageError } from "./import-gv100ad.js";

export const MIGRATE_USAGE = "pnpm insek migrate [--app-role <role>]";
export const DB_GRANT_USAGE = "pnpm insek db:grant --app-role <role>";

function appRoleOf(argv: string[], usage: string, required: boolean): string | undefined {
  let values: { "app-role"?: string | undefined };
  try {
    ({ values } = parseArgs({ args: argv, options: { "app-role": { type: "string" } } }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  const role = values["app-role"];
  if (required && role === undefined) throw new UsageError(usage);
  return role;
}

async function withDatabase<T>(env: Env, fn: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR, poolSize: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

async function grant(database: Awaited<ReturnType<typeof openDatabase>>, role: string, out: (s: string) => void): Promise<number> {
  try {
    const report = await grantApplicationRole(database, role);
    out(`Rechte für "${report.role}": lesen und schreiben ${report.readWrite.length} Tabellen; nur lesen und anfügen: ${report.appendOnly.join(", ")}`);
    return 0;
  } catch (error) {
    if (error instanceof RoleGrantError) {
      out(error.message);
      return 2;
    }
    throw error;
  }
}

/**
 * Applies the migrations and seeds the reference data, as the owner role (DATABASE_URL = the owner's
 * URL); with --app-role, then grants the application's role what the server needs (grantApplicationRole).
 */
export async function runMigrate(argv: string[], env: Env, out: (s: string) => void): Promise<number> {
  const role = appRoleOf(argv, MIGRATE_USAGE, false);
  return withDatabase(env, async (database) => {
    await migrateDatabase(database);
    const seed = await database.withLock(() => seedReferenceData(database.db, saxonyReferenceData));
    const note = { seeded: "; Referenzdaten eingespielt", "associations-seeded": "; Verwaltungsgemeinschaften eingespielt", unchanged: "" };
    out(`Migrationen angewandt${note[seed]}.`);
    return role === undefined ? 0 : grant(database, role, out);
  });
}

/** Grants the application's role what the server needs, as the owner role (grantApplicationRole). */
export async function runDbGrant(argv: string[], env: Env, out: (s: string) => void): Promise<number> {
  const role = appRoleOf(argv, DB_GRANT_USAGE, true) ?? "";
  return withDatabase(env, (database) => grant(database, role, out));
}
