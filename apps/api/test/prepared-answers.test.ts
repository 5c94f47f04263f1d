import { Writable } from "node:stream";
import { municipalityListSchema, summarySchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { loggerOptions } from "../src/lib/logging.js";
import { movableClock, writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * Decision 0026 (issue 18): cached read answers are kept as the bytes sent, serialised and checked once per
 * data generation, key and reader class; hits send those bytes with their ETag, Cache-Control and Vary, and
 * answer If-None-Match with 304. A and B are two applications on one database, as two server processes.
 */
let t: TestApp;
let a: App;
let b: App;
let logged = "";
const time = movableClock("2026-11-25T09:00:00Z");
let writer: Record<string, string>;
let agsList: string[];
let nextAgs = 0;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  a = t.app;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  b = await buildApp({ database: t.database, clock: time.clock, logger: { ...loggerOptions("info"), stream } });
  writer = await writerHeaders(a);
  const list = municipalityListSchema.parse((await a.inject({ url: "/api/municipalities?limit=200" })).json());
  agsList = list.items.map((m) => m.ags);
});
afterAll(async () => {
  await b.close();
  await t.close();
});

/** Records "drafting" for a municipality without history, through `app`; expects 201. */
async function recordDrafting(app: App): Promise<void> {
  const ags = agsList[nextAgs++];
  if (ags === undefined) throw new Error("fixture exhausted");
  const res = await app.inject({
    method: "POST",
    url: `/api/municipalities/${ags}/events`,
    headers: { ...writer, "if-match": '"0"' },
    payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2026-01-15" },
  });
  expect(res.statusCode, res.body).toBe(201);
}

describe("prepared answers", () => {
  it("a hit sends the same bytes with the same headers as the computed answer, and 304 to its ETag", async () => {
    const url = "/api/stats/districts";
    const before = a.readCache.stats();
    const computed = await a.inject({ url });
    const hit = await a.inject({ url });
    expect(a.readCache.stats().misses - before.misses).toBe(1);
    expect(a.readCache.stats().hits - before.hits).toBe(1);
    expect(hit.statusCode).toBe(200);
    expect(hit.rawPayload.equals(computed.rawPayload)).toBe(true);
    for (const header of ["content-type", "content-length", "etag", "cache-control", "vary", "content-security-policy", "x-content-type-options"]) {
      expect(hit.headers[header], header).toBe(computed.headers[header]);
    }
    expect(hit.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(hit.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    expect(hit.headers.vary).toBe("Cookie, Authorization");
    expect(hit.headers["x-request-id"]).not.toBe(computed.headers["x-request-id"]);

    const etag = String(hit.headers.etag);
    // The ETag names the representation on every instance: B revalidates it without computing anything.
    const notModified = await b.inject({ url, headers: { "if-none-match": etag } });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe("");
    expect(notModified.headers.etag).toBe(etag);
    expect((await a.inject({ url, headers: { "if-none-match": etag } })).statusCode).toBe(304);
  });

  it("signed-in readers get bytes of their own class, private, with the same checks", async () => {
    const url = "/api/stats/summary";
    const anonymous = await a.inject({ url });
    const first = await a.inject({ url, headers: writer });
    const second = await a.inject({ url, headers: writer });
    expect(second.statusCode).toBe(200);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(second.headers["cache-control"]).toBe("private, no-cache");
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.headers.etag).not.toBe(anonymous.headers.etag);
    summarySchema.parse(second.json());
  });

  it("a write on A changes the bytes the next read serves, on A and on B", async () => {
    const url = "/api/stats/summary";
    const onA = await a.inject({ url });
    const onB = await b.inject({ url });
    // Both instances serve the same representation at the same generation.
    expect(onB.rawPayload.equals(onA.rawPayload)).toBe(true);
    expect(onB.headers.etag).toBe(onA.headers.etag);
    // Served from the cache on both now.
    expect((await a.inject({ url })).rawPayload.equals(onA.rawPayload)).toBe(true);
    expect((await b.inject({ url })).rawPayload.equals(onB.rawPayload)).toBe(true);

    await recordDrafting(a);
    for (const app of [b, a]) {
      const next = await app.inject({ url, headers: { "if-none-match": String(onA.headers.etag) } });
      expect(next.statusCode).toBe(200);
      expect(next.headers.etag).not.toBe(onA.headers.etag);
      expect(next.rawPayload.equals(onA.rawPayload)).toBe(false);
      expect(summarySchema.parse(next.json()).byStatus.drafting).toBe(summarySchema.parse(onA.json()).byStatus.drafting + 1);
    }
  });

  it("the list is kept per normalised query as bytes, and a write reaches it on the other instance", async () => {
    const url = "/api/municipalities?limit=50";
    const first = await b.inject({ url, headers: writer });
    const reordered = await b.inject({ url: "/api/municipalities?limit=50&offset=0", headers: writer });
    expect(reordered.rawPayload.equals(first.rawPayload)).toBe(true);
    await recordDrafting(a);
    const after = await b.inject({ url, headers: writer });
    expect(after.rawPayload.equals(first.rawPayload)).toBe(false);
  });

  it("one JSON log line per request with its id, status and duration (written without a per-request logger)", async () => {
    logged = "";
    const res = await b.inject({ url: "/api/stats/summary", headers: { "x-request-id": "prepared-answers-1" } });
    expect(res.headers["x-request-id"]).toBe("prepared-answers-1");
    const lines = logged
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ level: 30, msg: "request completed", reqId: "prepared-answers-1", res: { statusCode: 200 } });
    expect(line?.req).toMatchObject({ method: "GET", url: "/api/stats/summary" });
    expect(typeof line?.responseTime).toBe("number");
  });
});

