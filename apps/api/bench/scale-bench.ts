/**
 * Scale benchmark: every German municipality of the GV100AD directory (10,943) with 20 years of
 * synthetic monthly history (millions of events) in a separate PostgreSQL database, served by the
 * production server; p50 of summary, districts, timeline and the filtered list, cold (first request
 * after a start) and warm. Writes its section of docs/benchmarks.md between the api-scale markers.
 *
 * Run: `pnpm --filter @insek/api bench:scale` after a build (or `pnpm bench`). Environment:
 * GV100AD_FILE (default packages/refdata/sources/destatis/GV100AD_31052026.txt), BENCH_SCALE_MONTHS (default 240), BENCH_SCALE_KEEP=1 keeps the database
 * (insek_scale) for EXPLAIN ANALYZE afterwards, BENCH_SCALE_REUSE=1 measures an already loaded one, BENCH_SCALE_MEASURES
 * (default 30,000) sets the synthetic measures, BENCH_SCALE_FUNDING_ONLY=1 measures (and writes) only the funding section.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Gv100adDirectory, foldForSearch, parseGv100ad, populationDateFor, searchText } from "@insek/refdata";
import { migrateDatabase, openDatabase } from "@insek/db";
import pg from "pg";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import {
  databaseUrl,
  dropDatabase,
  freshDatabase,
  machine,
  percentile,
  postgresVersion,
  startApiServer,
  table,
  todayInSaxony,
  verdict,
  writeSection,
} from "./bench-lib.js";
import { loadSyntheticFunding } from "./synthetic-funding.js";
import { loadSyntheticHistory } from "./synthetic-history.js";

const DB_NAME = "insek_scale";
const MONTHS = Number(process.env.BENCH_SCALE_MONTHS ?? 240);
const SEED = 20_260_531;
const TARGET_MS = 50;
const WARM_RUNS = 15;
/** Per route: stop the warm series after this long (a route far over target would take minutes). */
const WARM_BUDGET_MS = 60_000;
/** Requests each preceded by a raise of the data generation, as any write anywhere raises it. */
const UNCACHED_RUNS = 11;
/** Funding at national scale (decision 0034): measures spread over the municipalities, and the target. */
const FUNDING_MEASURES = Number(process.env.BENCH_SCALE_MEASURES ?? 30_000);
const FUNDING_TARGET_P99_MS = 500;
const FUNDING_WARM_RUNS = 50;
const FUNDING_UNCACHED_RUNS = 21;
const FUNDING_ROUTES: Route[] = [
  { label: "GET /api/stats/funding", path: "/api/stats/funding" },
  { label: "GET /api/measures/at-risk", path: "/api/measures/at-risk" },
  { label: "GET /api/measures/at-risk (one district)", path: "/api/measures/at-risk?district=07137" },
];

function directoryFile(): string {
  if (process.env.GV100AD_FILE) return process.env.GV100AD_FILE;
  return fileURLToPath(new URL("../../../packages/refdata/sources/destatis/GV100AD_31052026.txt", import.meta.url));
}

interface Route {
  label: string;
  path: string;
}

/** Rheinland-Pfalz's Landkreis Mayen-Koblenz has many small municipalities: a large district. */
const ROUTES: Route[] = [
  { label: "GET /api/stats/summary", path: "/api/stats/summary" },
  { label: "GET /api/stats/districts", path: "/api/stats/districts" },
  { label: "GET /api/stats/timeline (default: 5 years, monthly)", path: "/api/stats/timeline" },
  { label: "GET /api/municipalities (district + status + current)", path: "/api/municipalities?district=07137&status=council_adopted&current=true&sort=name&limit=50" },
  { label: "GET /api/municipalities (status + stale, all of Germany)", path: "/api/municipalities?status=drafting&stale=false&sort=name&limit=50" },
];

// ---------------------------------------------------------------- registry

const districtType = (textCode: string) => (textCode === "41" || textCode === "42" ? "kreisfreie_stadt" : "landkreis");

function municipalityType(textCode: string) {
  if (textCode === "61" || textCode === "62") return "kreisfreie_stadt";
  if (textCode === "67") return "grosse_kreisstadt";
  if (textCode === "63") return "stadt";
  return "gemeinde";
}

function displayNameOf(name: string): string {
  const cut = [" / ", ", "].map((s) => name.indexOf(s)).filter((i) => i >= 0);
  return cut.length === 0 ? name : name.slice(0, Math.min(...cut));
}

