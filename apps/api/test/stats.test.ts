import {
  type Figures,
  type Rules,
  SIZE_CLASSES,
  type Status,
  districtStatsSchema,
  errorResponseSchema,
  summarySchema,
  timelineSchema,
} from "@insek/contracts";
import type { TestDatabase } from "@insek/db/testing";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, DEFAULT_RULES, buildApp } from "../src/app.js";
import { FIX, type RegistryRow, existsOn, insertHistoryFixture, registryRows } from "./helpers/history-fixture.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/** What a fixture municipality's record is on a date, worked out by hand from the history in history-fixture.ts. */
interface Expected {
  status: Status;
  current: boolean;
  expiring: boolean;
  stale: boolean;
}
const rec = (status: Status, current: boolean, expiring: boolean, stale: boolean): Expected => ({ status, current, expiring, stale });

// Rules 10 years / 12 months / 12 months. Everybody not listed: none, not current, stale.
const ON_2026_11_25: Record<string, Expected> = {
  [FIX.leipzig]: rec("council_adopted", true, false, false), // until 2030-06-09; confirmed 2026-10-15
  [FIX.chemnitz]: rec("council_adopted", false, false, true), // lapsed 2025-02-28
  [FIX.freiberg]: rec("council_adopted", true, true, true), // until 2027-01-09: within 12 months
  [FIX.kamenz]: rec("funding_eligible", true, false, true), // until 2029-05-19
  [FIX.plauen]: rec("updating", true, false, false), // until 2028-02-13; recorded 2025-12-10
  [FIX.eichigt]: rec("drafting", false, false, true), // last activity 2024-03-15
  [FIX.colditz]: rec("council_adopted", false, false, false), // corrected to 2016-09-01: lapsed 2026-08-31
  [FIX.jahnatal]: rec("council_adopted", true, false, true), // until 2034-08-31; recorded 2024-09-03
};
const ON_2024_06_30: Record<string, Expected> = {
  [FIX.leipzig]: rec("council_adopted", true, false, true), // the confirmation is not recorded yet
  [FIX.chemnitz]: rec("council_adopted", true, true, true), // until 2025-02-28
  [FIX.freiberg]: rec("council_adopted", true, false, true),
  [FIX.kamenz]: rec("funding_eligible", true, false, true),
  [FIX.plauen]: rec("council_adopted", true, false, true), // updating only from 2025-09-01
  [FIX.eichigt]: rec("drafting", false, false, false), // recorded 2024-03-15
  [FIX.colditz]: rec("council_adopted", true, false, true), // until 2026-08-31; last recorded 2017-09-05
  [FIX.jahnatal]: rec("drafting", false, false, true), // adopted only 2024-09-01
};
const ON_2020_06_30: Record<string, Expected> = {
  [FIX.leipzig]: rec("council_adopted", true, false, false), // recorded 2020-06-12
  [FIX.chemnitz]: rec("council_adopted", true, false, true),
  [FIX.freiberg]: rec("council_adopted", true, false, true),
  [FIX.kamenz]: rec("council_adopted", true, false, true), // funding_eligible only from 2021
  [FIX.plauen]: rec("council_adopted", true, false, true),
  [FIX.colditz]: rec("council_adopted", true, false, true),
  [FIX.ostrau]: rec("council_adopted", true, false, true),
  [FIX.zschaitzOttewig]: rec("drafting", false, false, true),
};
const ON_2016_06_30: Record<string, Expected> = {
  [FIX.chemnitz]: rec("council_adopted", true, false, true),
};

let t: TestApp;
let registry: RegistryRow[];
let districtRows: { key: string; name: string; type: "kreisfreie_stadt" | "landkreis" }[];

beforeAll(async () => {
  t = await createTestApp();
  await insertHistoryFixture(t.database.db);
  registry = await registryRows(t.database.db);
  districtRows = await queryRows(t.database.db, sql`select key, name, type from districts order by key`);
});
afterAll(async () => {
  await t.close();
});

