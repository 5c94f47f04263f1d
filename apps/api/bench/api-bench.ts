/**
 * HTTP benchmark of the API (autocannon) against the production server (apps/api/dist/server.js) on
 * PostgreSQL, with the Saxony registry and 10 years of synthetic monthly history: read routes compared
 * with a trivial route of the same server, and the write path (POST /api/municipalities/:ags/events)
 * with a count of the stored rows against the 2xx answers. Writes its section of docs/benchmarks.md
 * between the api-http markers. Exits non-zero only on errors; a missed target is reported, not fatal.
 *
 * Run: `pnpm --filter @insek/api bench:api` (after `pnpm --filter @insek/api build`), or `pnpm bench`.
 * Environment: BENCH_PG_URL (admin connection, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_DURATION (seconds per route, default 10), BENCH_CONNECTIONS (default 50), BENCH_KEEP=1 (keep the
 * database insek_bench afterwards), BENCH_ONLY=writes (skip the read routes; prints, writes no docs),
 * BENCH_POOL_SIZE (the server's DATABASE_POOL_SIZE; default: the server's default of 10).
 */
import { migrateDatabase, openDatabase, queryRows, seedReferenceData } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import { insertUser } from "../src/modules/accounts/accounts.repo.js";
import { createApiToken } from "../src/modules/accounts/auth.service.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import {
  type RunningServer,
  cpuMs,
  dropDatabase,
  freshDatabase,
  machine,
  postgresVersion,
  startApiServer,
  table,
  todayInSaxony,
  verdict,
  writeSection,
} from "./bench-lib.js";
import { loadSyntheticHistory } from "./synthetic-history.js";

const DB_NAME = "insek_bench";
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const WARMUP = 3;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const HISTORY_MONTHS = 120;
const SEED = 20_261_125;
const TARGETS = { readRatio: 0.5, readP99Ms: 25, writesPerSecond: 1000 };

/** Großenhain (Landkreis Meißen). */
const DETAIL_AGS = "14627060";

interface Route {
  key: string;
  label: string;
  path: string;
  /** Summary and districts: the throughput and p99 targets apply. */
  target?: boolean;
}

const ROUTES: Route[] = [
  { key: "trivial", label: "GET /health/live (trivial)", path: "/health/live" },
  { key: "summary", label: "GET /api/stats/summary", path: "/api/stats/summary", target: true },
  { key: "districts", label: "GET /api/stats/districts", path: "/api/stats/districts", target: true },
  { key: "timeline", label: "GET /api/stats/timeline", path: "/api/stats/timeline" },
  {
    key: "list",
    label: "GET /api/municipalities (filters)",
    path: "/api/municipalities?district=14627&status=council_adopted&current=true&sort=name&limit=50",
  },
  { key: "detail", label: `GET /api/municipalities/${DETAIL_AGS}`, path: `/api/municipalities/${DETAIL_AGS}` },
  { key: "geo", label: "GET /api/geo/saxony", path: "/api/geo/saxony" },
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
async function settle(url: string): Promise<void> {
  await fetch(url, { signal: AbortSignal.timeout(120_000) }).then((r) => r.arrayBuffer(), () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 500));
}