/** Districts and municipalities of all of Germany, as the registry tables hold them. */
async function loadRegistry(url: string, directory: Gv100adDirectory): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("begin");
    const districts = new Map(directory.districts.map((d) => [d.key, { key: d.key, name: d.name, type: districtType(d.textCode) }]));
    // A few unincorporated areas name a district key the directory lists no district record for.
    for (const m of directory.municipalities) {
      if (!districts.has(m.districtKey)) districts.set(m.districtKey, { key: m.districtKey, name: `Kreis ${m.districtKey}`, type: "landkreis" });
    }
    const d = [...districts.values()];
    await client.query(`insert into districts (key, name, type) select * from unnest($1::char(5)[], $2::text[], $3::text[])`, [
      d.map((x) => x.key),
      d.map((x) => x.name),
      d.map((x) => x.type),
    ]);
    const ms = directory.municipalities;
    const display = ms.map((m) => displayNameOf(m.name));
    await client.query(
      `insert into municipalities (ags, name, display_name, search_text, sort_key, type, district_key, population, population_date, area_ha)
       select * from unnest($1::char(8)[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::char(5)[], $8::int[], $9::date[], $10::int[])`,
      [
        ms.map((m) => m.ags),
        ms.map((m) => m.name),
        display,
        ms.map((m, i) => searchText([m.name, display[i] ?? m.name])),
        display.map((n) => foldForSearch(n)),
        ms.map((m) => municipalityType(m.textCode)),
        ms.map((m) => m.districtKey),
        ms.map((m) => m.population),
        ms.map(() => (directory.territorialStatus ? populationDateFor(directory.territorialStatus) : null)),
        ms.map((m) => m.areaHa),
      ],
    );
    // Marks the registry as filled, so that the server's start-up seed leaves it alone.
    await client.query(
      `insert into registry_imports (source, land_key, territorial_status, report) values ('bench:GV100AD (all of Germany)', '00', $1, $2)`,
      [directory.territorialStatus, JSON.stringify({ districts: d.length, municipalities: ms.length })],
    );
    await client.query("commit");
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------- measurement

async function timed(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  return elapsed;
}

interface RouteResult {
  label: string;
  cold: number;
  warm: number[];
  uncached: number[];
}

/** What every write does to the read caches: raise the data generation (one shard, as at commit). */
async function raiseGeneration(client: pg.Client): Promise<void> {
  await client.query("update data_generation set value = value + 1 where shard = 0");
}

async function measure(dbUrl: string): Promise<RouteResult[]> {
  const results: RouteResult[] = [];
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    for (const route of ROUTES) await measureRoute(dbUrl, client, route, results);
  } finally {
    await client.end();
  }
  return results;
}

async function measureRoute(dbUrl: string, client: pg.Client, route: (typeof ROUTES)[number], results: RouteResult[]): Promise<void> {
    // Cold: the first request of a freshly started server (its own caches empty; PostgreSQL's shared
    // buffers and the OS page cache stay as they are).
    const server = await startApiServer({ DATABASE_URL: dbUrl });
    try {
      const cold = await timed(`${server.baseUrl}${route.path}`);
      const warm: number[] = [];
      const budgetEnd = performance.now() + WARM_BUDGET_MS;
      while (warm.length < WARM_RUNS && (warm.length < 3 || performance.now() < budgetEnd)) {
        warm.push(await timed(`${server.baseUrl}${route.path}`));
      }
      const uncached: number[] = [];
      for (let i = 0; i < UNCACHED_RUNS; i += 1) {
        await raiseGeneration(client);
        uncached.push(await timed(`${server.baseUrl}${route.path}`));
      }
      console.info(
        `[bench] ${route.label}: cold ${Math.round(cold)} ms, uncached p50 ${Math.round(percentile(uncached, 50))} ms, warm p50 ${Math.round(percentile(warm, 50))} ms (${warm.length} requests)`,
      );
      results.push({ label: route.label, cold, warm, uncached });
    } finally {
      await server.stop();
    }
}

interface FundingResult {
  label: string;
  cold: number;
  warm: number[];
  uncached: number[];
}

