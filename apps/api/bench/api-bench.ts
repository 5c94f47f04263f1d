/**
 * HTTP benchmark of the API (autocannon) against the production server (apps/api/dist/server.js): each
 * row as a share of a bare Fastify 5 app (bench/bare-fastify.mjs, the baseline) measured in the same run
 * (issue #18). PostgreSQL with the Saxony registry and 10 years of synthetic monthly history: the trivial
 * route, summary and districts anonymous, with a session cookie and with an API token, the list and the
 * detail signed in; the embedded default (PGlite, no DATABASE_URL, demo history): summary and districts;
 * and the write path (POST /api/municipalities/:ags/events) with a count of the stored rows against the
 * 2xx answers. Rows alternate in rounds (each round measures the baseline first). Prints the table and
 * writes its section of docs/benchmarks.md between the api-http markers. Exits non-zero only on errors;
 * a missed target is reported, not fatal.
 *
 * Run: `pnpm --filter @insek/api bench:api` (after `pnpm --filter @insek/api build`), or `pnpm bench`.
 * Environment: BENCH_PG_URL (admin connection, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DURATION (seconds per row and round, default 6), BENCH_ROUNDS (default 3), BENCH_CONNECTIONS
 * (default 50), BENCH_KEEP=1 (keep the database insek_bench afterwards), BENCH_ONLY=writes (skip the
 * read rows; prints, writes no docs), BENCH_ONLY=reads (skip the write path; prints, writes no docs),
 * BENCH_POOL_SIZE (the server's DATABASE_POOL_SIZE; default: the server's default of 10),
 * BENCH_SERVER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof": node options of the API servers),
 * BENCH_API_SERVER (another server build, e.g. of an earlier commit; printed only), BENCH_DOCS=0 (print only),
 * BENCH_ROWS (comma-separated row keys, e.g. "trivial,districts": only those rows and the baseline, for A/B runs;
 * printed only).
 */
import { migrateDatabase, openDatabase, queryRows, seedReferenceData } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { insertUser } from "../src/modules/accounts/accounts.repo.js";
import { createApiToken, createSession } from "../src/modules/accounts/auth.service.js";
import { DEFAULT_AUTH_SETTINGS } from "../src/lib/access.js";
import { SESSION_COOKIE } from "../src/lib/session-cookie.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import {
  type RunningServer,
  cpuMs,
  dropDatabase,
  freshDatabase,
  machine,
  postgresVersion,
  startApiServer,
  startBareServer,
  table,
  todayInSaxony,
  verdict,
  writeSection,
} from "./bench-lib.js";
import { loadSyntheticHistory } from "./synthetic-history.js";

