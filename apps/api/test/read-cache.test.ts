import { municipalityDetailSchema, municipalityListSchema, summarySchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { queryDataGeneration } from "../src/lib/data-generation.repo.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, bearerFor, movableClock, writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The read cache and HTTP caching stay correct across API instances: A and B are two applications on
 * the same database, as two server processes behind a load balancer would be.
 */
let t: TestApp;
let a: App;
let b: App;
const time = movableClock("2026-11-25T09:00:00Z");
let writer: Record<string, string>;
let agsList: string[];
let nextAgs = 0;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  a = t.app;
  b = await buildApp({ database: t.database, clock: time.clock });
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

async function drafting(app: App, headers: Record<string, string> = {}): Promise<number> {
  const res = await app.inject({ url: "/api/stats/summary", headers });
  expect(res.statusCode, res.body).toBe(200);
  return summarySchema.parse(res.json()).byStatus.drafting;
}

async function generation(): Promise<bigint> {
  return BigInt(await queryDataGeneration(t.database.db));
}

describe("data generation (database)", () => {
  it("rises once per committed transaction that changes data, not for rolled-back work", async () => {
    const before = await generation();
    await recordDrafting(a); // one transaction: event, record version, audit
    expect(await generation()).toBe(before + 1n);

    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`update districts set name = name where key = '14511'`);
      await tx.execute(sql`update municipalities set name = name where ags = '14511000'`);
    });
    expect(await generation()).toBe(before + 2n);

    await expect(
      t.database.db.transaction(async (tx) => {
        await tx.execute(sql`update districts set name = name where key = '14511'`);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await generation()).toBe(before + 2n);

    // A rolled-back savepoint takes its queued bump with it; a later change in the same transaction counts.
    await t.database.db.transaction(async (tx) => {
      await expect(
        tx.transaction(async (inner) => {
          await inner.execute(sql`update districts set name = name where key = '14511'`);
          throw new Error("inner");
        }),
      ).rejects.toThrow("inner");
      await tx.execute(sql`update districts set name = name where key = '14512'`);
    });
    expect(await generation()).toBe(before + 3n);

    // Reads and writes that no read endpoint shows (sessions) leave it alone.
    await bearerFor(a, (await addAccount(t.database.db, { email: `quiet-${nextAgs}@test.example`, role: "advisor", password: null })).id);
    const afterAccount = await generation(); // the new account's display name may appear in histories: +1
    await a.inject({ url: "/api/stats/summary" });
    expect(await generation()).toBe(afterAccount);
    const pending = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from data_generation_pending`);
    expect(pending[0]?.n).toBe(0);
  });
});

describe("read cache", () => {
  it("serves repeated reads from the cache and computes again after a write", async () => {
    await recordDrafting(b);
    const start = a.readCache.stats();
    const first = await drafting(a);
    const second = await drafting(a);
    expect(second).toBe(first);
    const afterReads = a.readCache.stats();
    expect(afterReads.misses - start.misses).toBe(1);
    expect(afterReads.hits - start.hits).toBe(1);

    await recordDrafting(a);
    expect(await drafting(a)).toBe(first + 1);
    expect(a.readCache.stats().misses - start.misses).toBe(2);
  });

  it("keeps the filtered list too: a write on the other instance reaches the next read", async () => {
    const url = "/api/municipalities?status=drafting&limit=500";
    const listed = async (app: App) => {
      const res = await app.inject({ url });
      expect(res.statusCode, res.body).toBe(200);
      return municipalityListSchema.parse(res.json()).total;
    };
    const first = await listed(a);
    const start = a.readCache.stats();
    expect(await listed(a)).toBe(first);
    expect(a.readCache.stats().hits - start.hits).toBe(1);
    await recordDrafting(b);
    expect(await listed(a)).toBe(first + 1);
    expect(a.readCache.stats().misses - start.misses).toBe(1);
  });

  it("keeps the municipality detail with its record-version ETag: a write on the other instance reaches the next read", async () => {
    const ags = agsList[nextAgs];
    const detail = async (app: App) => {
      const res = await app.inject({ url: `/api/municipalities/${ags}` });
      expect(res.statusCode, res.body).toBe(200);
      return { etag: res.headers.etag, body: municipalityDetailSchema.parse(res.json()) };
    };
    const first = await detail(a);
    expect(first.etag).toBe('"0"');
    const start = a.readCache.stats();
    const again = await detail(a);
    expect(a.readCache.stats().hits - start.hits).toBe(1);
    expect(again).toEqual(first);

    await recordDrafting(b);
    const after = await detail(a);
    expect(a.readCache.stats().misses - start.misses).toBe(1);
    expect(after.etag).toBe('"1"');
    expect(after.body.record.status).toBe("drafting");
    expect(after.body.version).toBe(1);
  });

  it("a write acknowledged on instance A is visible on the next read from instance B", async () => {
    // Warm both caches first, so that either would answer from its cache if the key did not change.
    let expected = await drafting(b);
    expect(await drafting(a)).toBe(expected);
    for (let i = 0; i < 6; i++) {
      const [writeVia, readVia] = i % 2 === 0 ? [a, b] : [b, a];
      await recordDrafting(writeVia);
      expected += 1;
      expect(await drafting(readVia)).toBe(expected);
      expect(await drafting(writeVia)).toBe(expected);
    }
  });

  it("concurrent readers on both instances all see every write acknowledged before they started", async () => {
    for (let round = 0; round < 4; round++) {
      await recordDrafting(round % 2 === 0 ? a : b);
      const expected = await drafting(a);
      const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => drafting(i % 2 === 0 ? a : b)));
      expect(answers).toEqual(answers.map(() => expected));
    }
    // Writes and reads interleaved: a read that starts after a write was acknowledged counts it.
    const baseline = await drafting(b);
    let acknowledged = 0;
    const reads: Promise<void>[] = [];
    for (let i = 0; i < 6; i++) {
      await recordDrafting(a);
      acknowledged += 1;
      const floor = baseline + acknowledged;
      for (let r = 0; r < 5; r++) reads.push(drafting(b).then((n) => expect(n).toBeGreaterThanOrEqual(floor)));
    }
    await Promise.all(reads);
    // Many concurrent readers share generation queries.
    const queriesBefore = b.dataGeneration.queries;
    await Promise.all(Array.from({ length: 40 }, () => drafting(b)));
    expect(b.dataGeneration.queries - queriesBefore).toBeLessThan(40);
  });

  it("a new day in Saxony is a new key, without any write", async () => {
    const stats = () => a.readCache.stats();
    await a.inject({ url: "/api/stats/timeline" });
    const warm = stats();
    await a.inject({ url: "/api/stats/timeline" });
    expect(stats().hits - warm.hits).toBe(1);
    const etagToday = (await a.inject({ url: "/api/stats/summary" })).headers.etag;

    time.advance(24 * 3_600_000);
    try {
      const beforeRollover = stats();
      const res = await a.inject({ url: "/api/stats/timeline" });
      expect(stats().misses - beforeRollover.misses).toBe(1);
      expect(res.json<{ points: { date: string }[] }>().points.at(-1)?.date).toBe("2026-11-26");
      const summary = await a.inject({ url: "/api/stats/summary" });
      expect(summary.json<{ asOf: string }>().asOf).toBe("2026-11-26");
      expect(summary.headers.etag).not.toBe(etagToday);
    } finally {
      time.advance(-24 * 3_600_000);
    }
  });

  it("keys on the normalised query: parameter order does not matter, values do", async () => {
    const start = a.readCache.stats();
    await a.inject({ url: "/api/stats/summary?asOf=2026-06-30&type=stadt" });
    await a.inject({ url: "/api/stats/summary?type=stadt&asOf=2026-06-30" });
    const other = await a.inject({ url: "/api/stats/summary?type=gemeinde&asOf=2026-06-30" });
    expect(other.statusCode).toBe(200);
    const end = a.readCache.stats();
    expect(end.misses - start.misses).toBe(2);
    expect(end.hits - start.hits).toBe(1);
  });
});

describe("HTTP caching of public read endpoints", () => {
  const PUBLIC_READS = [
    "/api/stats/summary",
    "/api/stats/districts",
    "/api/stats/timeline",
    "/api/districts",
    "/api/municipalities?limit=5",
    "/api/municipalities/14511000/events",
    "/api/export/municipalities.csv",
    "/api/export/municipalities.geojson",
  ];

  it.each(PUBLIC_READS)("%s: ETag, public Cache-Control for anonymous readers, 304 on If-None-Match", async (url) => {
    const res = await a.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    const etag = res.headers.etag;
    expect(etag).toMatch(/^W\/"\d+-[A-Za-z0-9_-]+"$/);
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(res.headers.vary).toContain("Cookie");
    expect(res.headers.vary).toContain("Authorization");

    const again = await b.inject({ url, headers: { "if-none-match": String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    expect(again.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");

    const listed = await a.inject({ url, headers: { "if-none-match": `W/"0-x", ${String(etag)}` } });
    expect(listed.statusCode).toBe(304);
    const other = await a.inject({ url, headers: { "if-none-match": 'W/"0-x"' } });
    expect(other.statusCode).toBe(200);
  });

  it("a write on another instance changes the ETag: no 304 for the old one", async () => {
    const url = "/api/municipalities?limit=5";
    const etag = String((await a.inject({ url })).headers.etag);
    expect((await a.inject({ url, headers: { "if-none-match": etag } })).statusCode).toBe(304);
    await recordDrafting(b);
    const after = await a.inject({ url, headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
  });

  it("signed-in readers get private, no-cache and an ETag of their own class", async () => {
    const url = "/api/municipalities/14511000/events";
    const anonymous = await a.inject({ url });
    const smr = await a.inject({ url, headers: writer });
    expect(smr.statusCode).toBe(200);
    expect(smr.headers["cache-control"]).toBe("private, no-cache");
    expect(smr.headers.vary).toBe("Cookie, Authorization");
    expect(smr.headers.etag).not.toBe(anonymous.headers.etag);
    // The anonymous ETag does not validate the signed-in representation (names are shown there).
    expect((await a.inject({ url, headers: { ...writer, "if-none-match": String(anonymous.headers.etag) } })).statusCode).toBe(200);
    const revalidated = await a.inject({ url, headers: { ...writer, "if-none-match": String(smr.headers.etag) } });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.headers["cache-control"]).toBe("private, no-cache");

    const municipality = await addAccount(t.database.db, { email: "town@test.example", role: "municipality", ags: ["14511000"], password: null });
    const town = (await bearerFor(a, municipality.id)).headers;
    const townRes = await a.inject({ url, headers: town });
    expect(townRes.headers.etag).not.toBe(smr.headers.etag);
    expect(townRes.headers.etag).not.toBe(anonymous.headers.etag);
  });

  it("the municipality detail keeps its record-version ETag (If-Match) and gets Cache-Control", async () => {
    const res = await a.inject({ url: "/api/municipalities/14511000" });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"\d+"$/);
    expect(res.headers["cache-control"]).toBe("public, max-age=60, stale-while-revalidate=300");
    expect(res.headers.vary).toBe("Cookie, Authorization");
    // Its ETag does not name a representation: no 304.
    expect((await a.inject({ url: "/api/municipalities/14511000", headers: { "if-none-match": String(res.headers.etag) } })).statusCode).toBe(200);
  });

  it("errors carry no cache headers", async () => {
    const res = await a.inject({ url: "/api/stats/summary?asOf=not-a-date" });
    expect(res.statusCode).toBe(400);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers["cache-control"]).toBeUndefined();
  });

  it("the geo route keeps its own content ETag and long max-age", async () => {
    const res = await a.inject({ url: "/api/geo/saxony" });
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(res.headers["cache-control"]).toBe("public, max-age=86400, stale-while-revalidate=604800");
    expect((await b.inject({ url: "/api/geo/saxony", headers: { "if-none-match": String(res.headers.etag) } })).statusCode).toBe(304);
  });

  it("switching public access off reaches every instance at once", async () => {
    expect((await b.inject({ url: "/api/stats/summary" })).statusCode).toBe(200);
    await writePublicAccess(t.database.db, false, new Date());
    try {
      expect((await b.inject({ url: "/api/stats/summary" })).statusCode).toBe(401);
      expect((await a.inject({ url: "/api/stats/summary" })).statusCode).toBe(401);
    } finally {
      await writePublicAccess(t.database.db, true, new Date());
    }
    expect((await b.inject({ url: "/api/stats/summary" })).statusCode).toBe(200);
  });

  it("PUBLIC_CACHE_MAX_AGE settings reach the header", async () => {
    const custom = await buildApp({
      database: t.database,
      clock: time.clock,
      httpCache: { publicMaxAge: 5, staleWhileRevalidate: 0 },
    });
    try {
      const res = await custom.inject({ url: "/api/districts" });
      expect(res.headers["cache-control"]).toBe("public, max-age=5, stale-while-revalidate=0");
    } finally {
      await custom.close();
    }
  });
});
