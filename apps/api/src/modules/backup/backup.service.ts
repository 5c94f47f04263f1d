import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseHandle, type Db, defaultMigrationsFolder, migrateDatabase, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { type BackupTable, EXCLUDED_TABLES, MIGRATION_FILLED_TABLES, backupTables, excludedTables, ident, migrationTags, schemaTables } from "./backup.schema.js";

/**
 * Backup of the whole database as one NDJSON file (see README, "Sicherung / Backup"):
 *
 *   {"format":"insek-monitor-backup","version":1,"migration":{"level":5,"tag":"0004_…"},"tables":[…],"excluded":[…]}
 *   {"table":"districts","columns":["key","name","type"],"rows":13}
 *   {"key":"14511","name":"Chemnitz, Stadt","type":"kreisfreie_stadt"}
 *   …
 *   {"end":{"tables":10,"rows":12345,"sha256":"<hex of every line above, each with its \n>"}}
 *
 * Tables come in foreign-key order, rows in primary-key order (text keys compared bytewise), values as
 * PostgreSQL renders them in JSON (row_to_json, time zone UTC): timestamps ISO 8601 with offset, dates
 * YYYY-MM-DD, bigint and integer as JSON numbers, jsonb as nested JSON. No export time is written, so
 * two exports of the same data are byte-identical (the file's own date says when it was taken).
 */

export const BACKUP_FORMAT = "insek-monitor-backup";
export const BACKUP_VERSION = 1;

/** Rows fetched per round trip when exporting. */
const FETCH_ROWS = 2000;
/** Rows per INSERT when importing (one JSON parameter, so no bind-parameter limit applies). */
const INSERT_ROWS = 2000;
const INSERT_BYTES = 4 * 1024 * 1024;

/** A backup that cannot be taken or restored; the message says why and what to do. */
export class BackupError extends Error {}

export interface BackupHeader {
  format: string;
  version: number;
  migration: { level: number; tag: string };
  tables: string[];
  excluded: string[];
}

export interface BackupSummary {
  migration: { level: number; tag: string };
  /** After restoring a backup of an older version: the migration level the database was brought to. */
  upgradedTo?: number;
  tables: { name: string; rows: number }[];
  rows: number;
  sha256: string;
}

