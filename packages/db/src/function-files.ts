import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { type Db, queryRows } from "./client.js";

/**
 * packages/db/functions/<name>.sql holds the current definition of each plpgsql function the migrations leave in
 * the database, as `pg_get_functiondef` prints it: the readable reference to the bodies that several migrations
 * define and re-define. test/function-files.test.ts keeps them equal; scripts/dump-functions.ts rewrites them.
 */
export const functionsFolder = fileURLToPath(new URL("../functions", import.meta.url));
export const migrationsFolder = fileURLToPath(new URL("../migrations", import.meta.url));

export interface DatabaseFunction {
  name: string;
  definition: string;
}

/** Every plpgsql function of the public schema with its definition, by name. */
export async function databaseFunctions(db: Db): Promise<DatabaseFunction[]> {
  return queryRows<DatabaseFunction>(
    db,
    sql`select p.proname as name, pg_get_functiondef(p.oid) as definition
          from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          join pg_language l on l.oid = p.prolang
         where n.nspname = 'public' and l.lanname = 'plpgsql'
         order by p.proname`,
  );
}

/** Whitespace does not count: runs of it become one space, and none at the ends. */
export function normaliseDefinition(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** The definition in a function file, without its leading comment lines. */
export function definitionInFile(text: string): string {
  const lines = text.split("\n");
  const first = lines.findIndex((line) => !line.startsWith("--"));
  return lines.slice(first).join("\n");
}

export function functionFileNames(): string[] {
  return readdirSync(functionsFolder)
    .filter((file) => file.endsWith(".sql"))
    .map((file) => file.slice(0, -".sql".length))
    .sort();
}

export function readFunctionFile(name: string): string {
  return readFileSync(join(functionsFolder, `${name}.sql`), "utf8");
}

/** The migrations that create or replace the function, in order. */
export function migrationsDefining(name: string): string[] {
  const pattern = new RegExp(`create\\s+(or\\s+replace\\s+)?function\\s+(public\\.)?${name}\\s*\\(`, "i");
  return readdirSync(migrationsFolder)
    .filter((file) => file.endsWith(".sql"))
    .sort()
    .filter((file) => pattern.test(readFileSync(join(migrationsFolder, file), "utf8")));
}

export function renderFunctionFile(fn: DatabaseFunction): string {
  const [first, ...later] = migrationsDefining(fn.name);
  const history = `-- Created in migrations/${first ?? "?"}${later.length > 0 ? `, replaced in ${later.map((file) => `migrations/${file}`).join(", ")}` : ""}.`;
  return [
    `-- ${fn.name}: the current definition, as the migrations leave it (pg_get_functiondef).`,
    history,
    "-- Reference only, never run: a change is a new migration, then `pnpm --filter @insek/db functions:dump`.",
    `${fn.definition.trimEnd()};`,
    "",
  ].join("\n");
}
