import type { Rules } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/app.js";
import { rebuildTimelineRollup } from "../src/modules/stats/timeline-rollup.repo.js";
import { timelineBySweep } from "../src/modules/stats/timeline-sweep.repo.js";
import { timelinePoints } from "../src/modules/stats/timeline.repo.js";
import { recordFixtureEvent } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The statewide timeline's monthly roll-up (migration 0009) against the sweep over the periods,
 * which the derived-records test checks against the history itself: after random writes of every
 * kind (status events in this month and before the horizon, corrections, multi-row inserts of one
 * municipality or of one event per municipality (the batched write path),
 * confirmations, registry population changes) and with "today" moving across month ends, every
 * point from the roll-up equals the sweep's. And the roll-up is rebuilt exactly when it must be:
 * the usual write leaves it standing.
 */

let t: TestApp;
let pool: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  const rows = await queryRows<{ ags: string }>(
    t.database.db,
    sql`select ags from municipalities where valid_to is null and district_key = '14625' order by ags limit 6`,
  );
  pool = rows.map((r) => r.ags);
});
afterAll(async () => {
  await t.close();
});

const DAY = 86_400_000;
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const STATUS = ["none", "drafting", "council_adopted", "funding_eligible", "updating"] as const;

function at<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("empty list");
  return item;
}

interface StateRow {
  version: number;
  built_version: number | null;
  horizon: string | null;
  currency_years: number | null;
}

async function rollupState(): Promise<StateRow> {
  const [row] = await queryRows<StateRow>(
    t.database.db,
    sql`select version::int as version, built_version::int as built_version, horizon::text as horizon, currency_years
        from timeline_rollup_state where id = 1`,
  );
  if (!row) throw new Error("no state row");
  return row;
}

/** Several status events in one INSERT (a bulk load), each with its municipality's next version. */
async function insertMany(events: { ags: string; status: string; effective: string; resolution: string | null }[], recordedAt: string) {
  const versions = new Map<string, number>();
  for (const e of events) {
    const [row] = await queryRows<{ v: number }>(
      t.database.db,
      sql`update municipalities set record_version = record_version + 1 where ags = ${e.ags} returning record_version as v`,
    );
    versions.set(`${e.ags}/${e.effective}/${e.status}`, Number(row?.v));
  }
  await t.database.db.execute(
    sql`insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, council_resolution_date, version)
        values ${sql.join(
          events.map(
            (e) => sql`(${e.ags}, 'status', ${e.status}, 'INSEK', ${e.effective}::date, ${recordedAt}::timestamptz, 'import',
              ${e.resolution}::date, ${versions.get(`${e.ags}/${e.effective}/${e.status}`)})`,
          ),
          sql`, `,
        )}`,
  );
}

/** The roll-up's points (asserting that it answered) and the sweep's for the same range. */
async function compare(rules: Rules, from: string, to: string, today: string) {
  const viaRollup = await timelinePoints(t.database.db, rules, from, to, {}, today);
  const swept = await timelineBySweep(t.database.db, rules, from, to, {});
  expect(viaRollup.via, `${from}..${to} (today ${today}) from the roll-up`).toBe("rollup");
  expect(viaRollup.rows, `${from}..${to} (today ${today})`).toEqual(swept);
  expect(swept.length).toBeGreaterThan(0);
}

