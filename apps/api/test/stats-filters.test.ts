import {
  type Figures,
  SIZE_CLASSES,
  STATUSES,
  associationDetailSchema,
  districtStatsSchema,
  errorResponseSchema,
  municipalityListSchema,
  statusMapSchema,
  summarySchema,
  timelineSchema,
} from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertHistoryFixture, recordFixtureEvent } from "./helpers/history-fixture.js";
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

describe("GET /api/stats/districts with filters", () => {
  const zero: Figures = {
    total: 0,
    population: 0,
    byStatus: { none: 0, drafting: 0, council_adopted: 0, funding_eligible: 0, updating: 0 },
    covered: { count: 0, share: 0, population: 0, populationShare: 0 },
    expiring: 0,
    stale: 0,
  };
  const figuresOf = (f: Figures): Figures => ({
    total: f.total,
    population: f.population,
    byStatus: f.byStatus,
    covered: f.covered,
    expiring: f.expiring,
    stale: f.stale,
  });
  /** The summary of the filter narrowed to one more condition, or null when that contradicts the filter. */
  async function narrowedSummary(asOf: string, query: string, key: "district" | "sizeClass", value: string) {
    const params = new URLSearchParams(query);
    const own = params.get(key);
    if (own !== null && own !== value) return null;
    params.set(key, value);
    params.set("asOf", asOf);
    return figuresOf(summarySchema.parse(await get(`/api/stats/summary?${params.toString()}`)));
  }

  it.each(cases.flatMap(([query]) => ["2026-11-25", "2020-06-30"].map((asOf) => [query, asOf] as const)))(
    "%s on %s: every district and size class equals the summary narrowed to it",
    async (query, asOf) => {
      const stats = districtStatsSchema.parse(await get(`/api/stats/districts?asOf=${asOf}&${query}`));
      expect(stats.asOf).toBe(asOf);
      expect(stats.items).toHaveLength(13);
      expect(stats.sizeClasses.map((c) => c.key)).toEqual(SIZE_CLASSES.map((c) => c.key));
      for (const item of stats.items) {
        const expected = await narrowedSummary(asOf, query, "district", item.key);
        expect(figuresOf(item), `district ${item.key}`).toEqual(expected ?? zero);
      }
      for (const size of stats.sizeClasses) {
        const expected = await narrowedSummary(asOf, query, "sizeClass", size.key);
        expect(figuresOf(size), `size class ${size.key}`).toEqual(expected ?? zero);
      }
      // The districts add up to the filtered summary.
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}&${query}`));
      expect(summary.total).toBeGreaterThan(0);
      expect(stats.items.reduce((sum, item) => sum + item.total, 0)).toBe(summary.total);
      expect(stats.items.reduce((sum, item) => sum + item.covered.count, 0)).toBe(summary.covered.count);
    },
  );

  it("a filter changes the figures: a district filter leaves the other twelve districts at zero", async () => {
    const all = districtStatsSchema.parse(await get("/api/stats/districts"));
    const one = districtStatsSchema.parse(await get("/api/stats/districts?district=14522"));
    expect(all.items.filter((item) => item.total > 0)).toHaveLength(13);
    expect(one.items.filter((item) => item.total > 0).map((item) => item.key)).toEqual(["14522"]);
    expect(one.items.find((item) => item.key === "14522")).toEqual(all.items.find((item) => item.key === "14522"));
  });

  it.each(["district=1452", "type=dorf", "sizeClass=huge", "asOf=2026-13-01"])("refuses %s with 400", async (query) => {
    const res = await t.app.inject({ method: "GET", url: `/api/stats/districts?${query}` });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).statusCode).toBe(400);
  });
});

describe("GET /api/stats/status-map", () => {
  it.each(["2026-11-25", "2024-06-30", "2020-06-30"])("lists the municipalities of %s with the list endpoint's statuses", async (asOf) => {
    const map = statusMapSchema.parse(await get(`/api/stats/status-map?asOf=${asOf}`));
    const items = await listItems(`asOf=${asOf}&sort=ags`);
    expect(map.asOf).toBe(asOf);
    expect(map.items.length).toBeGreaterThan(0);
    expect(map.items).toEqual(
      items.map((i) => ({
        ags: i.ags,
        displayName: i.displayName,
        districtKey: i.districtKey,
        districtName: i.districtName,
        type: i.type,
        population: i.population,
        status: i.record.status,
        current: i.record.current,
      })),
    );
    const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}`));
    expect(map.items.length).toBe(summary.total);
    expect(map.items.filter((i) => i.current).length).toBe(summary.covered.count);
  });

  it("defaults to today and refuses an invalid date with 400", async () => {
    const map = statusMapSchema.parse(await get("/api/stats/status-map"));
    expect(map.asOf).toBe("2026-11-25");
    const res = await t.app.inject({ method: "GET", url: "/api/stats/status-map?asOf=2026-02-30" });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).statusCode).toBe(400);
  });
});