const DB_NAME = "insek_bench";
const DURATION = Number(process.env.BENCH_DURATION ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = 2;
const WRITE_DURATION = 10;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const HISTORY_MONTHS = 120;
const SEED = 20_261_125;
const TARGETS = { writesPerSecond: 1000 };

/** Großenhain (Landkreis Meißen). */
const DETAIL_AGS = "14627060";

type Target = "bare" | "postgres" | "pglite";
type Reader = "anonymous" | "cookie" | "token";

interface Row {
  key: string;
  label: string;
  server: Target;
  reader: Reader;
  path: string;
  /** Issue #18: at least this share of the baseline's req/s, and (where given) p99 under this. */
  share?: number;
  p99Ms?: number;
}

const ROWS: Row[] = [
  { key: "bare", label: "bare Fastify 5, one route (the baseline)", server: "bare", reader: "anonymous", path: "/" },
  { key: "trivial", label: "GET /health/live (PostgreSQL)", server: "postgres", reader: "anonymous", path: "/health/live", share: 0.6 },
  { key: "summary", label: "GET /api/stats/summary, anonymous, PostgreSQL", server: "postgres", reader: "anonymous", path: "/api/stats/summary", share: 0.5, p99Ms: 10 },
  { key: "districts", label: "GET /api/stats/districts, anonymous, PostgreSQL", server: "postgres", reader: "anonymous", path: "/api/stats/districts", share: 0.5, p99Ms: 10 },
  { key: "summaryCookie", label: "GET /api/stats/summary, session cookie, PostgreSQL", server: "postgres", reader: "cookie", path: "/api/stats/summary", share: 0.4, p99Ms: 15 },
  { key: "districtsCookie", label: "GET /api/stats/districts, session cookie, PostgreSQL", server: "postgres", reader: "cookie", path: "/api/stats/districts", share: 0.4, p99Ms: 15 },
  { key: "summaryToken", label: "GET /api/stats/summary, API token, PostgreSQL", server: "postgres", reader: "token", path: "/api/stats/summary", share: 0.4, p99Ms: 15 },
  { key: "districtsToken", label: "GET /api/stats/districts, API token, PostgreSQL", server: "postgres", reader: "token", path: "/api/stats/districts", share: 0.4, p99Ms: 15 },
  { key: "list", label: "GET /api/municipalities?limit=50, session cookie, PostgreSQL", server: "postgres", reader: "cookie", path: "/api/municipalities?limit=50", share: 0.25 },
  { key: "detail", label: `GET /api/municipalities/${DETAIL_AGS}, session cookie, PostgreSQL`, server: "postgres", reader: "cookie", path: `/api/municipalities/${DETAIL_AGS}`, share: 0.25 },
  { key: "summaryPglite", label: "GET /api/stats/summary, embedded PGlite (no DATABASE_URL)", server: "pglite", reader: "anonymous", path: "/api/stats/summary", share: 0.4, p99Ms: 15 },
  { key: "districtsPglite", label: "GET /api/stats/districts, embedded PGlite (no DATABASE_URL)", server: "pglite", reader: "anonymous", path: "/api/stats/districts", share: 0.4, p99Ms: 15 },
];

interface Measured {
  label: string;
  /** CPU time of the API server process per 2xx answer, ms. */
  serverCpuMs: number;
  rps: number;
  p50: number;
  p99: number;
  ok: number;
  non2xx: number;
  errors: number;
}

function summarise(label: string, result: autocannon.Result, serverCpu: number): Measured {
  return {
    label,
    serverCpuMs: serverCpu / Math.max(1, result["2xx"]),
    rps: result["2xx"] / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result["2xx"],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function run(options: autocannon.Options): Promise<autocannon.Result> {
  return autocannon({ connections: CONNECTIONS, pipelining: 1, timeout: 30, ...options });
}

/**
 * Autocannon stops listening when its time is up, but the server still answers the requests in flight.
 * One more request through the same path queues behind them; a pause then lets the server go idle, so
 * that one route's leftovers never count against the next.
 */
async function settle(url: string, headers: Record<string, string> = {}): Promise<void> {
  await fetch(url, { headers, signal: AbortSignal.timeout(120_000) }).then((r) => r.arrayBuffer(), () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function measureRead(server: RunningServer, label: string, pathAndQuery: string, headers: Record<string, string>): Promise<Measured> {
  const url = `${server.baseUrl}${pathAndQuery}`;
  await run({ url, headers, duration: WARMUP });
  await settle(url, headers);
  const cpuBefore = cpuMs(server.pid);
  const result = await run({ url, headers, duration: DURATION });
  const m = summarise(label, result, cpuMs(server.pid) - cpuBefore);
  await settle(url, headers);
  console.info(
    `[bench] ${label}: ${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}, errors ${m.errors}, server CPU ${m.serverCpuMs.toFixed(2)} ms/req`,
  );
  return m;
}

// ---------------------------------------------------------------- write path

interface WriteSlot {
  ags: string;
  version: number;
  status: string | null;
  conceptKind: "INSEK" | "INGEKO";
  /** Alternate: a status change, then a confirmation, … */
  nextIsChange: boolean;
}

/** A status change that is valid today from `status` and back again (the record keeps cycling). */
function changeFrom(slot: WriteSlot, today: string): Record<string, unknown> {
  switch (slot.status) {
    case null:
    case "none":
      return { type: "status", status: "drafting", conceptKind: slot.conceptKind };
    case "drafting":
      return { type: "status", status: "none" };
    case "council_adopted":
    case "funding_eligible":
      return { type: "status", status: "updating", conceptKind: slot.conceptKind };
    case "updating":
      return { type: "status", status: "council_adopted", conceptKind: slot.conceptKind, councilResolutionDate: today };
    default:
      throw new Error(`unexpected status ${slot.status}`);
  }
}

async function writeSlots(url: string): Promise<WriteSlot[]> {
  const database = await openDatabase({ url });
  try {
    const rows = await queryRows<{ ags: string; version: number; status: string | null; concept_kind: string | null }>(
      database.db,
      sql`select m.ags, m.record_version as version, st.status, ck.concept_kind
          from municipalities m
          left join lateral (select e.status from status_events e where e.ags = m.ags and e.type = 'status'
                             order by e.effective_date desc, e.id desc limit 1) st on true
          left join lateral (select e.concept_kind from status_events e where e.ags = m.ags and e.concept_kind is not null
                             order by e.effective_date desc, e.id desc limit 1) ck on true
          where m.valid_to is null
          order by m.ags`,
    );
    return rows.map((r) => ({
      ags: r.ags,
      version: Number(r.version),
      status: r.status,
      conceptKind: r.concept_kind === "INGEKO" ? "INGEKO" : "INSEK",
      nextIsChange: true,
    }));
  } finally {
    await database.close();
  }
}

async function countEvents(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*)::text as n from status_events");
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

async function countIds(url: string, ids: number[]): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("select count(*)::text as n from status_events where id = any($1::bigint[])", [ids]);
    return Number(rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

interface WriteOutcome extends Measured {
  /** CPU time of the PostgreSQL backends of the server's pool per 2xx answer, ms (backends that existed before the run). */
  dbCpuMs: number;
  dbBackends: number;
  created: number;
  /** Event ids of the 201 answers that autocannon received. */
  acknowledged: number;
  /** … of which found in status_events after the run. */
  found: number;
  rowsAdded: number;
  byStatus: Record<string, number>;
  changes: number;
  confirmations: number;
}

/**
 * 50 connections, each request on a municipality no other request in flight touches, with the record
 * version it builds on in If-Match: every request is a valid event (a 201 is expected for each).
 */
/** PostgreSQL backends connected to the bench database (the server's pool), to read their CPU time. */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

const sumCpu = (pids: number[]) => pids.reduce((sum, pid) => sum + (Number.isNaN(cpuMs(pid)) ? 0 : cpuMs(pid)), 0);

async function measureWrites(server: RunningServer, url: string, token: string, duration: number): Promise<WriteOutcome> {
  const { baseUrl } = server;
  const slots = await writeSlots(url);
  const free = [...slots];
  const today = todayInSaxony();
  const bySlot = new Map(slots.map((s) => [s.ags, s]));
  let changes = 0;
  let confirmations = 0;
  const acknowledgedIds: number[] = [];
  const headersBase = { authorization: `Bearer ${token}`, "content-type": "application/json" };

  const request: autocannon.Request = {
    method: "POST",
    setupRequest: (req, context) => {
      const slot = free.shift();
      if (!slot) throw new Error("more connections than municipalities");
      (context as { ags?: string }).ags = slot.ags;
      const body = slot.nextIsChange ? changeFrom(slot, today) : { type: "confirmation", note: "bench" };
      return {
        ...req,
        path: `/api/municipalities/${slot.ags}/events`,
        headers: { ...headersBase, "if-match": `"${slot.version}"` },
        body: JSON.stringify(body),
      };
    },
    onResponse: (status, body, context) => {
      const slot = bySlot.get((context as { ags?: string }).ags ?? "");
      if (!slot) return;
      if (status === 201) {
        const created = JSON.parse(body) as { version: number; event: { id: number; type: string; status: string | null } };
        slot.version = created.version;
        acknowledgedIds.push(created.event.id);
        if (created.event.type === "status") {
          slot.status = created.event.status;
          changes += 1;
        } else {
          confirmations += 1;
        }
        slot.nextIsChange = !slot.nextIsChange;
      } else if (status === 412) {
        const current = JSON.parse(body) as { current?: { version?: number } };
        if (typeof current.current?.version === "number") slot.version = current.current.version;
      } else if (process.env.BENCH_VERBOSE) {
        console.warn(`[bench] write ${slot.ags}: ${status} ${body.slice(0, 300)}`);
      }
      free.push(slot);
    },
  };

  const before = await countEvents(url);
  const pids = await backendPids(url);
  const cpuBefore = cpuMs(server.pid);
  const dbCpuBefore = sumCpu(pids);
  const result = await run({ url: baseUrl, duration, requests: [request] });
  const serverCpu = cpuMs(server.pid) - cpuBefore;
  const dbCpu = sumCpu(pids) - dbCpuBefore;
  // Requests still in flight when autocannon stops are answered (and stored) after it stopped counting.
  await settle(`${baseUrl}/api/municipalities/${DETAIL_AGS}`);
  const after = await countEvents(url);
  const found = await countIds(url, acknowledgedIds);
  const byStatus = Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, v]) => [code, Number((v as { count: number }).count)]));
  const m = summarise(`POST /api/municipalities/:ags/events`, result, serverCpu);
  return { ...m, dbCpuMs: dbCpu / Math.max(1, result["2xx"]), dbBackends: pids.length, created: byStatus["201"] ?? 0, acknowledged: acknowledgedIds.length, found, rowsAdded: after - before, byStatus, changes, confirmations };
}

// ---------------------------------------------------------------- main

async function prepare(url: string): Promise<{ token: string; cookie: string; events: number; loadSeconds: number }> {
  const database = await openDatabase({ url });
  let token: string;
  let cookie: string;
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db, saxonyReferenceData);
    // The public dashboard: anonymous visitors may read (the realistic surge of public traffic).
    await writePublicAccess(database.db, true, new Date());
    const user = await insertUser(database.db, {
      email: "bench-smr@bench.example",
      displayName: "Bench SMR",
      role: "smr",
      admin: false,
      passwordHash: null,
    });
    token = (await createApiToken(database.db, user.id, { name: "bench", expiresInDays: 1 }, new Date())).token;
    // A browser session as a login makes it (12 hours absolute, 30 minutes idle: longer than the run).
    const session = await createSession(database.db, user.id, new Date(), DEFAULT_AUTH_SETTINGS);
    cookie = `${SESSION_COOKIE}=${session.token}`;
  } finally {
    await database.close();
  }
  const started = performance.now();
  const events = await loadSyntheticHistory(url, { months: HISTORY_MONTHS, today: todayInSaxony(), now: new Date(), seed: SEED });
  return { token, cookie, events, loadSeconds: (performance.now() - started) / 1000 };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const cpu = (ms: number) => (Number.isNaN(ms) ? "–" : `${ms.toFixed(2)} ms`);
const pct = (share: number) => `${Math.round(share * 100)} %`;

interface RowResult {
  row: Row;
  rounds: Measured[];
  /** Share of the baseline's req/s measured in the same round, per round. */
  shares: number[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function summaryOf(r: RowResult) {
  const n = r.rounds.length;
  // Medians over the rounds: one round disturbed by the shared machine (a burst of another process, a GC
  // of the load generator) moves neither figure; with two rounds the median is their mean.
  const rps = median(r.rounds.map((m) => m.rps));
  const share = median(r.shares);
  const p99 = Math.max(...r.rounds.map((m) => m.p99));
  const p50 = Math.max(...r.rounds.map((m) => m.p50));
  const cpuPerRequest = r.rounds.reduce((sum, m) => sum + m.serverCpuMs, 0) / n;
  const non2xx = r.rounds.reduce((sum, m) => sum + m.non2xx, 0);
  const errors = r.rounds.reduce((sum, m) => sum + m.errors, 0);
  const ok =
    r.row.share === undefined
      ? undefined
      : share >= r.row.share && (r.row.p99Ms === undefined || p99 < r.row.p99Ms) && non2xx === 0 && errors === 0;
  return { rps, share, p50, p99, cpuPerRequest, non2xx, errors, ok };
}

function targetText(row: Row): string {
  if (row.share === undefined) return "–";
  return `≥ ${pct(row.share)}${row.p99Ms === undefined ? "" : `, p99 < ${row.p99Ms} ms`}`;
}

async function main(): Promise<void> {
  const benchStarted = performance.now();
  const pgVersion = await postgresVersion();
  const mach = machine(pgVersion);
  const url = await freshDatabase(DB_NAME);
  const pgliteDir = mkdtempSync(path.join(tmpdir(), "insek-bench-pglite-"));
  try {
    const { token, cookie, events, loadSeconds } = await prepare(url);
    console.info(`[bench] ${DB_NAME}: Saxony registry + ${fmt(events)} synthetic events (${HISTORY_MONTHS} months) in ${loadSeconds.toFixed(1)} s`);
    const onlyWrites = process.env.BENCH_ONLY === "writes";
    const bare = onlyWrites ? undefined : await startBareServer();
    const postgres = await startApiServer({
      DATABASE_URL: url,
      ...(process.env.BENCH_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE } : {}),
    });
    // The embedded default: no DATABASE_URL, a fresh DATA_DIR, the demo history (not in production mode,
    // which never seeds made-up history; the same log level as the PostgreSQL server).
    const pglite = onlyWrites ? undefined : await startApiServer({ NODE_ENV: "development", DATA_DIR: pgliteDir, LOG_LEVEL: "warn" });
    const servers: Record<Target, RunningServer | undefined> = { bare, postgres, pglite };
    const headersOf: Record<Reader, Record<string, string>> = {
      anonymous: {},
      cookie: { cookie },
      token: { authorization: `Bearer ${token}` },
    };
    const only = process.env.BENCH_ROWS?.split(",").map((k) => k.trim());
    const results: RowResult[] = ROWS.filter((row) => only === undefined || row.key === "bare" || only.includes(row.key)).map((row) => ({
      row,
      rounds: [],
      shares: [],
    }));
    let writes: WriteOutcome | undefined;
    try {
      if (!onlyWrites) {
        for (let round = 1; round <= ROUNDS; round++) {
          console.info(`[bench] round ${round} of ${ROUNDS}`);
          let baseline = Number.NaN;
          for (const result of results) {
            const server = servers[result.row.server];
            if (!server) throw new Error(`no server for ${result.row.key}`);
            const m = await measureRead(server, result.row.label, result.row.path, headersOf[result.row.reader]);
            if (result.row.key === "bare") baseline = m.rps;
            result.rounds.push(m);
            result.shares.push(m.rps / baseline);
          }
        }
      }
      if (process.env.BENCH_ONLY !== "reads") {
        // Warm-up of the write path (its events count like the rest; they are not in the figures).
        await measureWrites(postgres, url, token, WARMUP);
        writes = await measureWrites(postgres, url, token, WRITE_DURATION);
        console.info(
          `[bench] writes: ${Math.round(writes.rps)} events/s, p50 ${writes.p50} ms, p99 ${writes.p99} ms; 201: ${writes.created}, rows added: ${writes.rowsAdded}, acknowledged ids found ${writes.found}/${writes.acknowledged}, answers ${JSON.stringify(writes.byStatus)}; CPU per write: server ${writes.serverCpuMs.toFixed(2)} ms, PostgreSQL ${writes.dbCpuMs.toFixed(2)} ms (${writes.dbBackends} backends)`,
        );
      }
    } finally {
      await Promise.all([bare?.stop(), postgres.stop(), pglite?.stop()]);
    }

    const rows = results.map((r) => {
      const s = summaryOf(r);
      return [
        r.row.key === "bare" ? `**${r.row.label}**` : r.row.label,
        fmt(s.rps),
        r.row.key === "bare" ? "100 %" : pct(s.share),
        `${s.p50} ms`,
        `${s.p99} ms`,
        cpu(s.cpuPerRequest),
        `${s.non2xx}/${s.errors}`,
        targetText(r.row),
        s.ok === undefined ? "–" : verdict(s.ok),
      ];
    });
    const head = ["What", "req/s (2xx)", "share of the baseline", "p50", "p99", "API CPU/request", "non-2xx/errors", "Target", "Result"];
    // Lost: an acknowledged event not in the table, or fewer rows added than 201 answers counted.
    let writeText = "";
    if (writes) {
      const lost = Math.max(writes.acknowledged - writes.found, writes.created - writes.rowsAdded, 0);
      const late = writes.rowsAdded - writes.created;
      const writeOk = writes.rps >= TARGETS.writesPerSecond && lost === 0 && writes.non2xx === 0 && writes.errors === 0;
      const bareRps = results[0] ? summaryOf(results[0]).rps : Number.NaN;
      rows.push([
        "POST /api/municipalities/:ags/events (API token, PostgreSQL)",
        fmt(writes.rps),
        Number.isNaN(bareRps) ? "–" : pct(writes.rps / bareRps),
        `${writes.p50} ms`,
        `${writes.p99} ms`,
        `${cpu(writes.serverCpuMs)} (+ ${cpu(writes.dbCpuMs)} PostgreSQL)`,
        `${writes.non2xx}/${writes.errors}`,
        `≥ ${fmt(TARGETS.writesPerSecond)} events/s, none lost`,
        verdict(writeOk),
      ]);
      writeText = `Write path: autocannon counted ${fmt(writes.created)} answers 201 in ${WRITE_DURATION} s (${fmt(writes.changes)} status changes, ${fmt(writes.confirmations)} confirmations; all answers: ${Object.entries(writes.byStatus).map(([code, n]) => `${code}: ${fmt(n)}`).join(", ")}). Afterwards ${fmt(writes.found)} of the ${fmt(writes.acknowledged)} acknowledged event ids are in \`status_events\`, and the table grew by ${fmt(writes.rowsAdded)} rows${late > 0 ? ` (${fmt(late)} more than counted: requests in flight when autocannon stopped, answered after it stopped counting; at most one per connection)` : ""}: **${lost === 0 ? "none lost" : `${fmt(lost)} lost`}**.`;
    }
    const printed = table(head, rows);
    const totalSeconds = (performance.now() - benchStarted) / 1000;
    console.info(`\n${mach.date} — ${mach.description}\n\n${printed}\n\n[bench] api-http took ${Math.round(totalSeconds)} s`);

    // A partial run (BENCH_ONLY), another build (BENCH_API_SERVER) or BENCH_DOCS=0: printed, not written to the docs.
    if (process.env.BENCH_ONLY || process.env.BENCH_ROWS || process.env.BENCH_API_SERVER || process.env.BENCH_DOCS === "0") return;
    const section = `
## API: HTTP throughput and latency (\`apps/api/bench/api-bench.ts\`)

Targets (issues #7 and #18), each as a share of the req/s of a bare Fastify 5 app measured in the same run (\`apps/api/bench/bare-fastify.mjs\`: one route answering \`{"status":"ok"}\`, no plugins, logger off): the server's own trivial route at least 60 %; summary and districts anonymous on PostgreSQL at least 50 % with p99 under 10 ms; the same signed in (session cookie, API token) at least 40 % with p99 under 15 ms; the list (50 rows) and the municipality detail signed in at least 25 %; the embedded default (PGlite) summary and districts at least 40 % with p99 under 15 ms; the write path ${fmt(TARGETS.writesPerSecond)} status events per second with none lost.

Last run: ${mach.date} — ${mach.description}; ${ROUNDS} rounds, ${Math.round(totalSeconds)} s in all.

${printed}

${writeText}

### Method

- Baseline: \`bare-fastify.mjs\` as its own process, like the API servers. Rows run in rounds, each round in the order of the table with the baseline first; "share of the baseline" is the row's req/s divided by the baseline's of the same round, the median over the rounds; req/s is the median of the rounds, p50 and p99 the worst round's.
- PostgreSQL: a fresh database \`${DB_NAME}\` (dropped afterwards), migrated and seeded with the shipped Saxony registry, public access switched on (anonymous reads, as for the public dashboard), plus ${fmt(events)} synthetic events: one per month and municipality over ${HISTORY_MONTHS} months (a confirmation, or in about 10 % of months a status change along the allowed transitions), deterministic (seed ${SEED}), inserted with multi-row \`INSERT … SELECT * FROM unnest(…)\` (\`apps/api/bench/synthetic-history.ts\`), then \`ANALYZE\`. One smr account with a browser session (made as a login makes it; sent as the \`${SESSION_COOKIE}\` cookie) and an API token (Bearer).
- Server: the production build \`apps/api/dist/server.js\` as a child process with \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, \`DATABASE_URL\` (default pool of 10 connections), on 127.0.0.1. The embedded default: the same build without \`DATABASE_URL\`, a fresh \`DATA_DIR\` (PGlite) with the demo history, \`NODE_ENV=development\` (production never seeds made-up history), \`LOG_LEVEL=warn\`. Load generator: autocannon in the bench process on the same machine (it shares the cores with the servers and PostgreSQL).
- Each row and round: ${WARMUP} s warm-up (not counted), then ${DURATION} s with ${CONNECTIONS} connections, no pipelining. req/s counts 2xx answers per second.
- "API CPU/request": CPU time (user + system, from \`/proc\`) the server process used during the measured seconds, divided by the 2xx answers; for the write path also the CPU of the PostgreSQL backends of the server's pool. It hardly depends on what else runs on the machine, so it shows what a request costs.
- Write path: the smr account's API token. Each connection's next request goes to a municipality no other request in flight touches, with \`If-Match\` naming its current record version; the body alternates a status change valid today and a confirmation. After the run (and after the requests still in flight have been answered) the rows in \`status_events\` are counted and compared with the 201 answers autocannon counted, and the id of every event acknowledged with 201 is looked up in the table; an event counts as lost when it is missing or when fewer rows were added than 201s counted. A ${WARMUP} s write warm-up before is not counted.
- Re-run: \`pnpm bench\` (root; all benchmarks) or \`pnpm --filter @insek/api bench:api\` after a build (this table only; it prints the table too). \`BENCH_DURATION\`, \`BENCH_ROUNDS\` and \`BENCH_CONNECTIONS\` override ${DURATION} s, ${ROUNDS} rounds and ${CONNECTIONS} connections.
`;
    writeSection("api-http", section);
    console.info(`[bench] written to docs/benchmarks.md (api-http)`);
  } finally {
    rmSync(pgliteDir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP !== "1") await dropDatabase(DB_NAME);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