/** GET /api/stats/funding and the at-risk list: warm p50/p99 (read cache) and uncached p50/p99 (after a raise of the data generation). */
async function measureFunding(url: string, size: { municipalities: number; events: number }, date: string, machineText: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const results: FundingResult[] = [];
  let measures = 0;
  try {
    measures = Number((await client.query<{ n: string }>("select count(*)::text as n from measures")).rows[0]?.n ?? 0);
    for (const route of FUNDING_ROUTES) {
      const server = await startApiServer({ DATABASE_URL: url });
      try {
        const cold = await timed(`${server.baseUrl}${route.path}`);
        const warm: number[] = [];
        for (let i = 0; i < FUNDING_WARM_RUNS; i += 1) warm.push(await timed(`${server.baseUrl}${route.path}`));
        const uncached: number[] = [];
        for (let i = 0; i < FUNDING_UNCACHED_RUNS; i += 1) {
          await raiseGeneration(client);
          uncached.push(await timed(`${server.baseUrl}${route.path}`));
        }
        console.info(
          `[bench] ${route.label}: cold ${Math.round(cold)} ms, warm p50/p99 ${Math.round(percentile(warm, 50))}/${Math.round(percentile(warm, 99))} ms, uncached p50/p99 ${Math.round(percentile(uncached, 50))}/${Math.round(percentile(uncached, 99))} ms`,
        );
        results.push({ label: route.label, cold, warm, uncached });
      } finally {
        await server.stop();
      }
    }
  } finally {
    await client.end();
  }
  const rows = results.map((r) => [
    `\`${r.label}\``,
    `${fmt(r.cold)} ms`,
    `${fmt(percentile(r.warm, 50))} ms`,
    `${fmt(percentile(r.warm, 99))} ms`,
    `${fmt(percentile(r.uncached, 50))} ms`,
    `${fmt(percentile(r.uncached, 99))} ms`,
    verdict(percentile(r.warm, 99) < FUNDING_TARGET_P99_MS),
    verdict(percentile(r.uncached, 99) < FUNDING_TARGET_P99_MS),
  ]);
  const section = `
## API: funding at scale, all of Germany (\`apps/api/bench/scale-bench.ts\`)

Target (issue #15, decision 0034): with every German municipality and ${fmt(measures)} measures, the funding figures and the at-risk list answer with p99 under ${FUNDING_TARGET_P99_MS} ms warm; the uncached p99 (the first request after any write) is held to the same target.

Last run: ${date} — ${machineText}. Data: ${fmt(size.municipalities)} municipalities, ${fmt(size.events)} events (${MONTHS} months), ${fmt(measures)} measures (\`apps/api/bench/synthetic-funding.ts\`: a third of the municipalities, nine programmes, 60 % running, amounts every other year; one town-wide concept per municipality that adopted).

${table(["Route", "Cold", "Warm p50", "Warm p99", "Uncached p50", "Uncached p99", `Warm p99 < ${FUNDING_TARGET_P99_MS} ms`, `Uncached p99 < ${FUNDING_TARGET_P99_MS} ms`], rows)}

Warm: ${FUNDING_WARM_RUNS} sequential requests after the first (the read cache answers them); uncached: ${FUNDING_UNCACHED_RUNS} requests, each after a raise of the data generation. Plans: \`BENCH_SCALE_KEEP=1 pnpm --filter @insek/api bench:scale\`, then \`pnpm --filter @insek/api bench:explain\` (it fails when a funding statement reads status_events by a sequential scan). A run with \`BENCH_SCALE_FUNDING_ONLY=1\` writes only this section.
`;
  writeSection("api-scale-funding", section);
  console.info(`[bench] written to docs/benchmarks.md (api-scale-funding)`);
}