const opArb = fc.oneof(
  fc.record({ op: fc.constant("status" as const), m: fc.nat(), status: fc.constantFrom(...STATUS), back: fc.constantFrom(0, 0, 3, 20, 45, 400), resolution: fc.option(fc.integer({ min: -4000, max: 0 }), { nil: null }) }),
  // Appended after the open period (the trigger's incremental path), often still before the horizon.
  fc.record({ op: fc.constant("append" as const), m: fc.nat(), status: fc.constantFrom(...STATUS), after: fc.constantFrom(0, 1, 10, 40) }),
  fc.record({ op: fc.constant("confirm" as const), m: fc.nat() }),
  fc.record({ op: fc.constant("correct" as const), pick: fc.nat(), status: fc.constantFrom(...STATUS) }),
  fc.record({ op: fc.constant("bulk" as const), m: fc.nat(), n: fc.integer({ min: 2, max: 3 }), back: fc.integer({ min: 0, max: 900 }) }),
  // One appended status event for each of several municipalities in one INSERT (the batched write path).
  fc.record({ op: fc.constant("batch" as const), m: fc.nat(), n: fc.integer({ min: 2, max: 3 }), status: fc.constantFrom(...STATUS), after: fc.constantFrom(0, 1, 10, 40) }),
  fc.record({ op: fc.constant("population" as const), m: fc.nat(), population: fc.integer({ min: 100, max: 90_000 }) }),
  fc.record({ op: fc.constant("clock" as const), days: fc.constantFrom(1, 9, 17, 31, 62, -40) }),
);

let today = "2024-03-14";
const written: { id: number; ags: string; effective: string }[] = [];

