import { errorResponseSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ControlledServer,
  type DatabaseProxy,
  FIRST_EVENT,
  type WriteOutcome,
  postEvent,
  startControlledServer,
  startDatabaseProxy,
  writerToken,
} from "./helpers/fault-tools.js";
import { eventIds, historyInvariants } from "./helpers/history-invariants.js";

/**
 * A database restart under load, as the API sees it: a TCP proxy between the API process and
 * PostgreSQL drops every connection and refuses new ones for a few seconds, then accepts again (the
 * shared test server itself is never restarted). The API reports not-ready while the database is away,
 * answers requests with 503 in the standard shape within a bound, recovers by itself, does not crash,
 * and loses no acknowledged write. PostgreSQL only: the embedded PGlite database has no connection to lose.
 */

const WRITERS = 10;
const OUTAGE_MS = 4000;
/** No request may take longer than this, whatever the database does. */
const ANSWER_BOUND_MS = 10_000;

type Phase = "before" | "outage" | "after";
interface Observation {
  phase: Phase;
  at: number;
  outcome: WriteOutcome;
  ags: string;
}

let database: TestDatabase;
let proxy: DatabaseProxy;
let server: ControlledServer;
let writer: Record<string, string>;
let agsList: string[];

describe("database restart under load (PostgreSQL behind a proxy)", () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    writer = await writerToken(database.db);
    agsList = (
      await queryRows<{ ags: string }>(database.db, sql`select ags from municipalities where valid_to is null order by ags desc limit ${WRITERS}`)
    ).map((r) => r.ags);
    const direct = new URL(database.url ?? "");
    proxy = await startDatabaseProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(proxy.port);
    server = await startControlledServer({ DATABASE_URL: proxied.toString(), DATABASE_POOL_SIZE: "5" });
  }, 120_000);

  afterAll(async () => {
    if (server?.isRunning()) await server.kill("SIGKILL");
    await proxy?.close();
    await database?.drop();
  });

  it("reports not-ready during the outage, answers 503 in the standard shape, recovers by itself and loses nothing acknowledged", { timeout: 120_000 }, async () => {
    let phase: Phase = "before";
    let stop = false;
    const writes: Observation[] = [];
    const readiness: { phase: Phase; status: number; body: unknown; ms: number; mixed: boolean }[] = [];

    const writerLoop = async (ags: string) => {
      let version = 0;
      while (!stop) {
        const outcome = await postEvent(server.url, writer, ags, version, version === 0 ? FIRST_EVENT : { type: "confirmation", source: "municipality" }, ANSWER_BOUND_MS + 5000);
        writes.push({ phase, at: Date.now(), outcome, ags });
        if (outcome.status === 201 && outcome.version !== undefined) {
          version = outcome.version;
        } else {
          // Unknown whether it was committed (the connection may have died after COMMIT): read the
          // version on record straight from the database (not through the proxy).
          const [row] = await queryRows<{ record_version: number }>(database.db, sql`select record_version from municipalities where ags = ${ags}`);
          version = row?.record_version ?? version;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const readinessLoop = async () => {
      while (!stop) {
        const started = Date.now();
        const startPhase = phase;
        const status = await fetch(`${server.url}/health/ready`, { signal: AbortSignal.timeout(ANSWER_BOUND_MS + 5000) }).then(
          async (r) => ({ status: r.status, body: await r.json() }),
          (e: unknown) => ({ status: 0, body: String(e) }),
        );
        // Counted in a phase only when it started and ended in it.
        readiness.push({ phase: startPhase, ...status, ms: Date.now() - started, mixed: startPhase !== phase });
        await new Promise((r) => setTimeout(r, 100));
      }
    };

    const loops = Promise.all([...agsList.map((ags) => writerLoop(ags)), readinessLoop()]);
    let recoveredAfterMs = -1;
    const acknowledgedIn = (p: Phase) => writes.filter((w) => w.phase === p && w.outcome.status === 201).length;
    /** Waits until the phase has this many acknowledged writes (at least `minMs`, at most 30 s): robust on a slow machine. */
    const waitForWrites = async (p: Phase, count: number, minMs: number) => {
      const started = Date.now();
      while ((acknowledgedIn(p) < count || Date.now() - started < minMs) && Date.now() - started < 30_000) await new Promise((r) => setTimeout(r, 50));
    };
    try {
      await waitForWrites("before", 2 * WRITERS, 1000);

      phase = "outage";
      await proxy.outage();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      expect(server.isRunning(), server.output()).toBe(true);

      phase = "after";
      const restoredAt = Date.now();
      await proxy.restore();
      // Readiness comes back by itself, without restarting the API.
      while (Date.now() - restoredAt < 20_000) {
        const last = readiness.at(-1);
        if (last && last.phase === "after" && !last.mixed && last.status === 200) {
          recoveredAfterMs = Date.now() - restoredAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      // And writes go through again for a while.
      await waitForWrites("after", 2 * WRITERS, 1000);
    } finally {
      stop = true;
      await loops;
    }

    expect(recoveredAfterMs, "readiness did not recover within 20 s").toBeGreaterThanOrEqual(0);
    expect(server.isRunning(), server.output()).toBe(true);

    // Readiness: 200 before, 503 NOT_READY during the outage, 200 after; never a hang.
    expect(readiness.filter((r) => r.phase === "before" && !r.mixed).every((r) => r.status === 200)).toBe(true);
    const duringOutage = readiness.filter((r) => r.phase === "outage" && !r.mixed);
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const r of duringOutage) {
      expect(r.status, JSON.stringify(r)).toBe(503);
      expect(errorResponseSchema.parse(r.body).code).toBe("NOT_READY");
    }
    for (const r of readiness) expect(r.ms).toBeLessThan(ANSWER_BOUND_MS);

    // Writes: 201 or 503 in the standard shape, every one answered within the bound, none refused by the API.
    const byPhase = (p: Phase) => writes.filter((w) => w.phase === p);
    expect(byPhase("before").filter((w) => w.outcome.status === 201).length).toBeGreaterThan(WRITERS);
    expect(byPhase("outage").filter((w) => w.outcome.status === 503).length).toBeGreaterThan(0);
    expect(byPhase("after").filter((w) => w.outcome.status === 201).length).toBeGreaterThan(WRITERS);
    for (const w of writes) {
      expect(w.outcome.networkError, JSON.stringify(w)).toBeUndefined();
      expect([201, 503], JSON.stringify(w)).toContain(w.outcome.status);
      expect(w.outcome.ms, JSON.stringify(w)).toBeLessThan(ANSWER_BOUND_MS);
      if (w.outcome.status === 503) {
        const body = errorResponseSchema.parse(w.outcome.body);
        expect(body.code).toBe("NOT_READY");
        expect(body.statusCode).toBe(503);
      }
    }

    // Nothing acknowledged is lost, nothing is half-written.
    const acknowledged = writes.filter((w) => w.outcome.status === 201).map((w) => w.outcome.eventId ?? -1);
    const ids = await eventIds(database.db);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    const invariants = await historyInvariants(database.db);
    expect(invariants.problems).toEqual([]);
    expect(invariants.events).toBeGreaterThanOrEqual(acknowledged.length);

    const maxOutage = Math.max(0, ...byPhase("outage").map((w) => w.outcome.ms));
    console.info(
      `[database restart] writes before/outage/after: ${byPhase("before").length}/${byPhase("outage").length}/${byPhase("after").length}, ` +
        `${acknowledged.length} acknowledged, ${writes.filter((w) => w.outcome.status === 503).length} answered 503 (slowest ${maxOutage} ms); ` +
        `ready again ${recoveredAfterMs} ms after the database came back; ${invariants.events} events, ${acknowledged.length} acknowledged`,
    );
    expect(await server.kill("SIGTERM")).toBe(0);
  });
});

describe("a database that stops answering (PostgreSQL behind a proxy)", () => {
  const STALL_MS = 5000;
  let stallDatabase: TestDatabase;
  let stallProxy: DatabaseProxy;
  let stallServer: ControlledServer;
  let stallWriter: Record<string, string>;
  let stallAgs: string[];

  beforeAll(async () => {
    stallDatabase = await createTestDatabase();
    stallWriter = await writerToken(stallDatabase.db);
    stallAgs = (
      await queryRows<{ ags: string }>(stallDatabase.db, sql`select ags from municipalities where valid_to is null order by ags limit 5`)
    ).map((r) => r.ags);
    const direct = new URL(stallDatabase.url ?? "");
    stallProxy = await startDatabaseProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const proxied = new URL(direct);
    proxied.hostname = "127.0.0.1";
    proxied.port = String(stallProxy.port);
    stallServer = await startControlledServer({ DATABASE_URL: proxied.toString(), DATABASE_POOL_SIZE: "5" });
  }, 120_000);

  afterAll(async () => {
    if (stallServer?.isRunning()) await stallServer.kill("SIGKILL");
    await stallProxy?.close();
    await stallDatabase?.drop();
  });

  it("readiness answers 503 within a bound while the database hangs, and everything acknowledged survives", { timeout: 120_000 }, async () => {
    let phase: Phase = "before";
    let stop = false;
    const writes: Observation[] = [];
    const readiness: { phase: Phase; status: number; ms: number; mixed: boolean }[] = [];
    const writerLoop = async (ags: string) => {
      let version = 0;
      while (!stop) {
        const outcome = await postEvent(stallServer.url, stallWriter, ags, version, version === 0 ? FIRST_EVENT : { type: "confirmation", source: "municipality" }, 30_000);
        writes.push({ phase, at: Date.now(), outcome, ags });
        if (outcome.status === 201 && outcome.version !== undefined) version = outcome.version;
        else {
          const [row] = await queryRows<{ record_version: number }>(stallDatabase.db, sql`select record_version from municipalities where ags = ${ags}`);
          version = row?.record_version ?? version;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    };
    const readinessLoop = async () => {
      while (!stop) {
        const started = Date.now();
        const startPhase = phase;
        const status = await fetch(`${stallServer.url}/health/ready`, { signal: AbortSignal.timeout(30_000) }).then(
          (r) => r.status,
          () => 0,
        );
        readiness.push({ phase: startPhase, status, ms: Date.now() - started, mixed: startPhase !== phase });
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const loops = Promise.all([...stallAgs.map((ags) => writerLoop(ags)), readinessLoop()]);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      phase = "outage";
      stallProxy.stall();
      await new Promise((r) => setTimeout(r, STALL_MS));
      phase = "after";
      stallProxy.unstall();
      const resumed = Date.now();
      while (Date.now() - resumed < 20_000) {
        const last = readiness.at(-1);
        if (last && last.phase === "after" && !last.mixed && last.status === 200) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await new Promise((r) => setTimeout(r, 1500));
    } finally {
      stop = true;
      await loops;
    }
    expect(stallServer.isRunning(), stallServer.output()).toBe(true);
    const during = readiness.filter((r) => r.phase === "outage" && !r.mixed);
    for (const r of readiness) expect(r.ms, JSON.stringify(r)).toBeLessThan(ANSWER_BOUND_MS);
    console.info(
      `[database stall] readiness during the stall: ${during.map((r) => `${r.status} in ${r.ms} ms`).join(", ")}; ` +
        `slowest write ${Math.max(...writes.map((w) => w.outcome.ms))} ms; answers ${JSON.stringify(writes.reduce<Record<number, number>>((m, w) => ({ ...m, [w.outcome.status]: (m[w.outcome.status] ?? 0) + 1 }), {}))}`,
    );
    expect(during.length).toBeGreaterThan(0);
    for (const r of during) {
      expect(r.status, JSON.stringify(r)).toBe(503);
      expect(r.ms).toBeLessThan(ANSWER_BOUND_MS);
    }
    expect(readiness.at(-1)?.status).toBe(200);
    for (const w of writes) expect([201, 503], JSON.stringify(w)).toContain(w.outcome.status);
    const acknowledged = writes.filter((w) => w.outcome.status === 201).map((w) => w.outcome.eventId ?? -1);
    const ids = await eventIds(stallDatabase.db);
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect((await historyInvariants(stallDatabase.db)).problems).toEqual([]);
    expect(await stallServer.kill("SIGTERM")).toBe(0);
  });
});
