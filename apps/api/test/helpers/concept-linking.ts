import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Db, defaultMigrationsFolder } from "@insek/db";
import { sql } from "drizzle-orm";

/** The statements of migration 0016 (the history linked to municipal concepts), as the migrator runs them. */
export function linkingStatements(): string[] {
  const text = readFileSync(join(defaultMigrationsFolder(), "0016_link_history_to_concepts.sql"), "utf8");
  return text
    .split("--> statement-breakpoint")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * Runs migration 0016's statements again, in one transaction as the migrator does: on a history written
 * after the migration (the tests' fixtures, a generated history) they link what is not linked yet.
 */
export async function linkHistoryToConcepts(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    for (const statement of linkingStatements()) await tx.execute(sql.raw(statement));
  });
}
