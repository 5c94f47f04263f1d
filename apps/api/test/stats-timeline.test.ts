import { errorResponseSchema, summarySchema, timelineSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/app.js";
import { FIX, type RegistryRow, existsOn, insertHistoryFixture, registryRows } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
let registry: RegistryRow[];
beforeAll(async () => {
  t = await createTestApp();
  await insertHistoryFixture(t.database.db);
  registry = await registryRows(t.database.db);
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

async function timeline(query: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/stats/timeline${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return timelineSchema.parse(res.json());
}

async function error(query: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/stats/timeline${query}` });
  expect(res.statusCode, res.body).toBe(400);
  return errorResponseSchema.parse(res.json());
}

describe("GET /api/stats/timeline", () => {
  it("follows the Jahnatal merger: 419 municipalities until December 2022, 418 from January 2023", async () => {
    const body = await timeline("?from=2022-11-01&to=2023-02-28");
    expect(body).toMatchObject({ from: "2022-11-01", to: "2023-02-28", rules: DEFAULT_RULES, demo: false });
    // Until 2022: Leipzig, Chemnitz, Freiberg, Plauen, Colditz and Ostrau adopted, Kamenz funding-eligible
    // (all seven current), Zschaitz-Ottewig drafting. From 2023 Ostrau and Zschaitz-Ottewig are gone and
    // Jahnatal has no status of its own yet (its predecessors' events do not count for it).
    const coveredBefore = [FIX.leipzig, FIX.chemnitz, FIX.freiberg, FIX.kamenz, FIX.plauen, FIX.colditz, FIX.ostrau];
    const populationOn = (date: string) => sum(registry.filter((r) => existsOn(r, date)).map((r) => r.population ?? 0));
    const populationBefore = populationOn("2022-12-31");
    const populationAfter = populationOn("2023-01-01");
    expect(populationAfter).toBe(populationBefore - populationOf(FIX.ostrau) - populationOf(FIX.zschaitzOttewig) + populationOf(FIX.jahnatal));
    const before = {
      total: 419,
      byStatus: { none: 411, drafting: 1, council_adopted: 6, funding_eligible: 1, updating: 0 },
      covered: {
        count: 7,
        share: 7 / 419,
        population: sum(coveredBefore.map(populationOf)),
        populationShare: sum(coveredBefore.map(populationOf)) / populationBefore,
      },
    };
    const coveredAfter = coveredBefore.filter((ags) => ags !== FIX.ostrau);
    const after = {
      total: 418,
      byStatus: { none: 412, drafting: 0, council_adopted: 5, funding_eligible: 1, updating: 0 },
      covered: {
        count: 6,
        share: 6 / 418,
        population: sum(coveredAfter.map(populationOf)),
        populationShare: sum(coveredAfter.map(populationOf)) / populationAfter,
      },
    };
    expect(body.points).toStrictEqual([
      { date: "2022-11-30", ...before },
      { date: "2022-12-31", ...before },
      { date: "2023-01-31", ...after },
      { date: "2023-02-28", ...after },
    ]);
  });

  it("agrees with the summary on every point of the default range (1 January five years back until today)", async () => {
    const body = await timeline("");
    expect(body.from).toBe("2021-01-01");
    expect(body.to).toBe("2026-11-25");
    expect(body.points).toHaveLength(71);
    expect(body.points[0]?.date).toBe("2021-01-31");
    expect(body.points.at(-1)?.date).toBe("2026-11-25");
    for (const point of body.points) {
      const res = await t.app.inject({ url: `/api/stats/summary?asOf=${point.date}` });
      const summary = summarySchema.parse(res.json());
      expect(point, point.date).toStrictEqual({
        date: point.date,
        total: summary.total,
        byStatus: summary.byStatus,
        covered: summary.covered,
      });
    }
  });

  it.each([
    ["?from=2022-11-15&to=2023-02-15", ["2022-11-30", "2022-12-31", "2023-01-31", "2023-02-15"]],
    ["?from=2024-01-31&to=2024-03-30", ["2024-01-31", "2024-02-29", "2024-03-30"]],
    ["?from=2024-06-03&to=2024-06-20", ["2024-06-20"]],
    ["?from=2025-12-31&to=2026-01-01", ["2025-12-31", "2026-01-01"]],
    ["?from=1990-01-01&to=1990-01-01", ["1990-01-01"]],
    ["?from=2026-09-10", ["2026-09-30", "2026-10-31", "2026-11-25"]],
  ])("puts the points of %s on month ends, the last on `to`", async (query, dates) => {
    expect((await timeline(query)).points.map((p) => p.date)).toEqual(dates);
  });

  it("starts a default range no earlier than 1990 and allows 240 months", async () => {
    const early = await timeline("?to=1992-03-01");
    expect(early.from).toBe("1990-01-01");
    expect(early.points).toHaveLength(27);
    const longest = await timeline("?from=2006-12-01&to=2026-11-30");
    expect(longest.points).toHaveLength(240);
    expect(longest.points[0]?.date).toBe("2006-12-31");
  });

  it.each([
    ["?from=2023-02-01&to=2023-01-31", "querystring.from"],
    ["?from=2027-01-01", "querystring.from"],
    ["?from=2006-11-30&to=2026-11-30", "querystring.from"],
    ["?from=1989-12-31&to=2000-01-01", "querystring.from"],
    ["?to=1989-12-31", "querystring.to"],
  ])("rejects the range %s with 400 INVALID_RANGE naming %s", async (query, path) => {
    const body = await error(query);
    expect(body.code).toBe("INVALID_RANGE");
    expect(body.issues?.map((i) => i.path)).toEqual([path]);
  });

  it.each([
    ["?from=2023-02-30", "querystring.from"],
    ["?to=2023-13-01", "querystring.to"],
    ["?from=last-year", "querystring.from"],
    ["?to=2023-1-5", "querystring.to"],
  ])("rejects the date in %s with 400 VALIDATION_FAILED naming %s", async (query, path) => {
    const body = await error(query);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.issues?.map((i) => i.path)).toContain(path);
  });
});