function populationOf(ags: string): number {
  const population = registry.find((r) => r.ags === ags)?.population;
  if (population == null) throw new Error(`no population for ${ags}`);
  return population;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** The figures of a group of registry rows, given each fixture municipality's hand-made record. */
function expectedFigures(rows: RegistryRow[], records: Record<string, Expected>): Figures {
  const recordOf = (row: RegistryRow) => records[row.ags] ?? rec("none", false, false, true);
  const byStatus = { none: 0, drafting: 0, council_adopted: 0, funding_eligible: 0, updating: 0 };
  for (const row of rows) byStatus[recordOf(row).status] += 1;
  const covered = rows.filter((row) => recordOf(row).current);
  const population = sum(rows.map((row) => row.population ?? 0));
  const coveredPopulation = sum(covered.map((row) => row.population ?? 0));
  return {
    total: rows.length,
    population,
    byStatus,
    covered: {
      count: covered.length,
      share: rows.length === 0 ? 0 : covered.length / rows.length,
      population: coveredPopulation,
      populationShare: population === 0 ? 0 : coveredPopulation / population,
    },
    expiring: rows.filter((row) => recordOf(row).expiring).length,
    stale: rows.filter((row) => recordOf(row).stale).length,
  };
}

async function get(url: string, app: App = t.app) {
  const res = await app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
}

async function error(url: string, status: number, app: App = t.app) {
  const res = await app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(status);
  return errorResponseSchema.parse(res.json());
}

describe("GET /api/stats/summary", () => {
  it("counts today's 418 municipalities by status, coverage, expiring and stale records", async () => {
    const body = summarySchema.parse(await get("/api/stats/summary"));
    const total = 418;
    const population = sum(registry.filter((r) => existsOn(r, "2026-11-25")).map((r) => r.population ?? 0));
    const coveredPopulation = sum([FIX.leipzig, FIX.freiberg, FIX.kamenz, FIX.plauen, FIX.jahnatal].map(populationOf));
    expect(body).toStrictEqual({
      asOf: "2026-11-25",
      total,
      population,
      byStatus: { none: 410, drafting: 1, council_adopted: 5, funding_eligible: 1, updating: 1 },
      covered: {
        count: 5,
        share: 5 / total,
        population: coveredPopulation,
        populationShare: coveredPopulation / population,
      },
      expiring: 1,
      stale: 415,
      rules: DEFAULT_RULES,
      demo: false,
    });
    expect(body).toMatchObject(expectedFigures(registry.filter((r) => existsOn(r, "2026-11-25")), ON_2026_11_25));
    expect(await get("/api/stats/summary?asOf=2026-11-25")).toStrictEqual(body);
  });

  it("answers for 2024-06-30, when Chemnitz's concept was still current but expiring", async () => {
    const body = summarySchema.parse(await get("/api/stats/summary?asOf=2024-06-30"));
    const covered = [FIX.leipzig, FIX.chemnitz, FIX.freiberg, FIX.kamenz, FIX.plauen, FIX.colditz];
    expect(body).toMatchObject({
      asOf: "2024-06-30",
      total: 418,
      byStatus: { none: 410, drafting: 2, council_adopted: 5, funding_eligible: 1, updating: 0 },
      covered: { count: 6, share: 6 / 418, population: sum(covered.map(populationOf)) },
      expiring: 1,
      stale: 417,
    });
    expect(body).toMatchObject(expectedFigures(registry.filter((r) => existsOn(r, "2024-06-30")), ON_2024_06_30));
  });

  it("counts the 419 municipalities of 2020, Ostrau and Zschaitz-Ottewig included, and not Jahnatal", async () => {
    const body = summarySchema.parse(await get("/api/stats/summary?asOf=2020-06-30"));
    const covered = [FIX.leipzig, FIX.chemnitz, FIX.freiberg, FIX.kamenz, FIX.plauen, FIX.colditz, FIX.ostrau];
    const existing = registry.filter((r) => existsOn(r, "2020-06-30"));
    expect(existing.map((r) => r.ags)).toEqual(expect.arrayContaining([FIX.ostrau, FIX.zschaitzOttewig]));
    expect(body).toMatchObject({
      total: 419,
      byStatus: { none: 411, drafting: 1, council_adopted: 7, funding_eligible: 0, updating: 0 },
      covered: { count: 7, share: 7 / 419, population: sum(covered.map(populationOf)) },
      expiring: 0,
      stale: 418,
    });
    expect(body).toMatchObject(expectedFigures(existing, ON_2020_06_30));
  });

  it("counts the 426 municipalities of 2016 (dissolved ones without a population add none)", async () => {
    const body = summarySchema.parse(await get("/api/stats/summary?asOf=2016-06-30"));
    const existing = registry.filter((r) => existsOn(r, "2016-06-30"));
    expect(body).toMatchObject({
      total: 426,
      population: sum(existing.map((r) => r.population ?? 0)),
      byStatus: { none: 425, drafting: 0, council_adopted: 1, funding_eligible: 0, updating: 0 },
      covered: { count: 1, share: 1 / 426, population: populationOf(FIX.chemnitz) },
      expiring: 0,
      stale: 426,
    });
    expect(body).toMatchObject(expectedFigures(existing, ON_2016_06_30));
  });

  it.each(["2026-02-30", "yesterday", "2026-1-5", ""])("rejects asOf=%s with 400 naming querystring.asOf", async (asOf) => {
    for (const path of ["summary", "districts"]) {
      const body = await error(`/api/stats/${path}?asOf=${asOf}`, 400);
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.issues?.map((i) => i.path)).toContain("querystring.asOf");
    }
  });
});