describe("the bound of the read cache", () => {
  it("keeps at most readCacheBytes: the least recently used go first, a larger answer is not kept", async () => {
    const urls = ["/api/stats/summary", "/api/stats/summary?district=14511", "/api/stats/summary?district=14521"] as const;
    const sizes = await Promise.all(urls.map(async (url) => (await a.inject({ url })).rawPayload.length));
    // Room for any two of the three summaries, never for all three, nor for the districts.
    const limit = sizes.reduce((sum, size) => sum + size, 0) - 1;
    expect((await a.inject({ url: "/api/stats/districts" })).rawPayload.length).toBeGreaterThan(limit);
    const bounded = await buildApp({ database: t.database, clock: time.clock, httpCache: { readCacheBytes: limit } });
    try {
      await bounded.inject({ url: "/api/stats/districts" });
      await bounded.inject({ url: "/api/stats/districts" });
      expect(bounded.readCache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 0, misses: 2 });

      await bounded.inject({ url: urls[0] });
      await bounded.inject({ url: urls[1] });
      expect(bounded.readCache.stats().entries).toBe(2);
      // A third pushes out the least recently used (the statewide summary).
      await bounded.inject({ url: urls[2] });
      const stats = bounded.readCache.stats();
      expect(stats.entries).toBe(2);
      expect(stats.bytes).toBeLessThanOrEqual(limit);
      await bounded.inject({ url: urls[2] });
      await bounded.inject({ url: urls[1] });
      expect(bounded.readCache.stats().misses).toBe(stats.misses);
      await bounded.inject({ url: urls[0] });
      expect(bounded.readCache.stats().misses).toBe(stats.misses + 1);
    } finally {
      await bounded.close();
    }
  });

  it("keeps at most readCacheEntries answers", async () => {
    const bounded = await buildApp({ database: t.database, clock: time.clock, httpCache: { readCacheEntries: 2 } });
    try {
      for (const district of ["14511", "14521", "14522", "14523"]) await bounded.inject({ url: `/api/stats/summary?district=${district}` });
      expect(bounded.readCache.stats().entries).toBe(2);
    } finally {
      await bounded.close();
    }
  });
});
