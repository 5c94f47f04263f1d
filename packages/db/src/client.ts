import { PGlite } from "@electric-sql/pglite";
import { createHash } from "node:crypto";
import { type SQL } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import pg from "pg";
import { type DataDirReport, secureDataDir } from "./data-dir.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** A database or a transaction: repos take this so that they run inside a caller's transaction too. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export type DatabaseKind = "pglite" | "postgres";

export interface DatabaseHandle {
  kind: DatabaseKind;
  db: Db;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /** Runs `fn` while holding an exclusive, cross-process lock (used around migrations and seeding). */
  withLock<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * The embedded database only (one process by design): calls `onChange` whenever a transaction that
   * raised the data generation commits, before that commit's caller goes on (migration 0018). Returns
   * the function that stops it. Absent on PostgreSQL, where other processes write too.
   */
  watchDataGeneration?: (onChange: () => void) => Promise<() => Promise<void>>;
  /**
   * PostgreSQL only: the data generation now (as `queryDataGeneration` of the API reads it), on a
   * connection of its own outside the pool, as a prepared statement (decision 0026). Every read request
   * asks for it, so its cost per query counts: no pool checkout, no parse and plan in PostgreSQL.
   */
  readDataGeneration?: () => Promise<string>;
}

/** The notification channel of data_generation_bump() (migration 0018). */
export const DATA_GENERATION_CHANNEL = "insek_data_generation";

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  url?: string | undefined;
  /** PGlite data folder; absent = in memory. Ignored with `url`. */
  dataDir?: string | undefined;
  /** Maximum pool size for PostgreSQL. */
  poolSize?: number | undefined;
  /**
   * Told when the PGlite folder (or something in it) was open to other users before this open and has
   * been restricted to the owner (see secureDataDir).
   */
  onTightened?: ((report: DataDirReport) => void) | undefined;
}

const MIGRATION_LOCK_KEY = 7_314_2026;

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  return options.url ? openPostgres(options.url, options.poolSize ?? 10) : await openPglite(options.dataDir, options.onTightened);
}

/**
 * Opens PGlite in memory or in `dataDir`. A folder is kept the owner's alone (700/600) before, right after
 * the open and at close: it holds password hashes and the whole history.
 */
export async function openPglite(dataDir?: string, onTightened?: (report: DataDirReport) => void): Promise<DatabaseHandle> {
  if (dataDir === undefined) return wrapPglite(await PGlite.create());
  const before = secureDataDir(dataDir);
  if (before.tightened > 0) onTightened?.(before);
  const client = await PGlite.create(dataDir);
  const handle = wrapPglite(client);
  try {
    secureDataDir(dataDir);
  } catch (error) {
    await client.close();
    throw error;
  }
  return {
    ...handle,
    close: async () => {
      await handle.close();
      secureDataDir(dataDir);
    },
  };
}

export function wrapPglite(client: PGlite): DatabaseHandle {
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    kind: "pglite",
    db,
    ping: async () => {
      await client.query("select 1");
    },
    // PGlite is single-connection and in-process: its own queue serialises everything.
    withLock: (fn) => fn(),
    close: () => client.close(),
    watchDataGeneration: async (onChange) => {
      // One connection: a session setting holds for every later statement of this process.
      await client.exec("set insek.notify_generation = 'on'");
      return client.listen(DATA_GENERATION_CHANNEL, () => onChange());
    },
  };
}

function openPostgres(url: string, poolSize: number): DatabaseHandle {
  // A bounded wait for a connection: while the database is away, requests fail fast with 503 instead of
  // queueing without limit. No statement timeout: exports and backups legitimately run long.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: 10_000 });
  // An idle client that loses its connection (database restart) must not crash the process.
  pool.on("error", () => undefined);
  // Nor may a checked-out one: pg-pool listens for errors on idle clients only, and a connection that
  // dies between two statements of a transaction emits 'error' with nobody listening. The statement
  // that uses the client next fails instead (and the request gets a 503, see isDatabaseUnavailable).
  pool.on("connect", (client) => {
    client.on("error", () => undefined);
  });
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const generation = dataGenerationConnection(url);
  return {
    kind: "postgres",
    db,
    readDataGeneration: generation.read,
    ping: async () => {
      await pool.query("select 1");
    },
    withLock: async (fn) => {
      // A connection of its own, outside the pool, so that `fn` can use every pooled connection.
      const lockClient = new pg.Client({ connectionString: url });
      await lockClient.connect();
      try {
        await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
        return await fn();
      } finally {
        await lockClient.end().catch(() => undefined);
      }
    },
    close: async () => {
      await generation.close();
      await pool.end();
    },
  };
}