describe("timeline roll-up", () => {
  it("gives the sweep's points after random writes, on every range it answers, as days pass", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), fc.constantFrom(1, 3, 10), async (ops, currencyYears) => {
        const rules: Rules = { ...DEFAULT_RULES, currencyYears };
        for (const o of ops) {
          const recordedAt = `${today}T10:00:00Z`;
          if (o.op === "status") {
            const ags = at(pool, o.m);
            const effective = addDays(today, -o.back);
            const resolution = o.status === "council_adopted" && o.resolution !== null ? addDays(effective, o.resolution) : null;
            const id = await recordFixtureEvent(t.database.db, {
              ags, status: o.status, effectiveDate: effective, recordedAt, ...(resolution ? { councilResolutionDate: resolution } : {}),
            });
            written.push({ id, ags, effective });
          } else if (o.op === "append") {
            const ags = at(pool, o.m);
            const [latest] = await queryRows<{ since: string | null }>(
              t.database.db,
              sql`select status_since::text as since from record_latest where ags = ${ags}`,
            );
            const effective = latest?.since ? addDays(latest.since, o.after) : addDays(today, -o.after - 30);
            if (effective > today) continue;
            const id = await recordFixtureEvent(t.database.db, {
              ags, status: o.status, effectiveDate: effective, recordedAt,
              ...(o.status === "council_adopted" ? { councilResolutionDate: addDays(effective, -3) } : {}),
            });
            written.push({ id, ags, effective });
          } else if (o.op === "confirm") {
            await recordFixtureEvent(t.database.db, { ags: at(pool, o.m), type: "confirmation", effectiveDate: today, recordedAt });
          } else if (o.op === "correct") {
            if (written.length === 0) continue;
            const target = at(written, o.pick);
            const [already] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from status_events where supersedes = ${target.id}`);
            if ((already?.n ?? 0) > 0) continue;
            await recordFixtureEvent(t.database.db, {
              ags: target.ags, status: o.status, effectiveDate: target.effective, recordedAt, supersedes: target.id,
              ...(o.status === "council_adopted" ? { councilResolutionDate: target.effective } : {}),
            });
          } else if (o.op === "bulk") {
            const ags = at(pool, o.m);
            await insertMany(
              Array.from({ length: o.n }, (_, i) => ({
                ags,
                status: at(STATUS, o.m + i),
                effective: addDays(today, -o.back - 30 * i),
                resolution: at(STATUS, o.m + i) === "council_adopted" ? addDays(today, -o.back - 30 * i - 10) : null,
              })),
              recordedAt,
            );
          } else if (o.op === "batch") {
            const events = [];
            for (let i = 0; i < o.n; i++) {
              const ags = at(pool, o.m + i);
              const [latest] = await queryRows<{ since: string | null }>(
                t.database.db,
                sql`select status_since::text as since from record_latest where ags = ${ags}`,
              );
              const effective = latest?.since ? addDays(latest.since, o.after + i) : addDays(today, -o.after - 30);
              if (effective > today) continue;
              events.push({ ags, status: o.status, effective, resolution: o.status === "council_adopted" ? addDays(effective, -3) : null });
            }
            if (events.length > 0) await insertMany(events, recordedAt);
          } else if (o.op === "population") {
            await t.database.db.execute(sql`update municipalities set population = ${o.population} where ags = ${at(pool, o.m)}`);
          } else {
            today = addDays(today, o.days);
          }
          // The default range, a range ending on a past month end, one ending mid-month in the past, and this month alone.
          const monthEnd = addDays(`${today.slice(0, 7)}-01`, -1);
          await compare(rules, `${Number(today.slice(0, 4)) - 5}-01-01`, today, today);
          await compare(rules, "2018-06-01", monthEnd, today);
          await compare(rules, "2019-01-15", addDays(today, -50), today);
          await compare(rules, `${today.slice(0, 7)}-01`, today, today);
        }
      }),
      { numRuns: Number(process.env.ROLLUP_RUNS ?? 10) },
    );
  });

  it("is left standing by status events in the current month and by confirmations, and rebuilt after earlier ones", async () => {
    const rules = DEFAULT_RULES;
    const now = "2026-11-25";
    const ags = at(pool, 0);
    expect(await rebuildTimelineRollup(t.database.db, rules, now)).toBe(true);
    const built = await rollupState();
    expect(built).toMatchObject({ horizon: "2026-11-01", currency_years: 10 });
    expect(built.built_version).toBe(built.version);

    // This month: the roll-up holds nothing it changes.
    await recordFixtureEvent(t.database.db, { ags, status: "drafting", effectiveDate: "2026-11-20", recordedAt: "2026-11-25T08:00:00Z" });
    await recordFixtureEvent(t.database.db, { ags, status: "council_adopted", effectiveDate: "2026-11-25", recordedAt: "2026-11-25T09:00:00Z", councilResolutionDate: "2016-11-30" });
    await recordFixtureEvent(t.database.db, { ags, type: "confirmation", effectiveDate: "2026-11-25", recordedAt: "2026-11-25T09:30:00Z" });
    expect(await rollupState()).toEqual(built);
    await compare(rules, "2021-01-01", now, now);
    expect(await rollupState()).toEqual(built);

    // Effective in October (before the horizon): invalidated, and the next read rebuilds with it.
    await recordFixtureEvent(t.database.db, { ags: at(pool, 1), status: "drafting", effectiveDate: "2026-10-31", recordedAt: "2026-11-25T10:00:00Z" });
    const invalid = await rollupState();
    expect(invalid.version).toBe(built.version + 1);
    expect(invalid.built_version).toBe(built.version);
    await compare(rules, "2021-01-01", now, now);
    const rebuilt = await rollupState();
    expect(rebuilt.built_version).toBe(rebuilt.version);
    expect(rebuilt.version).toBe(invalid.version);

    // A registry change of population invalidates; a change of the record version (the write path's claim) does not.
    await t.database.db.execute(sql`update municipalities set record_version = record_version where ags = ${ags}`);
    expect(await rollupState()).toEqual(rebuilt);
    await t.database.db.execute(sql`update municipalities set population = population + 1 where ags = ${ags}`);
    expect((await rollupState()).version).toBe(rebuilt.version + 1);
    await compare(rules, "2021-01-01", now, now);

    // Another currency rule: rebuilt for it.
    await compare({ ...rules, currencyYears: 3 }, "2021-01-01", now, now);
    expect((await rollupState()).currency_years).toBe(3);
  });

  it("is not used for filtered timelines or ranges past this month", async () => {
    const now = "2026-11-25";
    expect((await timelinePoints(t.database.db, DEFAULT_RULES, "2025-01-01", now, { district: "14625" }, now)).via).toBe("sweep");
    const future = await timelinePoints(t.database.db, DEFAULT_RULES, "2025-01-01", "2027-02-28", {}, now);
    expect(future.via).toBe("sweep");
    expect(future.rows).toHaveLength(26);
  });
});