describe("GET /api/stats/timeline on days with several events", () => {
  // Runs last in this file: the extra events only add to what the other tests compare against live answers.
  const EICHIGT = "14523080";
  it("takes the latest event of a day (by id), and the adoption on record apart from the status", async () => {
    const add = (status: "council_adopted" | "drafting" | "updating", effectiveDate: string, recordedAt: string) =>
      recordFixtureEvent(t.database.db, {
        ags: EICHIGT,
        status,
        effectiveDate,
        recordedAt,
        ...(status === "council_adopted" ? { councilResolutionDate: "2025-01-20" } : {}),
      });
    // Adopted and, on the same day (a month end), set back to drafting: drafting wins, the adoption stays on record.
    await add("council_adopted", "2025-01-31", "2025-02-01T09:00:00Z");
    await add("drafting", "2025-01-31", "2025-02-01T10:00:00Z");
    // Updating from March: current again, on the strength of the January adoption.
    await add("updating", "2025-03-15", "2025-03-16T09:00:00Z");

    const timeline = timelineSchema.parse(await get("/api/stats/timeline?from=2024-12-01&to=2025-04-30&district=14523"));
    expect(timeline.points.map((p) => p.date)).toEqual(["2024-12-31", "2025-01-31", "2025-02-28", "2025-03-31", "2025-04-30"]);
    for (const point of timeline.points) {
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${point.date}&district=14523`));
      expect(point.byStatus, point.date).toEqual(summary.byStatus);
      expect(point.covered, point.date).toEqual(summary.covered);
    }
    const map = async (asOf: string) =>
      statusMapSchema.parse(await get(`/api/stats/status-map?asOf=${asOf}`)).items.find((i) => i.ags === EICHIGT);
    expect(await map("2025-01-31")).toMatchObject({ status: "drafting", current: false });
    expect(await map("2025-03-31")).toMatchObject({ status: "updating", current: true });
    const [jan, mar] = [timeline.points[1], timeline.points[3]];
    expect((mar?.covered.count ?? 0) - (jan?.covered.count ?? 0)).toBe(1);
  });
});

describe("statistics filtered by an association", () => {
  const KLOSTERWASSER = "146255501";
  const OSTRAU_VG = "145225123";
  const members = async (key: string, asOf: string) =>
    associationDetailSchema
      .parse(await get(`/api/associations/${key}`))
      .members.filter((m) => (m.validFrom === null || m.validFrom <= asOf) && (m.validTo === null || m.validTo > asOf))
      .map((m) => m.ags)
      .sort();

  it.each([
    [KLOSTERWASSER, "2026-11-25"],
    [KLOSTERWASSER, "2020-06-30"],
    [OSTRAU_VG, "2022-12-31"],
  ])("%s on %s: summary, districts and status map count exactly the members", async (key, asOf) => {
    const expectedAgs = await members(key, asOf);
    expect(expectedAgs.length).toBeGreaterThan(0);
    const listed = await listItems(`asOf=${asOf}&association=${key}&sort=ags`);
    expect(listed.map((i) => i.ags)).toEqual(expectedAgs);

    const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${asOf}&association=${key}`));
    const expected = await figuresFromList(`asOf=${asOf}&association=${key}`);
    expect({
      total: summary.total,
      population: summary.population,
      byStatus: summary.byStatus,
      covered: summary.covered.count,
      expiring: summary.expiring,
      stale: summary.stale,
    }).toEqual(expected);
    expect(summary.total).toBe(expectedAgs.length);

    const districts = districtStatsSchema.parse(await get(`/api/stats/districts?asOf=${asOf}&association=${key}`));
    expect(districts.items.reduce((sum, item) => sum + item.total, 0)).toBe(expectedAgs.length);
    expect(districts.items.filter((item) => item.total > 0).map((item) => item.key)).toEqual([key.slice(0, 5)]);
    expect(districts.sizeClasses.reduce((sum, c) => sum + c.total, 0)).toBe(
      listed.filter((i) => i.population !== null).length,
    );

    const map = statusMapSchema.parse(await get(`/api/stats/status-map?asOf=${asOf}&association=${key}`));
    expect(map.items.map((i) => i.ags)).toEqual(expectedAgs);
    expect(map.items.map((i) => [i.status, i.current])).toEqual(listed.map((i) => [i.record.status, i.record.current]));
  });

  it("follows the membership of the date: VG Ostrau before and after 2023-01-01", async () => {
    const before = summarySchema.parse(await get(`/api/stats/summary?asOf=2022-12-31&association=${OSTRAU_VG}`));
    const after = summarySchema.parse(await get(`/api/stats/summary?asOf=2023-01-01&association=${OSTRAU_VG}`));
    expect(before.total).toBe(2);
    expect(after.total).toBe(0);
    const map = statusMapSchema.parse(await get(`/api/stats/status-map?asOf=2023-01-01&association=${OSTRAU_VG}`));
    expect(map.items).toEqual([]);
    // The timeline counts the members on each point's date.
    const timeline = timelineSchema.parse(
      await get(`/api/stats/timeline?from=2022-11-01&to=2023-01-31&association=${OSTRAU_VG}`),
    );
    expect(timeline.points.map((p) => [p.date, p.total])).toEqual([
      ["2022-11-30", 2],
      ["2022-12-31", 2],
      ["2023-01-31", 0],
    ]);
  });

  it("each timeline point equals the association's summary on its date", async () => {
    const query = `association=${KLOSTERWASSER}&type=gemeinde`;
    const timeline = timelineSchema.parse(await get(`/api/stats/timeline?from=2024-04-01&to=2024-06-30&${query}`));
    expect(timeline.points).toHaveLength(3);
    for (const point of timeline.points) {
      const summary = summarySchema.parse(await get(`/api/stats/summary?asOf=${point.date}&${query}`));
      expect(point.total, point.date).toBeGreaterThan(0);
      expect(point.total, point.date).toBe(summary.total);
      expect(point.byStatus, point.date).toEqual(summary.byStatus);
      expect(point.covered, point.date).toEqual(summary.covered);
    }
  });

  it("an unknown but well-formed key counts nothing, as the list lists nothing", async () => {
    expect(summarySchema.parse(await get("/api/stats/summary?association=999999999")).total).toBe(0);
    expect(await listItems("association=999999999")).toEqual([]);
  });

  it.each([
    "/api/stats/summary?association=1462555",
    "/api/stats/districts?association=x",
    "/api/stats/timeline?association=14625550a",
    "/api/stats/status-map?association=1462555011",
  ])("refuses %s with 400 naming the field, as the list does", async (url) => {
    const res = await t.app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.issues?.map((i) => i.path)).toContain("querystring.association");
  });
});
