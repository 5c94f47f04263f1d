import type { Rules } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/app.js";
import { recordsFromHistory, recordsOn } from "../src/modules/records/records.sql.js";
import { timeline } from "../src/modules/stats/timeline.repo.js";
import { FIX } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The derived record tables (record_periods, record_latest; migration 0008, kept by a trigger on
 * status_events) and the timeline sweep over them must give exactly what the record definition
 * computed straight from the history gives (`recordsFromHistory`). Random histories:
 * events out of order, several on one day, corrections of any earlier event, adoptions without a
 * resolution date, confirmations, single-row and multi-row inserts (a bulk load fires the trigger
 * once per statement; the batched write path writes one event per municipality per statement), on
 * municipalities that merge (Ostrau and Zschaitz-Ottewig into Jahnatal).
 */


/** The value, or a failed test naming what was missing. */
function defined<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing: ${what}`);
  return value;
}

let t: TestApp;
let pool: string[] = [];
beforeAll(async () => {
  t = await createTestApp();
  // Fresh municipalities for every run, so that runs do not see each other's events; the merging
  // ones (dissolved 2023-01-01 / new from then) come first.
  const rows = await queryRows<{ ags: string }>(
    t.database.db,
    sql`select ags from municipalities
        where ags not in (${FIX.ostrau}, ${FIX.zschaitzOttewig}, ${FIX.jahnatal}) and district_key <> '14522'
        order by ags`,
  );
  pool = [FIX.ostrau, FIX.zschaitzOttewig, FIX.jahnatal, ...rows.map((r) => r.ags)];
});
afterAll(async () => {
  await t.close();
});

const STATUS = ["none", "drafting", "council_adopted", "funding_eligible", "updating"] as const;
const DAY = 86_400_000;
const START = Date.UTC(2014, 0, 1);
/** Dates on a coarse grid (about every 45 days over 13 years), so that events often share a day. */
const isoDay = (index: number) => new Date(START + index * 45 * DAY).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

interface GenEvent {
  m: number;
  kind: "status" | "confirmation";
  status: (typeof STATUS)[number];
  effective: number;
  /** Days after the effective date it was recorded (a late entry), and the hour (UTC). */
  lateDays: number;
  hour: number;
  resolution: number | null;
  /** Supersede an earlier event (index into the events inserted before this statement). */
  supersede: number | null;
  /** Start a new INSERT statement with this event (otherwise it joins the previous one's). */
  newStatement: boolean;
}

const eventArb: fc.Arbitrary<GenEvent> = fc.record({
  m: fc.integer({ min: 0, max: 3 }),
  kind: fc.constantFrom<"status" | "confirmation">("status", "status", "status", "confirmation", "confirmation"),
  status: fc.constantFrom(...STATUS),
  effective: fc.integer({ min: 0, max: 104 }),
  lateDays: fc.constantFrom(0, 0, 1, 3, 400),
  hour: fc.constantFrom(0, 9, 22, 23),
  resolution: fc.option(fc.integer({ min: 0, max: 104 }), { nil: null, freq: 6 }),
  supersede: fc.option(fc.nat({ max: 30 }), { nil: null, freq: 5 }),
  newStatement: fc.boolean(),
});

const randomScenarioArb = fc.record({
  events: fc.array(eventArb, { minLength: 1, maxLength: 16 }),
  currencyYears: fc.constantFrom(1, 3, 10),
});

/**
 * Rounds in the shape of the batched write path (modules/events/write-batch.ts): each round one
 * statement with one event per municipality, mostly moving forward in time (the trigger's multi-row
 * incremental step), sometimes on the same day as, or before, a municipality's open period, or with a
 * correction (re-derived from the history).
 */
const batchScenarioArb = fc
  .record({
    rounds: fc.array(
      fc.record({ members: fc.subarray([0, 1, 2, 3], { minLength: 1 }), events: fc.array(eventArb, { minLength: 4, maxLength: 4 }) }),
      { minLength: 1, maxLength: 6 },
    ),
    currencyYears: fc.constantFrom(1, 3, 10),
  })
  .map(({ rounds, currencyYears }) => {
    const events: GenEvent[] = [];
    rounds.forEach((round, r) => {
      round.members.forEach((m, i) => {
        const e = defined(round.events[i], "round event");
        events.push({
          ...e,
          m,
          effective: Math.min(104, Math.max(0, 3 * r + (e.effective % 5) - 1)),
          supersede: r % 3 === 2 && i === 0 ? e.supersede : null,
          newStatement: i === 0,
        });
      });
    });
    return { events, currencyYears };
  });

const scenarioArb = fc.oneof(randomScenarioArb, batchScenarioArb);

interface Inserted {
  id: number;
  ags: string;
  effective: string;
  recorded: string;
  resolution: string | null;
}

/** Inserts the events in statements as `newStatement` splits them, with versions counted per municipality. */
async function insertEvents(group: string[], events: GenEvent[]): Promise<Inserted[]> {
  const inserted: Inserted[] = [];
  const superseded = new Set<number>();
  const version = new Map<string, number>();
  let statement: { row: ReturnType<typeof sql>; meta: Omit<Inserted, "id"> }[] = [];
  const flush = async () => {
    if (statement.length === 0) return;
    const rows = await queryRows<{ id: number | string }>(
      t.database.db,
      sql`insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source,
            council_resolution_date, supersedes, version)
          values ${sql.join(statement.map((s) => s.row), sql`, `)}
          returning id`,
    );
    rows.forEach((row, i) => inserted.push({ id: Number(row.id), ...defined(statement[i], "inserted row").meta }));
    statement = [];
  };
  for (const e of events) {
    if (e.newStatement) await flush();
    const ags = defined(group[e.m], "municipality");
    const v = (version.get(ags) ?? 0) + 1;
    version.set(ags, v);
    const effective = isoDay(e.effective);
    const recordedDay = addDays(effective, e.lateDays);
    const recorded = `${recordedDay}T${String(e.hour).padStart(2, "0")}:30:00Z`;
    const resolution = e.resolution === null ? null : isoDay(e.resolution);
    let supersedes: number | null = null;
    if (e.supersede !== null && inserted.length > 0) {
      const target = defined(inserted[e.supersede % inserted.length], "supersede target");
      if (!superseded.has(target.id)) {
        supersedes = target.id;
        superseded.add(target.id);
      }
    }
    const isStatus = e.kind === "status";
    statement.push({
      row: sql`(${ags}, ${e.kind}, ${isStatus ? e.status : null}, ${isStatus ? "INSEK" : null}, ${effective}::date,
        ${recorded}::timestamptz, 'import', ${resolution}::date, ${supersedes}::bigint, ${v})`,
      meta: { ags, effective, recorded: recordedDay, resolution },
    });
  }
  await flush();
  return inserted;
}

/** Dates around everything that can change a record: effective, recorded and lapse dates, ±1 day. */
function probeDates(inserted: Inserted[], rules: Rules): string[] {
  const dates = new Set<string>(["2022-12-31", "2023-01-01", "2026-11-25", "2013-06-30"]);
  for (const e of inserted) {
    // Resolution + currencyYears (JavaScript rolls 29 February over to 1 March, PostgreSQL back to
    // 28 February: the offsets cover both).
    const lapse =
      e.resolution === null
        ? null
        : new Date(Date.UTC(Number(e.resolution.slice(0, 4)) + rules.currencyYears, Number(e.resolution.slice(5, 7)) - 1, Number(e.resolution.slice(8, 10))))
            .toISOString()
            .slice(0, 10);
    for (const d of [e.effective, e.recorded, lapse]) {
      if (d === null) continue;
      for (const offset of [-2, -1, 0, 1]) dates.add(addDays(d, offset));
    }
  }
  return [...dates].sort();
}

function normalise(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows
    .map((r): Record<string, unknown> => ({
      ...r,
      last_activity_at: r.last_activity_at === null ? null : new Date(r.last_activity_at as string).toISOString(),
      last_confirmed_at: r.last_confirmed_at === null ? null : new Date(r.last_confirmed_at as string).toISOString(),
    }))
    .sort((a, b) => String(a.ags).localeCompare(String(b.ags)));
}

interface RefPoint {
  total: number;
  population: number;
  by_none: number;
  by_drafting: number;
  by_council_adopted: number;
  by_funding_eligible: number;
  by_updating: number;
  covered: number;
  covered_population: number;
}

let run = 0;

describe("derived record tables and the timeline sweep", () => {
  it("agree with the record computed from the history, on every date that matters, for random histories", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ events, currencyYears }) => {
        const group = pool.slice(run === 0 ? 0 : run * 4, run === 0 ? 4 : run * 4 + 4);
        run += 1;
        if (group.length < 4) return; // only when shrinking has used up the municipalities
        if (run === 1) group[3] = defined(pool[pool.length - 1], "pool");
        const rules: Rules = { ...DEFAULT_RULES, currencyYears };
        const inserted = await insertEvents(group, events);
        const inGroup = sql`m.ags in (${sql.join(group.map((a) => sql`${a}`), sql`, `)})`;

        for (const date of probeDates(inserted, rules)) {
          const derived = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from (${recordsOn(date, rules, inGroup)}) r`);
          const reference = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from (${recordsFromHistory(date, rules, inGroup)}) r`);
          expect(normalise(derived), `records on ${date}`).toEqual(normalise(reference));
        }

        // The timeline of the group's district (the merging municipalities' district in the first run).
        const [first] = await queryRows<{ district_key: string }>(
          t.database.db,
          sql`select district_key from municipalities where ags = ${defined(group[0], "group")}`,
        );
        const district = defined(first, "district").district_key;
        const from = "2013-11-10";
        const to = "2026-11-25";
        const swept = await timeline(t.database.db, rules, from, to, { district }, to);
        const inDistrict = sql`m.district_key = ${district}`;
        for (const point of swept.points.filter((_, i) => i % 3 === 0 || i === swept.points.length - 1)) {
          const derivedOnPoint = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from (${recordsOn(point.date, rules, inDistrict)}) r`);
          const referenceOnPoint = await queryRows<Record<string, unknown>>(t.database.db, sql`select * from (${recordsFromHistory(point.date, rules, inDistrict)}) r`);
          expect(normalise(derivedOnPoint), `records of the district on ${point.date}`).toEqual(normalise(referenceOnPoint));
          const [refRow] = await queryRows<RefPoint>(
            t.database.db,
            sql`select count(*)::int as total, coalesce(sum(population), 0)::int as population,
                  (count(*) filter (where status = 'none'))::int as by_none,
                  (count(*) filter (where status = 'drafting'))::int as by_drafting,
                  (count(*) filter (where status = 'council_adopted'))::int as by_council_adopted,
                  (count(*) filter (where status = 'funding_eligible'))::int as by_funding_eligible,
                  (count(*) filter (where status = 'updating'))::int as by_updating,
                  (count(*) filter (where current))::int as covered,
                  coalesce(sum(population) filter (where current), 0)::int as covered_population
                from (${recordsFromHistory(point.date, rules, inDistrict)}) r`,
          );
          const ref = defined(refRow, "reference point");
          expect(
            { total: point.total, byStatus: point.byStatus, covered: point.covered.count, population: point.covered.population },
            `timeline point ${point.date}`,
          ).toEqual({
            total: ref.total,
            byStatus: {
              none: ref.by_none,
              drafting: ref.by_drafting,
              council_adopted: ref.by_council_adopted,
              funding_eligible: ref.by_funding_eligible,
              updating: ref.by_updating,
            },
            covered: ref.covered,
            population: ref.covered_population,
          });
        }
      }),
      { numRuns: Number(process.env.DERIVED_RUNS ?? 12) },
    );
  });

  it("hold one row per municipality with events, and contiguous periods ending in one open period", async () => {
    const [shapeRow] = await queryRows<{ latest: number; with_events: number; broken: number; open_not_one: number }>(
      t.database.db,
      sql`select
            (select count(*)::int from record_latest) as latest,
            (select count(distinct ags)::int from status_events) as with_events,
            (select count(*)::int from (
              select valid_to, lead(valid_from) over (partition by ags order by valid_from) as next_from from record_periods
            ) x where x.valid_to is distinct from x.next_from) as broken,
            (select count(*)::int from (
              select ags from record_periods group by ags having count(*) filter (where valid_to is null) <> 1
            ) y) as open_not_one`,
    );
    const shape = defined(shapeRow, "shape");
    expect(shape).toEqual({ latest: shape.with_events, with_events: shape.with_events, broken: 0, open_not_one: 0 });
    expect(shape.with_events).toBeGreaterThan(10);
  });
});