describe("GET /api/stats/districts", () => {
  it.each([
    ["2026-11-25", ON_2026_11_25],
    ["2024-06-30", ON_2024_06_30],
    ["2020-06-30", ON_2020_06_30],
    ["2016-06-30", ON_2016_06_30],
  ])("gives the figures of all 13 districts and 7 size classes on %s", async (asOf, records) => {
    const body = districtStatsSchema.parse(await get(`/api/stats/districts?asOf=${asOf}`));
    const existing = registry.filter((r) => existsOn(r, asOf));
    expect(body.asOf).toBe(asOf);
    expect(body.rules).toStrictEqual(DEFAULT_RULES);
    expect(body.demo).toBe(false);
    expect(body.items).toStrictEqual(
      districtRows.map((d) => ({
        ...expectedFigures(existing.filter((r) => r.district_key === d.key), records),
        key: d.key,
        name: d.name,
        type: d.type,
      })),
    );
    expect(body.sizeClasses).toStrictEqual(
      SIZE_CLASSES.map((c) => ({
        ...expectedFigures(
          existing.filter((r) => r.population !== null && r.population >= c.min && (c.max === null || r.population < c.max)),
          records,
        ),
        key: c.key,
        min: c.min,
        max: c.max,
      })),
    );
  });

  it("sums up to the summary, except municipalities of unknown population in the size classes", async () => {
    for (const asOf of ["2026-11-25", "2016-06-30"]) {
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}`));
      const body = districtStatsSchema.parse(await get(`/api/stats/districts?asOf=${asOf}`));
      expect(sum(body.items.map((d) => d.total))).toBe(summary.total);
      expect(sum(body.items.map((d) => d.covered.count))).toBe(summary.covered.count);
      expect(sum(body.items.map((d) => d.stale))).toBe(summary.stale);
      expect(sum(body.sizeClasses.map((c) => c.population))).toBe(summary.population);
      const unknown = registry.filter((r) => existsOn(r, asOf) && r.population === null).length;
      expect(sum(body.sizeClasses.map((c) => c.total))).toBe(summary.total - unknown);
    }
    // Eight municipalities dissolved before 2019 have no population in the directory.
    expect(registry.filter((r) => existsOn(r, "2016-06-30") && r.population === null)).toHaveLength(8);
    expect(registry.filter((r) => existsOn(r, "2023-01-01") && r.population === null)).toHaveLength(0);
  });

  it("shows Mittelsachsen before and after the Jahnatal merger", async () => {
    const mittelsachsen = async (asOf: string) =>
      districtStatsSchema.parse(await get(`/api/stats/districts?asOf=${asOf}`)).items.find((d) => d.key === "14522");
    const before = await mittelsachsen("2020-06-30");
    const after = await mittelsachsen("2026-11-25");
    expect(before).toMatchObject({
      name: "Mittelsachsen",
      type: "landkreis",
      total: 53,
      byStatus: { council_adopted: 2, drafting: 1 },
      covered: { count: 2, population: populationOf(FIX.freiberg) + populationOf(FIX.ostrau) },
    });
    expect(after).toMatchObject({
      total: 52,
      byStatus: { council_adopted: 2, drafting: 0 },
      covered: { count: 2, share: 2 / 52, population: populationOf(FIX.freiberg) + populationOf(FIX.jahnatal) },
      expiring: 1,
    });
  });
});

describe("rules and the demo flag", () => {
  const rules: Rules = { currencyYears: 8, expiringMonths: 24, staleMonths: 36 };
  let other: TestApp;
  let database: TestDatabase;
  let app: App;
  beforeAll(async () => {
    // A second app with other rules, on a database of its own prepared like every test database.
    other = await createTestApp();
    database = other.database;
    await insertHistoryFixture(database.db);
    app = await buildApp({ database, clock: fixedClock, rules });
  });
  afterAll(async () => {
    await app.close();
    await other.close();
  });

  it("applies the configured rules and returns them", async () => {
    const body = summarySchema.parse(await get("/api/stats/summary", app));
    // 8 years: Leipzig (until 2028-06-09), Kamenz (2027-05-19) and Jahnatal (2032-08-31) are current;
    // Freiberg (2025-01-09) and Plauen (2026-02-13) are not. Within 24 months: Leipzig and Kamenz.
    // Stale = nothing recorded since 2023-11-25: all but Leipzig, Plauen, Eichigt, Colditz, Jahnatal.
    expect(body).toMatchObject({
      rules,
      covered: { count: 3, population: sum([FIX.leipzig, FIX.kamenz, FIX.jahnatal].map(populationOf)) },
      expiring: 2,
      stale: 413,
    });
    expect(districtStatsSchema.parse(await get("/api/stats/districts", app)).rules).toStrictEqual(rules);
    expect(timelineSchema.parse(await get("/api/stats/timeline", app)).rules).toStrictEqual(rules);
  });

  it("says demo while app_settings holds demo_data", async () => {
    expect(summarySchema.parse(await get("/api/stats/summary", app)).demo).toBe(false);
    await database.db.execute(sql`insert into app_settings (key, value) values ('demo_data', '{"seededAt": "2026-11-01"}'::jsonb)`);
    expect(summarySchema.parse(await get("/api/stats/summary", app)).demo).toBe(true);
    expect(districtStatsSchema.parse(await get("/api/stats/districts", app)).demo).toBe(true);
    expect(timelineSchema.parse(await get("/api/stats/timeline?from=2026-01-01", app)).demo).toBe(true);
  });
});

describe("an empty registry", () => {
  let empty: TestApp;
  beforeAll(async () => {
    empty = await createTestApp({ seeded: false });
  });
  afterAll(async () => {
    await empty.close();
  });

  it("answers zeros, with shares of 0 rather than a division by zero", async () => {
    const zero = {
      total: 0,
      population: 0,
      byStatus: { none: 0, drafting: 0, council_adopted: 0, funding_eligible: 0, updating: 0 },
      covered: { count: 0, share: 0, population: 0, populationShare: 0 },
    };
    expect(summarySchema.parse(await get("/api/stats/summary", empty.app))).toMatchObject({ ...zero, expiring: 0, stale: 0 });
    const districts = districtStatsSchema.parse(await get("/api/stats/districts", empty.app));
    expect(districts.items).toEqual([]);
    expect(districts.sizeClasses.map((c) => c.key)).toEqual(SIZE_CLASSES.map((c) => c.key));
    expect(districts.sizeClasses.every((c) => c.total === 0 && c.covered.share === 0)).toBe(true);
    const timeline = timelineSchema.parse(await get("/api/stats/timeline?from=2026-10-01", empty.app));
    const { population: _population, ...point } = zero;
    expect(timeline.points).toStrictEqual([
      { date: "2026-10-31", ...point },
      { date: "2026-11-25", ...point },
    ]);
  });
});
