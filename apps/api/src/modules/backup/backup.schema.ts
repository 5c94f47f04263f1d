import { readFileSync } from "node:fs";
import { defaultMigrationsFolder, schema } from "@insek/db";
import { getTableConfig, type PgColumn, PgTable } from "drizzle-orm/pg-core";
import { is } from "drizzle-orm";

/**
 * Which tables a backup holds, derived from the drizzle schema, so that a table added later is in
 * the next backup without anyone touching this module.
 */

/**
 * Tables deliberately left out of a backup, with the reason. Everything else in the schema is in it.
 * - sessions: sign-ins last at most SESSION_ABSOLUTE_HOURS (12 h by default); a restored database is a
 *   new start and everybody signs in again. Restoring sessions would silently revive sign-ins that were
 *   ended (logout, password change) after the backup was taken.
 * - login_attempts: throttling counters for the last 24 hours (personal data: e-mail and address). The
 *   audit log keeps every login attempt as evidence and is in the backup.
 * - login_throttle, login_refusals: the same for the counters of decision 0016 (15-minute windows).
 * - data_generation, data_generation_pending: the counter the read caches key on (filled by its
 *   migration) and its per-transaction queue (empty between transactions). Derived, not data: the
 *   restored database counts on from its own value, and the restore itself raises it.
 * - record_periods, record_latest: derived from status_events by the database's own trigger (migration
 *   0008); the restore of the history fills them again, so a backup carries each fact once.
 * - timeline_rollup, timeline_rollup_state: the timeline's monthly roll-up (migration 0009), rebuilt on
 *   demand; restoring the registry invalidates it.
 */
export const EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  sessions: "short-lived sign-ins; everybody signs in again after a restore",
  login_attempts: "24-hour throttling counters; the audit log keeps every login attempt",
  login_throttle: "15-minute sign-in throttling counters (e-mail and address); the audit log keeps every checked attempt",
  login_refusals: "counts of throttled sign-in requests per address and 15 minutes; the audit log keeps the first of each",
  data_generation: "cache-key counter, filled by its migration; the restore raises it",
  data_generation_pending: "per-transaction queue of the cache-key counter, empty between transactions",
  record_periods: "derived from status_events by a trigger; the restored history fills it again",
  record_latest: "derived from status_events by a trigger; the restored history fills it again",
  timeline_rollup: "monthly roll-up of the timeline, rebuilt from the history on the first read that needs it",
  timeline_rollup_state: "the roll-up's state row, filled by its migration; the restore invalidates it",
};

/**
 * Tables in the backup that a migration fills with reference data every database starts with, with the
 * migration. A fresh database has those rows before the restore, so they do not make it "not empty"; the
 * restore replaces them with the backup's rows (which hold the same reference data as changed since).
 */
export const MIGRATION_FILLED_TABLES: Readonly<Record<string, string>> = {
  programmes: "the funding programmes migration 0019 inserts (decision 0032)",
};

export interface BackupColumn {
  name: string;
  /** Ordered with COLLATE "C", so the row order does not depend on the database's collation. */
  textual: boolean;
}

export interface BackupTable {
  name: string;
  columns: BackupColumn[];
  /** Primary key columns (all columns when a table has none): the row order of the backup. */
  orderBy: string[];
  /** Foreign keys of the table onto itself (e.g. status_events.supersedes -> id). */
  selfReferences: { columns: string[]; foreignColumns: string[] }[];
}

const TEXTUAL = /^(text|char|varchar|character)/i;

function describe(table: PgTable): BackupTable & { dependsOn: string[] } {
  const config = getTableConfig(table);
  const columns = config.columns.map((c: PgColumn) => ({ name: c.name, textual: TEXTUAL.test(c.getSQLType()) }));
  const composite = config.primaryKeys[0];
  const orderBy = composite
    ? composite.columns.map((c) => c.name)
    : config.columns.filter((c) => c.primary).map((c) => c.name);
  const dependsOn: string[] = [];
  const selfReferences: BackupTable["selfReferences"] = [];
  for (const fk of config.foreignKeys) {
    const ref = fk.reference();
    const target = getTableConfig(ref.foreignTable).name;
    if (target === config.name) {
      selfReferences.push({ columns: ref.columns.map((c) => c.name), foreignColumns: ref.foreignColumns.map((c) => c.name) });
    } else {
      dependsOn.push(target);
    }
  }
  return {
    name: config.name,
    columns,
    orderBy: orderBy.length > 0 ? orderBy : columns.map((c) => c.name),
    selfReferences,
    dependsOn,
  };
}

/** Every table of the schema, referenced tables before the tables that refer to them. */
export function schemaTables(): BackupTable[] {
  const values: unknown[] = Object.values(schema);
  const described = values
    .filter((value): value is PgTable => is(value, PgTable))
    .map(describe)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const byName = new Map(described.map((t) => [t.name, t]));
  const ordered: BackupTable[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (name: string, path: string[]) => {
    const table = byName.get(name);
    if (!table || state.get(name) === "done") return;
    if (state.get(name) === "visiting") throw new Error(`Foreign keys form a cycle: ${[...path, name].join(" -> ")}`);
    state.set(name, "visiting");
    for (const dep of table.dependsOn) visit(dep, [...path, name]);
    state.set(name, "done");
    const { dependsOn: _ignored, ...rest } = table;
    ordered.push(rest);
  };
  for (const table of described) visit(table.name, []);
  return ordered;
}

/** The tables of the schema that a backup leaves out (see EXCLUDED_TABLES). */
export function excludedTables(): string[] {
  return schemaTables()
    .map((t) => t.name)
    .filter((name) => name in EXCLUDED_TABLES)
    .sort();
}

/** The tables a backup holds. */
export function backupTables(): BackupTable[] {
  return schemaTables().filter((t) => !(t.name in EXCLUDED_TABLES));
}

/** The tags of the committed migrations, in order (migrations/meta/_journal.json). */
export function migrationTags(folder = defaultMigrationsFolder()): string[] {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, "utf8")) as { entries: { tag: string }[] };
  return journal.entries.map((e) => e.tag);
}

/** A quoted SQL identifier. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
