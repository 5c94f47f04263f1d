import {
  type Figures,
  SIZE_CLASSES,
  STATUSES,
  errorResponseSchema,
  municipalityListSchema,
  summarySchema,
  timelineSchema,
} from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHistoryFixture } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await insertHistoryFixture(t.database.db);
});
afterAll(async () => {
  await t.close();
});

async function get(url: string) {
  const res = await t.app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
}

async function listItems(query: string) {
  const body = municipalityListSchema.parse(await get(`/api/municipalities?limit=500&${query}`));
  expect(body.total).toBe(body.items.length);
  return body.items;
}

/** The figures worked out from the list endpoint's rows for the same registry filter (and size class). */
async function figuresFromList(registryQuery: string, sizeClass?: string): Promise<Omit<Figures, "covered"> & { covered: number }> {
  const size = SIZE_CLASSES.find((c) => c.key === sizeClass);
  const items = (await listItems(registryQuery)).filter(
    (i) => !size || (i.population !== null && i.population >= size.min && (size.max === null || i.population < size.max)),
  );
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, items.filter((i) => i.record.status === s).length]));
  return {
    total: items.length,
    population: items.reduce((sum, i) => sum + (i.population ?? 0), 0),
    byStatus: byStatus as Figures["byStatus"],
    covered: items.filter((i) => i.record.current).length,
    expiring: items.filter((i) => i.record.expiring).length,
    stale: items.filter((i) => i.record.stale).length,
  };
}

const cases: [string, string, string | undefined][] = [
  // [stats filter query, list registry query, size class]
  ["district=14522", "district=14522", undefined],
  ["district=14713", "district=14713", undefined],
  ["type=stadt", "type=stadt", undefined],
  ["sizeClass=under_2000", "", "under_2000"],
  ["sizeClass=over_100000", "", "over_100000"],
  ["district=14522&type=gemeinde&sizeClass=2000_5000", "district=14522&type=gemeinde", "2000_5000"],
];

describe("GET /api/stats/summary with filters", () => {
  it.each(["2026-11-25", "2024-06-30", "2020-06-30"])("without filters counts all of Saxony on %s", async (asOf) => {
    const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}`));
    const items = await listItems(`asOf=${asOf}`);
    expect(summary.total).toBe(items.length);
  });

  it.each(cases.flatMap(([query, list, size]) => ["2026-11-25", "2024-06-30"].map((asOf) => [query, list, size, asOf] as const)))(
    "%s equals the list endpoint's counts (%s, size %s) on %s",
    async (query, list, size, asOf) => {
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}&${query}`));
      const expected = await figuresFromList(`asOf=${asOf}&${list}`, size);
      expect(summary.total).toBeGreaterThan(0);
      expect({
        total: summary.total,
        population: summary.population,
        byStatus: summary.byStatus,
        covered: summary.covered.count,
        expiring: summary.expiring,
        stale: summary.stale,
      }).toEqual(expected);
      expect(summary.asOf).toBe(asOf);
    },
  );

  it("counts per status equal the list endpoint's status filter", async () => {
    const summary = summarySchema.parse(await get("/api/stats/summary?district=14522"));
    for (const status of STATUSES) {
      const items = await listItems(`district=14522&status=${status}`);
      expect(summary.byStatus[status], status).toBe(items.length);
    }
    expect(summary.covered.count).toBe((await listItems("district=14522&current=true")).length);
  });

  it.each(["district=1452", "type=dorf", "sizeClass=huge"])("refuses %s with 400", async (query) => {
    const res = await t.app.inject({ method: "GET", url: `/api/stats/summary?${query}` });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).statusCode).toBe(400);
  });
});

describe("GET /api/stats/timeline with filters", () => {
  it.each(cases)("%s: each point equals the filtered summary on its date", async (query) => {
    const timeline = timelineSchema.parse(await get(`/api/stats/timeline?from=2024-05-01&to=2024-06-30&${query}`));
    expect(timeline.points.map((p) => p.date)).toEqual(["2024-05-31", "2024-06-30"]);
    for (const point of timeline.points) {
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${point.date}&${query}`));
      expect(point.total).toBe(summary.total);
      expect(point.byStatus).toEqual(summary.byStatus);
      expect(point.covered).toEqual(summary.covered);
    }
  });

  it("a filtered series counts fewer municipalities than the unfiltered one", async () => {
    const all = timelineSchema.parse(await get("/api/stats/timeline?from=2026-11-01&to=2026-11-25"));
    const one = timelineSchema.parse(await get("/api/stats/timeline?from=2026-11-01&to=2026-11-25&district=14522"));
    expect(one.points[0]?.total).toBeGreaterThan(0);
    expect(one.points[0]?.total).toBeLessThan(all.points[0]?.total ?? 0);
  });
});