async function counts(url: string): Promise<{ municipalities: number; events: number; districts: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ m: string; e: string; d: string }>(
      "select (select count(*) from municipalities)::text as m, (select count(*) from status_events)::text as e, (select count(*) from districts)::text as d",
    );
    return { municipalities: Number(rows[0]?.m ?? 0), events: Number(rows[0]?.e ?? 0), districts: Number(rows[0]?.d ?? 0) };
  } finally {
    await client.end();
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main(): Promise<void> {
  const file = directoryFile();
  if (!existsSync(file)) {
    console.warn(`[bench] scale benchmark skipped: ${file} is missing (set GV100AD_FILE)`);
    return;
  }
  const pgVersion = await postgresVersion();
  const mach = machine(pgVersion);
  const reuse = process.env.BENCH_SCALE_REUSE === "1";
  const url = reuse ? databaseUrl(DB_NAME) : await freshDatabase(DB_NAME);
  let loadSeconds = Number.NaN;
  try {
    if (!reuse) {
      const started = performance.now();
      const directory = parseGv100ad(readFileSync(file));
      const database = await openDatabase({ url });
      try {
        await migrateDatabase(database);
        await writePublicAccess(database.db, true, new Date());
      } finally {
        await database.close();
      }
      await loadRegistry(url, directory);
      const events = await loadSyntheticHistory(url, {
        months: MONTHS,
        today: todayInSaxony(),
        now: new Date(),
        seed: SEED,
        batchRows: 50_000,
        onProgress: (n) => {
          if (n % 500_000 < 50_000) console.info(`[bench] … ${fmt(n)} events`);
        },
      });
      const funding = await loadSyntheticFunding(url, { measures: FUNDING_MEASURES, seed: SEED, year: Number(todayInSaxony().slice(0, 4)) });
      console.info(`[bench] funding: ${fmt(funding.measures)} measures, ${fmt(funding.concepts)} concepts`);
      loadSeconds = (performance.now() - started) / 1000;
      console.info(`[bench] ${DB_NAME}: ${fmt(directory.municipalities.length)} municipalities, ${fmt(events)} events in ${loadSeconds.toFixed(0)} s`);
    }
    const size = await counts(url);
    if (process.env.BENCH_SCALE_FUNDING_ONLY === "1") {
      await measureFunding(url, size, mach.date, mach.description);
      return;
    }
    const results = await measure(url);
    const rows = results.map((r) => {
      const p50 = percentile(r.warm, 50);
      const uncachedP50 = percentile(r.uncached, 50);
      return [
        `\`${r.label}\``,
        `${fmt(r.cold)} ms`,
        `${fmt(uncachedP50)} ms`,
        `${fmt(Math.max(...r.uncached))} ms`,
        `${fmt(p50)} ms`,
        verdict(p50 < TARGET_MS),
        verdict(uncachedP50 < TARGET_MS),
      ];
    });
    const section = `
## API: scale, all of Germany (\`apps/api/bench/scale-bench.ts\`)

Target (issue #7): with every German municipality (GV100AD) and 20 years of synthetic monthly history, summary, districts and timeline answer in under ${TARGET_MS} ms p50, and the list with filters in under ${TARGET_MS} ms.

Last run: ${mach.date} — ${mach.description}. Data: ${fmt(size.municipalities)} municipalities in ${fmt(size.districts)} districts, ${fmt(size.events)} events (${MONTHS} months)${Number.isNaN(loadSeconds) ? "" : `, generated and loaded in ${loadSeconds.toFixed(0)} s`}.

${table(["Route", "Cold (1st request)", "Uncached p50", "Uncached max", "Warm p50", `Warm p50 < ${TARGET_MS} ms`, `Uncached p50 < ${TARGET_MS} ms`], rows)}

All three are shown because the read cache keys on the data generation: warm answers come from the cache; the first request after a start, and every request after a write anywhere, is computed afresh. **Uncached** is the latter: ${UNCACHED_RUNS} requests, each after the data generation was raised (what every committed write does), so that each one misses the cache but finds the server, its connections and their prepared statements warm. The statewide timeline comes from its monthly roll-up (decision 0012), which lives in the database: the first timeline request after the history was loaded builds it, so its **cold** figure includes that rebuild; raising the data generation does not invalidate the roll-up (only changes before the current month do).

### Method

- A separate PostgreSQL database \`${DB_NAME}\`, migrated; the registry replaced by all ${fmt(size.municipalities)} municipalities of \`GV100AD_31052026.txt\` (parsed with \`parseGv100ad\` from packages/refdata; types from the Textkennzeichen, search and sort keys as the seed makes them), public access on. History: one event per month and municipality over ${MONTHS} months (about 10 % status changes along the allowed transitions, the rest confirmations), deterministic (seed ${SEED}), the same generator as the HTTP benchmark (\`apps/api/bench/synthetic-history.ts\`), then \`ANALYZE\`. The database is dropped afterwards (\`BENCH_SCALE_KEEP=1\` keeps it).
- Server: the production build with \`DATABASE_URL\`, started afresh for each route. **Cold**: the first request after the start (the server's own caches empty; PostgreSQL's buffers and the OS page cache are not flushed). **Warm**: then up to ${WARM_RUNS} sequential requests (fewer when they take more than ${WARM_BUDGET_MS / 1000} s in all, at least 3), one at a time, measured in the client with \`fetch\` including the body.
- Re-run: \`pnpm --filter @insek/api bench:scale\` after a build (part of \`pnpm bench\`). Plans: \`BENCH_SCALE_KEEP=1 pnpm --filter @insek/api bench:scale\`, then \`pnpm --filter @insek/api bench:explain\` prints \`EXPLAIN ANALYZE\` of the repositories' statements on the kept database (drop it afterwards: \`dropdb -h 127.0.0.1 -U postgres insek_scale\`).
`;
    writeSection("api-scale", section);
    console.info(`[bench] written to docs/benchmarks.md (api-scale)`);
    await measureFunding(url, size, mach.date, mach.description);
  } finally {
    if (process.env.BENCH_SCALE_KEEP !== "1" && !reuse) await dropDatabase(DB_NAME);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
