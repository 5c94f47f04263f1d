import { STATUSES, districtStatsSchema, errorResponseSchema, municipalityListSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIX, insertHistoryFixture } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await insertHistoryFixture(t.database.db);
});
afterAll(async () => {
  await t.close();
});

async function list(query: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/municipalities?sort=ags&limit=500&${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return municipalityListSchema.parse(res.json());
}

async function agsOf(query: string) {
  const body = await list(query);
  expect(body.total).toBe(body.items.length);
  return body.items.map((i) => i.ags);
}

const sorted = (...ags: string[]) => [...ags].sort();

// The history is described in helpers/history-fixture.ts; the fixed clock says 2026-11-25.
describe("list filters on the INSEK record (today)", () => {
  it.each([
    ["status=council_adopted", sorted(FIX.chemnitz, FIX.freiberg, FIX.jahnatal, FIX.colditz, FIX.leipzig)],
    ["status=funding_eligible", [FIX.kamenz]],
    ["status=updating", [FIX.plauen]],
    ["status=drafting", [FIX.eichigt]],
    ["current=true", sorted(FIX.leipzig, FIX.freiberg, FIX.kamenz, FIX.plauen, FIX.jahnatal)],
    ["expiring=true", [FIX.freiberg]],
    ["stale=false", sorted(FIX.leipzig, FIX.plauen, FIX.colditz)],
    ["status=council_adopted&current=false", sorted(FIX.chemnitz, FIX.colditz)],
  ])("%s", async (query, expected) => {
    expect(await agsOf(query)).toEqual(expected);
  });

  it.each([
    ["status=none", 410],
    ["current=false", 413],
    ["expiring=false", 417],
    ["stale=true", 415],
    ["current=1&stale=0", 2],
  ])("%s counts %i", async (query, total) => {
    expect((await list(query)).total).toBe(total);
  });

  it.each([
    ["district=14522&current=true", sorted(FIX.freiberg, FIX.jahnatal)],
    ["district=14522&status=council_adopted&expiring=true", [FIX.freiberg]],
    ["district=14523&stale=false", [FIX.plauen]],
    ["district=14523&status=drafting&stale=true", [FIX.eichigt]],
    // The mistaken adoption of 2017 was superseded; the corrected one of 2016 lapsed on 2026-08-31.
    ["district=14729&status=council_adopted&current=false", [FIX.colditz]],
    ["district=14729&current=true", []],
    ["district=14612&status=council_adopted", []],
  ])("%s (combined with the district)", async (query, expected) => {
    expect(await agsOf(query)).toEqual(expected);
  });

  it("shows the record that the filters match", async () => {
    const [colditz] = (await list(`q=${FIX.colditz}`)).items;
    expect(colditz?.record).toMatchObject({
      status: "council_adopted",
      councilResolutionDate: "2016-09-01",
      currentUntil: "2026-08-31",
      current: false,
      stale: false,
    });
    const [freiberg] = (await list(`q=${FIX.freiberg}`)).items;
    expect(freiberg?.record).toMatchObject({ currentUntil: "2027-01-09", current: true, expiring: true, stale: true });
  });
});

describe("sorting by the end of currency (currentUntil)", () => {
  const byCurrency = [FIX.chemnitz, FIX.colditz, FIX.freiberg, FIX.plauen, FIX.kamenz, FIX.leipzig, FIX.jahnatal];

  it("sorts the adopted concepts by their last current day, those without one last", async () => {
    const res = await t.app.inject({ url: "/api/municipalities?sort=currentUntil&limit=500" });
    expect(res.statusCode, res.body).toBe(200);
    const { items, total } = municipalityListSchema.parse(res.json());
    expect(total).toBe(418);
    expect(items.slice(0, byCurrency.length).map((i) => i.ags)).toEqual(byCurrency);
    expect(items.slice(byCurrency.length).every((i) => i.record.currentUntil === null)).toBe(true);
  });

  it("sorts descending with the filters and pages, those without one still last", async () => {
    const res = await t.app.inject({ url: "/api/municipalities?sort=-currentUntil&limit=3&offset=1" });
    expect(res.statusCode, res.body).toBe(200);
    const body = municipalityListSchema.parse(res.json());
    expect(body.items.map((i) => i.ags)).toEqual([...byCurrency].reverse().slice(1, 4));
    const filtered = municipalityListSchema.parse(
      (await t.app.inject({ url: "/api/municipalities?sort=-currentUntil&district=14522&limit=500" })).json(),
    );
    expect(filtered.items.slice(0, 2).map((i) => i.ags)).toEqual([FIX.jahnatal, FIX.freiberg]);
    expect(filtered.items.at(-1)?.record.currentUntil).toBeNull();
  });

  it("rejects an unknown sort with 400 naming the field", async () => {
    const res = await t.app.inject({ url: "/api/municipalities?sort=current_until" });
    expect(res.statusCode, res.body).toBe(400);
    expect(JSON.stringify(res.json())).toContain("querystring.sort");
  });
});

describe("list filters on a past date", () => {
  it.each([
    ["asOf=2024-06-30&expiring=true", [FIX.chemnitz]],
    ["asOf=2024-06-30&stale=false", [FIX.eichigt]],
    ["asOf=2024-06-30&status=updating", []],
    ["asOf=2024-06-30&district=14522&status=drafting", [FIX.jahnatal]],
    ["asOf=2020-06-30&district=14522&status=council_adopted", sorted(FIX.freiberg, FIX.ostrau)],
    ["asOf=2020-06-30&district=14522&status=drafting", [FIX.zschaitzOttewig]],
    ["asOf=2020-06-30&district=14522&current=true", sorted(FIX.freiberg, FIX.ostrau)],
    ["asOf=2016-06-30&current=true", [FIX.chemnitz]],
  ])("%s", async (query, expected) => {
    expect(await agsOf(query)).toEqual(expected);
  });
});

describe("list and statistics agree", () => {
  it.each(["2026-11-25", "2020-06-30"])("per district and status on %s", async (asOf) => {
    const res = await t.app.inject({ url: `/api/stats/districts?asOf=${asOf}` });
    const stats = districtStatsSchema.parse(res.json());
    for (const district of stats.items) {
      for (const status of STATUSES) {
        const { total } = await list(`asOf=${asOf}&district=${district.key}&status=${status}`);
        expect(total, `${district.key} ${status}`).toBe(district.byStatus[status]);
      }
      expect((await list(`asOf=${asOf}&district=${district.key}&current=true`)).total).toBe(district.covered.count);
      expect((await list(`asOf=${asOf}&district=${district.key}&expiring=true`)).total).toBe(district.expiring);
      expect((await list(`asOf=${asOf}&district=${district.key}&stale=true`)).total).toBe(district.stale);
    }
  });
});

describe("invalid filter values", () => {
  it.each([
    ["current=maybe", "querystring.current"],
    ["expiring=yes", "querystring.expiring"],
    ["stale=", "querystring.stale"],
    ["status=adopted", "querystring.status"],
  ])("rejects %s with 400 naming %s", async (query, path) => {
    const res = await t.app.inject({ url: `/api/municipalities?${query}` });
    expect(res.statusCode, res.body).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.issues?.map((i) => i.path)).toContain(path);
  });
});