/** The statement of table data_generation's sum (migration 0006); the API's data-generation.repo.ts reads the same. */
const DATA_GENERATION_QUERY = "select coalesce(sum(value), 0)::text from data_generation";

/**
 * One connection for the data generation query, opened on first use and again after it was lost (the
 * query that found it lost fails; the API answers 503 as for any unreachable database). One is enough: the
 * API's readers (lib/data-generation.ts) share it, one query after the other.
 */
function dataGenerationConnection(url: string): { read: () => Promise<string>; close: () => Promise<void> } {
  let connection: Promise<pg.Client> | undefined;
  let closed = false;
  const drop = (lost: Promise<pg.Client>) => {
    if (connection !== lost) return;
    connection = undefined;
    lost.then((client) => client.end()).catch(() => undefined);
  };
  const open = (): Promise<pg.Client> => {
    // The pool's bound on connecting: while the database is away, reads fail fast with 503.
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
    const opening = client.connect().then(() => client);
    client.on("error", () => drop(opening));
    client.on("end", () => drop(opening));
    opening.catch(() => drop(opening));
    return opening;
  };
  const readOnce = async (): Promise<string> => {
    if (closed) throw new Error("Connection terminated: the database handle is closed");
    const current = (connection ??= open());
    try {
      const client = await current;
      const result = await client.query<[string]>({ name: "insek_data_generation", text: DATA_GENERATION_QUERY, rowMode: "array" });
      return String(result.rows[0]?.[0] ?? "0");
    } catch (error) {
      drop(current);
      throw error;
    }
  };
  // One query at a time on the connection: the read cache and the credential cache each send theirs, and
  // pg deprecates (and pg 9 refuses) a query on a client that is still executing one. A read queued behind
  // another starts after it, so it still sees every write committed before it was asked for.
  let tail: Promise<unknown> = Promise.resolve();
  return {
    read: () => {
      const run = tail.then(readOnce, readOnce);
      tail = run.catch(() => undefined);
      return run;
    },
    close: async () => {
      closed = true;
      const current = connection;
      connection = undefined;
      if (current) await current.then((client) => client.end()).catch(() => undefined);
    },
  };
}

const CONNECTION_ERROR_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// SQLSTATE: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections (class 08 below).
const UNAVAILABLE_SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_LOST = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Connection refused/i;

/**
 * Whether an error (or its cause, as drizzle wraps driver errors) means the database could not be
 * reached or went away: a restart, a network failure. Such a request should get 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) return true;
    if (CONNECTION_LOST.test(current.message)) return true;
    // AggregateError of a failed connect to several addresses (localhost: ::1 and 127.0.0.1).
    if (current instanceof AggregateError && current.errors.some((e) => isDatabaseUnavailable(e))) return true;
  }
  return false;
}

/** Runs a raw statement and returns its rows; both drivers answer with `{ rows }`. */
export async function queryRows<T>(db: Db, statement: SQL): Promise<T[]> {
  const result: unknown = await db.execute(statement);
  return (result as { rows: T[] }).rows;
}

const dialect = new PgDialect();
/** Statement text → its name; the prepared statements come in a few dozen shapes. */
const statementNames = new Map<string, string>();

/**
 * `queryRows` as a named (prepared) statement: PostgreSQL parses it once per connection and, after a
 * few executions, keeps a generic plan, instead of parsing and planning it on every call (planning the
 * record-on-date statement of the write path cost ~1.7 ms, several times its execution; the
 * statistics statements take ~10 ms to plan). The name derives from the text, so one name never
 * stands for two texts; only the first 200 texts are remembered (the rest are hashed again). PGlite
 * ignores the name.
 */
export async function queryPrepared<T>(db: Db, statement: SQL): Promise<T[]> {
  const query = dialect.sqlToQuery(statement);
  let name = statementNames.get(query.sql);
  if (name === undefined) {
    name = `insek_${createHash("sha256").update(query.sql).digest("hex").slice(0, 24)}`;
    if (statementNames.size < 200) statementNames.set(query.sql, name);
  }
  // drizzle has no public way to run raw SQL under a name; its session does (typed, undocumented).
  // test/query-prepared.test.ts fails if a drizzle upgrade changes that route.
  const result = (await db._.session.prepareQuery(query, undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}