async function measureRead(server: RunningServer, route: Route): Promise<Measured> {
  const { baseUrl } = server;
  await run({ url: `${baseUrl}${route.path}`, duration: WARMUP });
  await settle(`${baseUrl}${route.path}`);
  const cpuBefore = cpuMs(server.pid);
  const result = await run({ url: `${baseUrl}${route.path}`, duration: DURATION });
  const m = summarise(route.label, result, cpuMs(server.pid) - cpuBefore);
  await settle(`${baseUrl}${route.path}`);
  console.info(
    `[bench] ${route.label}: ${Math.round(m.rps)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms, non-2xx ${m.non2xx}, errors ${m.errors}, server CPU ${m.serverCpuMs.toFixed(2)} ms/req`,
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

async function prepare(url: string): Promise<{ token: string; events: number; loadSeconds: number }> {
  const database = await openDatabase({ url });
  let token: string;
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
  } finally {
    await database.close();
  }
  const started = performance.now();
  const events = await loadSyntheticHistory(url, { months: HISTORY_MONTHS, today: todayInSaxony(), now: new Date(), seed: SEED });
  return { token, events, loadSeconds: (performance.now() - started) / 1000 };
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const cpu = (ms: number) => (Number.isNaN(ms) ? "–" : `${ms.toFixed(2)} ms`);

async function main(): Promise<void> {
  const pgVersion = await postgresVersion();
  const mach = machine(pgVersion);
  const url = await freshDatabase(DB_NAME);
  try {
    const { token, events, loadSeconds } = await prepare(url);
    console.info(`[bench] ${DB_NAME}: Saxony registry + ${fmt(events)} synthetic events (${HISTORY_MONTHS} months) in ${loadSeconds.toFixed(1)} s`);
    const server = await startApiServer({
      DATABASE_URL: url,
      ...(process.env.BENCH_POOL_SIZE ? { DATABASE_POOL_SIZE: process.env.BENCH_POOL_SIZE } : {}),
    });
    const reads: Record<string, Measured> = {};
    let writes: WriteOutcome;
    try {
      for (const route of ROUTES) {
        if (process.env.BENCH_ONLY !== "writes" || route.key === "trivial") reads[route.key] = await measureRead(server, route);
      }
      // Warm-up of the write path (its events count like the rest; they are not in the figures).
      await measureWrites(server, url, token, WARMUP);
      writes = await measureWrites(server, url, token, DURATION);
      console.info(
        `[bench] writes: ${Math.round(writes.rps)} events/s, p50 ${writes.p50} ms, p99 ${writes.p99} ms; 201: ${writes.created}, rows added: ${writes.rowsAdded}, acknowledged ids found ${writes.found}/${writes.acknowledged}, answers ${JSON.stringify(writes.byStatus)}; CPU per write: server ${writes.serverCpuMs.toFixed(2)} ms, PostgreSQL ${writes.dbCpuMs.toFixed(2)} ms (${writes.dbBackends} backends)`,
      );
    } finally {
      await server.stop();
    }

    // A partial run (BENCH_ONLY) is for investigation: printed, not written to the docs.
    if (process.env.BENCH_ONLY) return;
    const trivial = reads.trivial;
    if (!trivial) throw new Error("no trivial measurement");
    const rows = ROUTES.map((route) => {
      const m = reads[route.key];
      if (!m) throw new Error(`no measurement for ${route.key}`);
      const ratio = m.rps / trivial.rps;
      const result = route.target
        ? verdict(ratio >= TARGETS.readRatio && m.p99 < TARGETS.readP99Ms && m.non2xx === 0 && m.errors === 0)
        : "–";
      return [
        `\`${route.label}\``,
        fmt(m.rps),
        `${m.p50} ms`,
        `${m.p99} ms`,
        route.key === "trivial" ? "1.00" : ratio.toFixed(2),
        cpu(m.serverCpuMs),
        `${m.non2xx}/${m.errors}`,
        result,
      ];
    });
    // Lost: an acknowledged event not in the table, or fewer rows added than 201 answers counted.
    const lost = Math.max(writes.acknowledged - writes.found, writes.created - writes.rowsAdded, 0);
    const late = writes.rowsAdded - writes.created;
    const writeOk = writes.rps >= TARGETS.writesPerSecond && lost === 0 && writes.non2xx === 0 && writes.errors === 0;
    rows.push([
      "`POST /api/municipalities/:ags/events`",
      fmt(writes.rps),
      `${writes.p50} ms`,
      `${writes.p99} ms`,
      (writes.rps / trivial.rps).toFixed(2),
      `${cpu(writes.serverCpuMs)} (+ ${cpu(writes.dbCpuMs)} PostgreSQL)`,
      `${writes.non2xx}/${writes.errors}`,
      verdict(writeOk),
    ]);
    const section = `
## API: HTTP throughput and latency (\`apps/api/bench/api-bench.ts\`)

Targets (issue #7): at ${CONNECTIONS} connections with the Saxony data and 10 years of history, \`/api/stats/summary\` and \`/api/stats/districts\` reach at least ${TARGETS.readRatio} × the trivial route's throughput with p99 under ${TARGETS.readP99Ms} ms; the write path sustains ${fmt(TARGETS.writesPerSecond)} status events per second with none lost.

Last run: ${mach.date} — ${mach.description}.

${table(["Route", "req/s (2xx)", "p50", "p99", "× trivial", "API CPU/request", "non-2xx/errors", "Result"], rows)}

Write path: autocannon counted ${fmt(writes.created)} answers 201 in ${DURATION} s (${fmt(writes.changes)} status changes, ${fmt(writes.confirmations)} confirmations; all answers: ${Object.entries(writes.byStatus).map(([code, n]) => `${code}: ${fmt(n)}`).join(", ")}). Afterwards ${fmt(writes.found)} of the ${fmt(writes.acknowledged)} acknowledged event ids are in \`status_events\`, and the table grew by ${fmt(writes.rowsAdded)} rows${late > 0 ? ` (${fmt(late)} more than counted: requests in flight when autocannon stopped, answered after it stopped counting; at most one per connection)` : ""}: **${lost === 0 ? "none lost" : `${fmt(lost)} lost`}**.

### Method

- Database: a fresh PostgreSQL database \`${DB_NAME}\` (dropped afterwards), migrated and seeded with the shipped Saxony registry, public access switched on (anonymous reads, as for the public dashboard), plus ${fmt(events)} synthetic events: one per month and municipality over ${HISTORY_MONTHS} months (a confirmation, or in about 10 % of months a status change along the allowed transitions), deterministic (seed ${SEED}), inserted with multi-row \`INSERT … SELECT * FROM unnest(…)\` (\`apps/api/bench/synthetic-history.ts\`), each municipality's \`record_version\` set to its last version, then \`ANALYZE\`.
- Server: the production build \`apps/api/dist/server.js\` as a child process with \`NODE_ENV=production\`, \`LOG_LEVEL=warn\`, \`DATABASE_URL\` (default pool of 10 connections), on 127.0.0.1. Load generator: autocannon in the bench process on the same machine (it shares the ${mach.description.split(", ")[1] ?? "cores"} with the server and PostgreSQL).
- Each route: ${WARMUP} s warm-up (not counted), then ${DURATION} s with ${CONNECTIONS} connections, no pipelining. req/s counts 2xx answers per second; p50/p99 from autocannon's latency histogram. "× trivial" is the throughput relative to \`GET /health/live\` (a constant answer through the same Fastify hooks: request id, helmet, auth) measured in the same run.
- "API CPU/request": CPU time (user + system, from \`/proc\`) the server process used during the measured ${DURATION} s, divided by the 2xx answers; for the write path also the CPU of the PostgreSQL backends of the server's pool. Unlike throughput and latency it hardly depends on what else runs on the machine, so it shows what a route costs: one core serves about 1,000 ms / (CPU per request) requests per second at most.
- List with filters: \`?district=14627&status=council_adopted&current=true&sort=name&limit=50\`; timeline with its default range (monthly points, five years back until today).
- Write path: an smr account with an API token (Bearer, made directly in the database). Each connection's next request goes to a municipality no other request in flight touches, with \`If-Match\` naming its current record version; the body alternates a status change valid today (none ↔ drafting, adopted/funding → updating → adopted with today's council resolution) and a confirmation. After the run (and after the requests still in flight have been answered) the rows in \`status_events\` are counted and compared with the 201 answers autocannon counted, and the id of every event acknowledged with 201 is looked up in the table; an event counts as lost when it is missing or when fewer rows were added than 201s counted. A ${WARMUP} s write warm-up before is not counted.
- Re-run: \`pnpm bench\` (root) or \`pnpm --filter @insek/api bench:api\` after a build. \`BENCH_DURATION\` and \`BENCH_CONNECTIONS\` override ${DURATION} s and ${CONNECTIONS}.
`;
    writeSection("api-http", section);
    console.info(`[bench] written to docs/benchmarks.md (api-http)`);
  } finally {
    if (process.env.BENCH_KEEP !== "1") await dropDatabase(DB_NAME);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
