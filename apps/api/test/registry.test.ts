import {
  districtListSchema,
  errorResponseSchema,
  municipalityDetailSchema,
  municipalityListSchema,
} from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function list(query: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/municipalities?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return municipalityListSchema.parse(res.json());
}

async function error(url: string, status: number) {
  const res = await t.app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(status);
  return errorResponseSchema.parse(res.json());
}

describe("GET /api/districts", () => {
  it("lists the 13 districts with today's municipality counts", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/districts" });
    const { items } = districtListSchema.parse(res.json());
    expect(items).toHaveLength(13);
    expect(items.reduce((s, d) => s + d.municipalityCount, 0)).toBe(418);
    expect(items.find((d) => d.key === "14511")).toMatchObject({ type: "kreisfreie_stadt", municipalityCount: 1 });
    expect(items.filter((d) => d.type === "landkreis")).toHaveLength(10);
    const mittelsachsen = items.find((d) => d.key === "14522");
    expect(mittelsachsen?.population).toBeGreaterThan(250_000);
  });

  it("counts the municipalities of a past date", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/districts?asOf=2016-06-30" });
    const { items } = districtListSchema.parse(res.json());
    expect(items.reduce((s, d) => s + d.municipalityCount, 0)).toBe(426);
  });

  it("rejects an impossible date with the field named", async () => {
    const body = await error("/api/districts?asOf=2026-02-30", 400);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.issues?.map((i) => i.path)).toContain("querystring.asOf");
  });
});

describe("GET /api/municipalities", () => {
  it("returns today's 418 municipalities, 50 per page by default, sorted by name", async () => {
    const body = await list("");
    expect(body.total).toBe(418);
    expect(body.items).toHaveLength(50);
    const keys = body.items.map((i) => i.displayName);
    expect(keys[0]).toBe("Adorf/Vogtl.");
  });

  it.each([
    ["grossenhain", "14627060"],
    ["Großenhain", "14627060"],
    ["GROSSENHAIN", "14627060"],
    ["loebau", "14626290"],
    ["Löbau", "14626290"],
    ["budysin", "14625020"],
  ])("finds %s regardless of case and umlauts", async (q, ags) => {
    const body = await list(`q=${encodeURIComponent(q)}`);
    expect(body.items.map((i) => i.ags)).toContain(ags);
  });

  it("treats digits as an AGS prefix and LIKE wildcards literally", async () => {
    const byPrefix = await list("q=14511&limit=500");
    expect(byPrefix.items.map((i) => i.ags)).toEqual(["14511000"]);
    expect((await list("q=1452&limit=500")).items.every((i) => i.ags.startsWith("1452"))).toBe(true);
    expect((await list("q=%25")).total).toBe(0);
    expect((await list("q=_")).total).toBe(0);
  });

  it("filters by district and type", async () => {
    const district = await list("district=14522&limit=500");
    expect(district.total).toBe(district.items.length);
    expect(district.items.every((i) => i.districtKey === "14522")).toBe(true);
    expect((await list("type=grosse_kreisstadt")).total).toBe(53);
    expect((await list("type=kreisfreie_stadt&limit=500")).items.map((i) => i.displayName).sort()).toEqual([
      "Chemnitz",
      "Dresden",
      "Leipzig",
    ]);
  });

  it("sorts by population and pages with a stable total", async () => {
    const top = await list("sort=-population&limit=3");
    expect(top.items.map((i) => i.displayName)).toEqual(["Leipzig", "Dresden", "Chemnitz"]);
    const page1 = await list("sort=ags&limit=100&offset=0");
    const page5 = await list("sort=ags&limit=100&offset=400");
    expect(page5.items).toHaveLength(18);
    expect(page5.total).toBe(418);
    expect((page1.items[0]?.ags ?? "") < (page5.items[0]?.ags ?? "")).toBe(true);
    const beyond = await list("offset=1000");
    expect(beyond).toEqual({ items: [], total: 418 });
  });

  it("sorts umlauts like German dictionaries (Ö with O)", async () => {
    const names = (await list("sort=name&limit=500")).items.map((i) => i.displayName);
    const oelsnitz = names.indexOf("Oelsnitz/Erzgeb.");
    const oederan = names.indexOf("Oederan");
    expect(oederan).toBeGreaterThan(-1);
    expect(oederan).toBeLessThan(oelsnitz);
    const ostrau = names.findIndex((n) => n.startsWith("Ottendorf"));
    expect(names.findIndex((n) => n === "Königstein/Sächs. Schw.")).toBeLessThan(ostrau);
  });

  it("answers for a past date with the municipalities that existed then", async () => {
    const on2020 = await list("asOf=2020-06-30&q=1452245");
    expect(on2020.items.map((i) => i.displayName)).toEqual(["Ostrau"]);
    expect((await list("asOf=2020-06-30")).total).toBe(419);
    expect((await list("asOf=2023-06-30&q=jahnatal")).items.map((i) => i.ags)).toEqual(["14522275"]);
    expect((await list("asOf=2020-06-30&q=jahnatal")).total).toBe(0);
  });

  it.each([
    ["limit=501", "querystring.limit"],
    ["limit=0", "querystring.limit"],
    ["offset=-1", "querystring.offset"],
    ["sort=population;drop", "querystring.sort"],
    ["district=145", "querystring.district"],
    ["type=dorf", "querystring.type"],
    ["asOf=yesterday", "querystring.asOf"],
  ])("rejects %s with 400 naming %s", async (query, path) => {
    const body = await error(`/api/municipalities?${query}`, 400);
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.issues?.map((i) => i.path)).toContain(path);
    expect(body.requestId).toBeTruthy();
  });
});

describe("GET /api/municipalities/:ags", () => {
  it("returns one municipality with its registry data", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/municipalities/14511000" });
    const body = municipalityDetailSchema.parse(res.json());
    expect(body).toMatchObject({
      ags: "14511000",
      name: "Chemnitz, Stadt",
      displayName: "Chemnitz",
      type: "kreisfreie_stadt",
      population: 245618,
      populationDate: "2024-12-31",
      areaKm2: 221.03,
      validTo: null,
    });
  });

  it("shows mergers from both sides", async () => {
    const jahnatal = municipalityDetailSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/municipalities/14522275" })).json(),
    );
    expect(jahnatal.validFrom).toBe("2023-01-01");
    expect(jahnatal.predecessors.map((p) => [p.ags, p.validTo])).toEqual([
      ["14522450", "2023-01-01"],
      ["14522620", "2023-01-01"],
    ]);
    const ostrau = municipalityDetailSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/municipalities/14522450" })).json(),
    );
    expect(ostrau).toMatchObject({ validTo: "2023-01-01", successorAgs: "14522275" });
  });

  it("answers 400 for a malformed key and 404 for an unknown one", async () => {
    expect((await error("/api/municipalities/1451100", 400)).code).toBe("INVALID_AGS");
    expect((await error("/api/municipalities/abcdefgh", 400)).code).toBe("INVALID_AGS");
    expect((await error("/api/municipalities/14999999", 404)).code).toBe("MUNICIPALITY_NOT_FOUND");
  });
});
