import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.js";
import { EnvError, httpCacheSettingsFromEnv, loadEnv } from "../src/env.js";
import { writerHeaders } from "./helpers/accounts.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses the Prometheus text exposition format (samples only; # HELP and # TYPE kept apart). */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const type = /^# TYPE (\S+) (\S+)$/.exec(line);
    if (type) {
      types.set(type[1] ?? "", type[2] ?? "");
      continue;
    }
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[pair[1] ?? ""] = (pair[2] ?? "").replace(/\\"/g, '"').replace(/\\\\/g, "\\");
    }
    samples.push({ name: match[1] ?? "", labels, value: Number(match[3]) });
  }
  return { samples, types };
}

function sample(samples: Sample[], name: string, labels: Record<string, string> = {}): Sample | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("GET /metrics", () => {
  it("counts requests and their durations by method, route pattern and status", async () => {
    for (const ags of ["14511000", "14612000", "14713000"]) {
      expect((await t.app.inject({ url: `/api/municipalities/${ags}` })).statusCode).toBe(200);
    }
    expect((await t.app.inject({ url: "/api/municipalities/14599999" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/no-such-route/14511000" })).statusCode).toBe(404);
    await t.app.inject({ url: "/api/stats/summary" });
    await t.app.inject({ url: "/api/stats/summary" });

    const res = await t.app.inject({ url: "/metrics" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const { samples, types } = parseExposition(res.body);

    expect(types.get("http_requests_total")).toBe("counter");
    expect(types.get("http_request_duration_seconds")).toBe("histogram");
    const detail = { method: "GET", route: "/api/municipalities/:ags" };
    expect(sample(samples, "http_requests_total", { ...detail, status_code: "200" })?.value).toBe(3);
    expect(sample(samples, "http_requests_total", { ...detail, status_code: "404" })?.value).toBe(1);
    expect(sample(samples, "http_request_duration_seconds_count", { ...detail, status_code: "200" })?.value).toBe(3);
    const inf = sample(samples, "http_request_duration_seconds_bucket", { ...detail, status_code: "200", le: "+Inf" });
    expect(inf?.value).toBe(3);
    expect(sample(samples, "http_request_duration_seconds_sum", { ...detail, status_code: "200" })?.value).toBeGreaterThan(0);
    // Route patterns only: no raw URL (one series per AGS) ever becomes a label.
    const routes = new Set(samples.filter((s) => s.name === "http_requests_total").map((s) => s.labels.route));
    expect([...routes].some((r) => r?.includes("14511000"))).toBe(false);
    expect(sample(samples, "http_requests_total", { route: "(unmatched)", status_code: "404" })?.value).toBe(1);

    // Process metrics, database readiness, the read cache.
    expect(sample(samples, "process_cpu_user_seconds_total")?.value).toBeGreaterThan(0);
    expect(sample(samples, "process_resident_memory_bytes")?.value).toBeGreaterThan(0);
    expect(sample(samples, "nodejs_eventloop_lag_seconds")).toBeDefined();
    expect(sample(samples, "insek_database_ready")?.value).toBe(1);
    expect(sample(samples, "insek_read_cache_hits_total")?.value).toBeGreaterThanOrEqual(1);
    expect(sample(samples, "insek_read_cache_misses_total")?.value).toBeGreaterThanOrEqual(1);
    expect(sample(samples, "insek_data_generation_queries_total")?.value).toBeGreaterThanOrEqual(1);
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("counts the write batches and the writes they carried", async () => {
    const headers = await writerHeaders(t.app);
    const fresh = await queryRows<{ ags: string }>(
      t.database.db,
      sql`select m.ags from municipalities m
          where m.valid_to is null and m.valid_from is null and not exists (select 1 from status_events e where e.ags = m.ags)
          order by m.ags limit 13`,
    );
    const [alone, ...others] = fresh.map((r) => r.ags);
    const counts = async () => {
      const { samples } = parseExposition((await t.app.inject({ url: "/metrics" })).body);
      return { batches: sample(samples, "insek_write_batches_total")?.value ?? 0, writes: sample(samples, "insek_write_batch_writes_total")?.value ?? 0 };
    };
    const before = await counts();
    const confirm = (ags: string) =>
      t.app.inject({ method: "POST", url: `/api/municipalities/${ags}/events`, headers: { ...headers, "if-match": '"0"' }, payload: { type: "confirmation" } });
    // One write alone, then a burst of twelve: the burst's writes share batches.
    expect((await confirm(alone ?? "")).statusCode).toBe(201);
    const burst = await Promise.all(others.map(confirm));
    expect(burst.map((r) => r.statusCode)).toEqual(others.map(() => 201));
    expect(others).toHaveLength(12);
    const after = await counts();
    expect(after.writes - before.writes).toBe(13);
    expect(after.batches - before.batches).toBeGreaterThanOrEqual(2);
    expect(after.batches - before.batches).toBeLessThan(13);
  });

  it("reports the database as not ready when it does not answer", async () => {
    const broken = await buildApp({
      database: { ...t.database, ping: () => Promise.reject(new Error("connection refused")) },
      clock: fixedClock,
    });
    try {
      const { samples } = parseExposition((await broken.inject({ url: "/metrics" })).body);
      expect(sample(samples, "insek_database_ready")?.value).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it("with METRICS_TOKEN set, requires it as a Bearer token", async () => {
    const token = "metrics-token-0123456789abcdef";
    const guarded = await buildApp({ database: t.database, clock: fixedClock, metricsToken: token });
    try {
      const none = await guarded.inject({ url: "/metrics" });
      expect(none.statusCode).toBe(401);
      expect(none.json<{ code: string }>().code).toBe("AUTHENTICATION_REQUIRED");
      expect(none.body).not.toContain("http_requests_total");
      const wrong = await guarded.inject({ url: "/metrics", headers: { authorization: `Bearer ${token}x` } });
      expect(wrong.statusCode).toBe(401);
      const right = await guarded.inject({ url: "/metrics", headers: { authorization: `Bearer ${token}` } });
      expect(right.statusCode).toBe(200);
      expect(parseExposition(right.body).samples.length).toBeGreaterThan(10);
    } finally {
      await guarded.close();
    }
  });
});

describe("configuration", () => {
  it("reads the cache and metrics settings, with defaults, and refuses a short metrics token", () => {
    expect(httpCacheSettingsFromEnv(loadEnv({}))).toEqual({
      publicMaxAge: 60,
      staleWhileRevalidate: 300,
      readCacheEntries: 500,
      readCacheBytes: 67_108_864,
    });
    const env = loadEnv({ PUBLIC_CACHE_MAX_AGE: "0", PUBLIC_CACHE_STALE_WHILE_REVALIDATE: "30", READ_CACHE_ENTRIES: "50", READ_CACHE_BYTES: "1000000", METRICS_TOKEN: "a-long-enough-token" });
    expect(httpCacheSettingsFromEnv(env)).toEqual({ publicMaxAge: 0, staleWhileRevalidate: 30, readCacheEntries: 50, readCacheBytes: 1_000_000 });
    expect(env.METRICS_TOKEN).toBe("a-long-enough-token");
    expect(() => loadEnv({ METRICS_TOKEN: "short" })).toThrow(EnvError);
    expect(() => loadEnv({ PUBLIC_CACHE_MAX_AGE: "-1" })).toThrow(EnvError);
  });
});
