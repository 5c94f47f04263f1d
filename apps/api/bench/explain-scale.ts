/**
 * EXPLAIN (ANALYZE, BUFFERS) of the statements behind summary, districts, timeline and the filtered
 * list, on the database the scale benchmark leaves with BENCH_SCALE_KEEP=1 (insek_scale). The
 * statements are the repositories' own: they are captured through a drizzle logger while the repo
 * functions run, then explained with the same parameters. Prints each plan's slowest nodes, and the
 * whole plans with BENCH_EXPLAIN_FULL=1.
 *
 * Run: `BENCH_SCALE_KEEP=1 pnpm --filter @insek/api bench:scale && pnpm --filter @insek/api bench:explain`
 */
import { DEFAULT_RULES } from "../src/app.js";
import { schema } from "@insek/db";
import type { Db } from "@insek/db";
import { drizzle } from "drizzle-orm/node-postgres";
import pg from "pg";
import { listMunicipalities } from "../src/modules/municipalities/municipalities.repo.js";
import { districtStatsOn, summaryOn } from "../src/modules/stats/stats.repo.js";
import { timelineBySweep } from "../src/modules/stats/timeline-sweep.repo.js";
import { rebuildTimelineRollup, timelineFromRollup } from "../src/modules/stats/timeline-rollup.repo.js";
import { monthsBetween } from "../src/modules/stats/timeline-range.js";
import { resolveTimelineRange } from "../src/modules/stats/timeline-range.js";
import { atRiskOn, fundingFiguresOn } from "../src/modules/funding/funding.repo.js";
import { databaseUrl, todayInSaxony } from "./bench-lib.js";

const url = process.env.BENCH_EXPLAIN_URL ?? databaseUrl("insek_scale");

interface Captured {
  query: string;
  params: unknown[];
}

async function capture(run: (db: Db) => Promise<unknown>): Promise<Captured[]> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const captured: Captured[] = [];
  const db = drizzle(pool, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }) as unknown as Db;
  try {
    await run(db);
  } finally {
    await pool.end();
  }
  return captured;
}

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Total Time"?: number;
  "Actual Loops"?: number;
  "Actual Rows"?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, depth: number, out: { line: string; time: number }[]): void {
  const loops = node["Actual Loops"] ?? 1;
  const time = (node["Actual Total Time"] ?? 0) * loops;
  const what = [node["Node Type"], node["Relation Name"], node["Index Name"]].filter(Boolean).join(" ");
  out.push({ line: `${"  ".repeat(depth)}${what}: ${time.toFixed(0)} ms total over ${loops} loops, ${node["Actual Rows"] ?? 0} rows/loop`, time });
  for (const child of node.Plans ?? []) walk(child, depth + 1, out);
}

/** Relations a statement must not read by a sequential scan (the funding check: millions of events). */
interface ExplainCheck {
  noSeqScanOn: readonly string[];
}

const violations: string[] = [];

function seqScans(node: PlanNode, out: string[]): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) out.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, out);
  return out;
}

async function explain(label: string, run: (db: Db) => Promise<unknown>, check?: ExplainCheck): Promise<void> {
  const statements = await capture(run);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) {
      if (!/^\s*(with|select)/i.test(s.query)) continue;
      if (process.env.BENCH_EXPLAIN_SQL) console.info(`\n--- ${label} SQL:\n${s.query}\n--- params: ${JSON.stringify(s.params)}`);
      const { rows } = await client.query<{ "QUERY PLAN": [{ Plan: PlanNode; "Execution Time": number; JIT?: { Timing?: { Total?: number } } }] }>(
        `explain (analyze, buffers, format json) ${s.query}`,
        s.params,
      );
      const plan = rows[0]?.["QUERY PLAN"][0];
      if (!plan) continue;
      const nodes: { line: string; time: number }[] = [];
      walk(plan.Plan, 0, nodes);
      if (check) {
        const scanned = seqScans(plan.Plan, []);
        for (const relation of check.noSeqScanOn) if (scanned.includes(relation)) violations.push(`${label}: sequential scan on ${relation}`);
        console.info(`\n--- ${label}: sequential scans on ${scanned.length === 0 ? "none" : [...new Set(scanned)].join(", ")}`);
      }
      const jit = plan.JIT?.Timing?.Total;
      console.info(`\n=== ${label}: execution ${plan["Execution Time"].toFixed(0)} ms${jit === undefined ? "" : ` (JIT ${jit.toFixed(0)} ms of it)`}`);
      const shown = process.env.BENCH_EXPLAIN_FULL ? nodes : nodes.filter((n) => n.time >= plan["Execution Time"] * 0.05);
      for (const n of shown) console.info(n.line);
    }
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const today = todayInSaxony();
  const rules = DEFAULT_RULES;
  await explain("summary", (db) => summaryOn(db, rules, today));
  await explain("districts", (db) => districtStatsOn(db, rules, today));
  const { from, to } = resolveTimelineRange({}, today);
  await explain("timeline (default range), sweep", (db) => timelineBySweep(db, rules, from, to, {}));
  // The roll-up read answers only once the roll-up is built (a rebuild writes, so it is timed, not explained).
  const started = performance.now();
  await capture((db) => rebuildTimelineRollup(db, rules, today));
  console.info(`\n=== timeline roll-up rebuild: ${(performance.now() - started).toFixed(0)} ms (wall clock)`);
  await explain("timeline (default range), roll-up", (db) => timelineFromRollup(db, rules, from, to, monthsBetween(from, to)));
  await explain("list: district + status + current", (db) =>
    listMunicipalities(db, rules, { district: "07137", status: "council_adopted", current: true, sort: "name", limit: 50, offset: 0, asOf: today }),
  );
  await explain("list: status + stale, all of Germany", (db) =>
    listMunicipalities(db, rules, { status: "drafting", stale: false, sort: "name", limit: 50, offset: 0, asOf: today }),
  );
  // Funding (decision 0034): the at-risk list and the figures must reach the history by its indexes.
  const funding: ExplainCheck = { noSeqScanOn: ["status_events"] };
  await explain("funding: at risk, all of Germany", (db) => atRiskOn(db, rules, today, {}), funding);
  await explain("funding: at risk, one district", (db) => atRiskOn(db, rules, today, { district: "07137" }), funding);
  await explain("funding: figures", (db) => fundingFiguresOn(db, rules, today), funding);
  if (violations.length > 0) {
    console.error(`\n[explain] ${violations.length} plan check(s) failed:\n${violations.join("\n")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