async function databaseMigrationLevel(db: Db): Promise<number> {
  const [exists] = await queryRows<{ present: boolean }>(
    db,
    sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`,
  );
  if (!exists?.present) return 0;
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return row?.n ?? 0;
}

/** The application's tables in the database (schema public), with their columns. */
async function databaseTables(db: Db): Promise<Map<string, string[]>> {
  const rows = await queryRows<{ table_name: string; column_name: string | null }>(
    db,
    sql`select t.table_name::text as table_name, c.column_name::text as column_name
        from information_schema.tables t
        left join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
        where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
        order by t.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? [];
    if (row.column_name !== null) columns.push(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && [...a].sort().join("\0") === [...b].sort().join("\0");

/**
 * Writes a complete backup through `write`, from one consistent snapshot (a running server may go on
 * writing meanwhile). Refuses when the database is not at this version's migration level or holds a
 * table or column the schema does not know: the backup would be incomplete.
 */
export async function exportBackup(handle: DatabaseHandle, write: (chunk: string) => Promise<void>): Promise<BackupSummary> {
  const tags = migrationTags();
  const tables = backupTables();
  const hash = createHash("sha256");
  const emit = async (lines: string[]) => {
    if (lines.length === 0) return;
    const chunk = `${lines.join("\n")}\n`;
    hash.update(chunk);
    await write(chunk);
  };

  return handle.db.transaction(
    async (tx) => {
      await tx.execute(sql`set local timezone to 'UTC'`);
      const level = await databaseMigrationLevel(tx);
      if (level !== tags.length) {
        throw new BackupError(
          `The database is at migration level ${level}, this version of INSEK-Monitor at ${tags.length}. ` +
            "Export with the version that matches the database (or start the server once to migrate it).",
        );
      }
      const inDatabase = await databaseTables(tx);
      const known = new Set(schemaTables().map((t) => t.name));
      const unknown = [...inDatabase.keys()].filter((name) => !known.has(name));
      if (unknown.length > 0) {
        throw new BackupError(`The database holds tables this version does not know (${unknown.join(", ")}): refusing an incomplete backup.`);
      }
      for (const table of tables) {
        const columns = inDatabase.get(table.name);
        if (!columns || !sameSet(columns, table.columns.map((c) => c.name))) {
          throw new BackupError(
            `The columns of table ${table.name} in the database (${(columns ?? []).join(", ")}) differ from the schema: refusing an incomplete backup.`,
          );
        }
      }

      const migration = { level, tag: tags[level - 1] ?? "" };
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        migration,
        tables: tables.map((t) => t.name),
        excluded: excludedTables(),
      };
      await emit([JSON.stringify(header)]);

      const summary: BackupSummary["tables"] = [];
      let total = 0;
      for (const table of tables) {
        const name = ident(table.name);
        const [counted] = await queryRows<{ n: number }>(tx, sql.raw(`select count(*)::int as n from ${name}`));
        const rows = counted?.n ?? 0;
        await emit([JSON.stringify({ table: table.name, columns: table.columns.map((c) => c.name), rows })]);
        const textual = new Set(table.columns.filter((c) => c.textual).map((c) => c.name));
        const order = table.orderBy.map((c) => `x.${ident(c)}${textual.has(c) ? ' collate "C"' : ""}`).join(", ");
        const select = table.columns.map((c) => ident(c.name)).join(", ");
        await tx.execute(
          sql.raw(
            `declare insek_backup no scroll cursor for
             select row_to_json(x)::text as line from (select ${select} from ${name}) x order by ${order}`,
          ),
        );
        let written = 0;
        for (;;) {
          const batch = await queryRows<{ line: string }>(tx, sql.raw(`fetch forward ${FETCH_ROWS} from insek_backup`));
          if (batch.length === 0) break;
          written += batch.length;
          await emit(batch.map((r) => r.line));
        }
        await tx.execute(sql.raw("close insek_backup"));
        if (written !== rows) throw new Error(`${table.name}: counted ${rows} rows but read ${written}`);
        summary.push({ name: table.name, rows });
        total += rows;
      }
      const sha256 = hash.copy().digest("hex");
      const end = `${JSON.stringify({ end: { tables: tables.length, rows: total, sha256 } })}\n`;
      await write(end);
      return { migration, tables: summary, rows: total, sha256 };
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function parseLine(line: string, what: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    throw new BackupError(`The backup file is damaged: ${what} is not valid JSON.`);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseHeader(line: string | undefined): BackupHeader {
  if (line === undefined) throw new BackupError("The backup file is empty.");
  if (line.trim() === "" || line.startsWith("> ")) {
    throw new BackupError(
      "This is not an INSEK-Monitor backup: it does not start with the backup's header line. Was it written with " +
        '"pnpm insek export --all > file"? pnpm then puts its own lines first: use "pnpm -s insek export --all" or --out <file>.',
    );
  }
  const header = parseLine(line, "the first line");
  if (!isObject(header) || header.format !== BACKUP_FORMAT) {
    throw new BackupError(`This is not an INSEK-Monitor backup (the first line must name the format "${BACKUP_FORMAT}").`);
  }
  if (header.version !== BACKUP_VERSION) {
    throw new BackupError(`Backup format version ${String(header.version)} is not supported (this version reads ${BACKUP_VERSION}).`);
  }
  const migration = header.migration;
  if (
    !isObject(migration) ||
    !Number.isInteger(migration.level) ||
    typeof migration.tag !== "string" ||
    !Array.isArray(header.tables) ||
    !header.tables.every((t) => typeof t === "string") ||
    !Array.isArray(header.excluded)
  ) {
    throw new BackupError("The backup file is damaged: its first line lacks the migration level or the table list.");
  }
  return header as unknown as BackupHeader;
}

export interface ImportOptions {
  /** Rows per INSERT (tests make it small to cross batch boundaries). */
  batchRows?: number;
}

/** Pulls lines one by one from an async iterator (e.g. readline over a file or standard input). */
class LineReader {
  private readonly hash = createHash("sha256");
  lineNumber = 0;
  constructor(private readonly source: AsyncIterator<string> | Iterator<string>) {}

  /** The next line, or undefined at the end of the input (hash it with `hashed` once accepted). */
  async next(): Promise<string | undefined> {
    const result: IteratorResult<string, unknown> = await this.source.next();
    if (result.done) return undefined;
    this.lineNumber++;
    return result.value;
  }

  hashed(line: string) {
    this.hash.update(`${line}\n`);
  }

  digest(): string {
    return this.hash.copy().digest("hex");
  }
}

/**
 * Restores a backup into an empty database, in one transaction: everything or nothing. The header
 * line is read first (`header`, already parsed by the caller to refuse early); `lines` yields the rest.
 * Ids are kept (OVERRIDING SYSTEM VALUE) and identity sequences continue after the highest id. The
 * append-only triggers stay on: they allow INSERT.
 */
export async function importBackup(
  handle: DatabaseHandle,
  headerLine: string | undefined,
  lines: AsyncIterator<string> | Iterator<string>,
  options: ImportOptions = {},
): Promise<BackupSummary> {
  const header = parseHeader(headerLine);
  const tags = migrationTags();
  if (header.migration.level > tags.length) {
    throw new BackupError(
      `The backup was written at migration level ${header.migration.level} (${header.migration.tag}), newer than this ` +
        `version of INSEK-Monitor (level ${tags.length}). Restore it with the version that wrote it or a newer one.`,
    );
  }
  if (tags[header.migration.level - 1] !== header.migration.tag) {
    throw new BackupError(
      `The backup's migration ${header.migration.level} is "${header.migration.tag}", this version's is ` +
        `"${tags[header.migration.level - 1] ?? "(none)"}": the backup does not belong to this application.`,
    );
  }

  // A backup of an older version: the database is brought to the backup's level, restored, and then
  // migrated to this version's level, so that later migrations treat the restored data as they would
  // have treated it in place. That needs a database that is not past the backup's level yet.
  const before = await databaseMigrationLevel(handle.db);
  const older = header.migration.level < tags.length;
  if (before > tags.length) {
    throw new BackupError(`The database is at migration level ${before}, newer than this version of INSEK-Monitor (level ${tags.length}).`);
  }
  if (older && before > header.migration.level) {
    throw new BackupError(
      `The backup was written by an older version at migration level ${header.migration.level} (${header.migration.tag}); ` +
        `the database is already at level ${before}. Restore it into a new, empty database: the restore applies the ` +
        "migrations up to the backup's level, restores, then applies the newer ones.",
    );
  }
  if (older) {
    const folder = migrationsUpTo(header.migration.level);
    try {
      await migrateDatabase(handle, folder);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  } else {
    await migrateDatabase(handle);
  }
  const level = await databaseMigrationLevel(handle.db);
  if (header.migration.level !== level) {
    throw new BackupError(`The backup was written at migration level ${header.migration.level}, the database is at level ${level}.`);
  }

  const reader = new LineReader(lines);
  reader.hashed(headerLine ?? "");
  const known = new Map(schemaTables().map((t) => [t.name, t]));

  const summary: BackupSummary = await handle.withLock(() =>
    handle.db.transaction(async (tx): Promise<BackupSummary> => {
      const inDatabase = await databaseTables(tx);
      // Excluded tables do not count: the migrations fill some of them (the data generation); nor do the
      // tables of reference data a migration fills (their rows are replaced by the backup's below).
      const names = [...inDatabase.keys()].filter((name) => !(name in EXCLUDED_TABLES) && !(name in MIGRATION_FILLED_TABLES));
      if (names.length > 0) {
        const [filled] = await queryRows<{ tables: string[] | null }>(
          tx,
          sql.raw(
            `select array_remove(array[${names
              .map((n) => `case when exists (select 1 from ${ident(n)}) then '${n.replace(/'/g, "''")}' end`)
              .join(", ")}], null) as tables`,
          ),
        );
        const nonEmpty = filled?.tables ?? [];
        if (nonEmpty.length > 0) {
          throw new BackupError(
            `The database is not empty (rows in ${nonEmpty.join(", ")}). A backup is restored only into an empty database: ` +
              "create a new one (or point DATA_DIR at a new folder) and do not start the server on it before the restore.",
          );
        }
      }

      const summary: BackupSummary["tables"] = [];
      let total = 0;
      for (const expected of header.tables) {
        const line = await reader.next();
        if (line === undefined) throw new BackupError(`The backup file is truncated: table ${expected} is missing.`);
        reader.hashed(line);
        const section = parseLine(line, `line ${reader.lineNumber}`);
        if (
          !isObject(section) ||
          section.table !== expected ||
          !Array.isArray(section.columns) ||
          !section.columns.every((c) => typeof c === "string") ||
          !Number.isInteger(section.rows) ||
          (section.rows as number) < 0
        ) {
          throw new BackupError(`The backup file is damaged: line ${reader.lineNumber} should start table ${expected}.`);
        }
        const columns = section.columns;
        const actual = inDatabase.get(expected);
        if (!actual) throw new BackupError(`The backup holds table ${expected}, which the database does not have.`);
        const missing = columns.filter((c) => !actual.includes(c));
        if (missing.length > 0) {
          throw new BackupError(`The backup holds columns ${missing.join(", ")} of table ${expected}, which the database does not have.`);
        }
        // The reference data a migration filled gives way to the backup's (nothing refers to it yet: every other table is empty).
        if (expected in MIGRATION_FILLED_TABLES) await tx.execute(sql.raw(`delete from ${ident(expected)}`));
        const rows = await importTable(tx, reader, known.get(expected), expected, columns, section.rows as number, options.batchRows ?? INSERT_ROWS);
        summary.push({ name: expected, rows });
        total += rows;
      }

      const digest = reader.digest();
      const last = await reader.next();
      if (last === undefined) throw new BackupError("The backup file is truncated: its closing line is missing.");
      const end = parseLine(last, `line ${reader.lineNumber}`);
      if (!isObject(end) || !isObject(end.end)) {
        throw new BackupError(`The backup file is damaged: line ${reader.lineNumber} should be the closing line.`);
      }
      if (end.end.sha256 !== digest || end.end.rows !== total || end.end.tables !== header.tables.length) {
        throw new BackupError("The backup file is damaged: its checksum does not match its content.");
      }
      for (;;) {
        const extra = await reader.next();
        if (extra === undefined) break;
        if (extra.trim() !== "") throw new BackupError(`The backup file is damaged: text after its closing line (line ${reader.lineNumber}).`);
      }

      await resetSequences(tx, header.tables);
      return { migration: header.migration, tables: summary, rows: total, sha256: digest };
    }),
  );
  if (older) {
    await migrateDatabase(handle);
    summary.upgradedTo = await databaseMigrationLevel(handle.db);
  }
  return summary;
}

/** A copy of the committed migrations up to `level`, for restoring a backup of an older version. */
export function migrationsUpTo(level: number): string {
  const source = defaultMigrationsFolder();
  const journal = JSON.parse(readFileSync(`${source}/meta/_journal.json`, "utf8")) as { entries: { tag: string }[] };
  const folder = mkdtempSync(path.join(tmpdir(), "insek-migrations-"));
  mkdirSync(path.join(folder, "meta"));
  const entries = journal.entries.slice(0, level);
  for (const entry of entries) copyFileSync(path.join(source, `${entry.tag}.sql`), path.join(folder, `${entry.tag}.sql`));
  writeFileSync(path.join(folder, "meta", "_journal.json"), JSON.stringify({ ...journal, entries }));
  return folder;
}

async function importTable(
  tx: Db,
  reader: LineReader,
  table: BackupTable | undefined,
  name: string,
  columns: string[],
  expectedRows: number,
  batchRows: number,
): Promise<number> {
  const columnList = columns.map(ident).join(", ");
  const statement = (json: string) =>
    sql`insert into ${sql.raw(ident(name))} (${sql.raw(columnList)}) overriding system value
        select ${sql.raw(columnList)} from json_populate_recordset(null::${sql.raw(ident(name))}, ${json}::json)`;
  let batch: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.execute(statement(`[${batch.join(",")}]`));
    batch = [];
    bytes = 0;
  };
  const add = async (line: string) => {
    batch.push(line);
    bytes += line.length;
    if (batch.length >= batchRows || bytes >= INSERT_BYTES) await flush();
  };

  // A row that refers to a row of its own table goes in after that row, at the latest in the same batch
  // (foreign keys are checked at the end of each INSERT, so within one batch the order does not matter).
  const selfRefs = table?.selfReferences ?? [];
  const seen = selfRefs.map(() => new Set<string>());
  const pending: { line: string; row: Record<string, unknown> }[] = [];
  const keyOf = (row: Record<string, unknown>, cols: string[]) => JSON.stringify(cols.map((c) => row[c] ?? null));
  const ready = (row: Record<string, unknown>) =>
    selfRefs.every((ref, i) => {
      if (ref.columns.every((c) => row[c] === null || row[c] === undefined)) return true;
      const key = keyOf(row, ref.columns);
      return key === keyOf(row, ref.foreignColumns) || seen[i]?.has(key) === true;
    });
  const accept = async (line: string, row: Record<string, unknown>) => {
    selfRefs.forEach((ref, i) => seen[i]?.add(keyOf(row, ref.foreignColumns)));
    await add(line);
  };

  const columnSet = new Set(columns);
  for (let i = 0; i < expectedRows; i++) {
    const line = await reader.next();
    if (line === undefined) throw new BackupError(`The backup file is truncated in table ${name}.`);
    reader.hashed(line);
    const row = parseLine(line, `line ${reader.lineNumber}`);
    if (!isObject(row) || Object.keys(row).some((k) => !columnSet.has(k))) {
      throw new BackupError(`The backup file is damaged: line ${reader.lineNumber} is not a row of table ${name}.`);
    }
    if (selfRefs.length === 0 || ready(row)) await accept(line, row);
    else pending.push({ line, row });
  }
  while (pending.length > 0) {
    const before = pending.length;
    for (let i = 0; i < pending.length; ) {
      const item = pending[i];
      if (item && ready(item.row)) {
        pending.splice(i, 1);
        await accept(item.line, item.row);
      } else {
        i++;
      }
    }
    if (pending.length === before) {
      throw new BackupError(`The backup file is damaged: ${pending.length} rows of table ${name} refer to rows that are not in it.`);
    }
  }
  await flush();
  return expectedRows;
}

/** Identity and serial columns continue after the highest restored id. */
async function resetSequences(tx: Db, tables: string[]): Promise<void> {
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    tx,
    sql`select table_name::text as table_name, column_name::text as column_name from information_schema.columns
        where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')
        order by table_name, column_name`,
  );
  for (const { table_name: table, column_name: column } of columns) {
    if (!tables.includes(table)) continue;
    const quoted = ident(table).replace(/'/g, "''");
    await tx.execute(
      sql.raw(
        `select setval(pg_get_serial_sequence('${quoted}', '${column.replace(/'/g, "''")}'),
                coalesce((select max(${ident(column)}) from ${ident(table)}), 0) + 1, false)`,
      ),
    );
  }
}
