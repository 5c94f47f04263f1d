import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Db, type DatabaseHandle, migrateDatabase, openDatabase, queryRows, seedReferenceData } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ControlledServer, FIRST_EVENT, postEvent, startControlledServer, writerToken } from "./helpers/fault-tools.js";
import { eventIds, historyInvariants } from "./helpers/history-invariants.js";

/**
 * kill -9 of the API in the middle of a burst of writes (many municipalities, concurrent), then a
 * restart on the same database: every write answered 201 is in the history, nothing is half-written
 * (each event with its audit entry, versions without gaps, no version claimed without its event), and
 * the restarted server takes writes on every municipality again (no lock left behind).
 * On PostgreSQL with DATABASE_URL; on PGlite with the data folder (DATA_DIR) of the embedded default.
 */

const MUNICIPALITIES = 30;
/** kill -9 once this many writes were acknowledged (or after 20 s), while every chain keeps writing. */
const KILL_AFTER_WRITES = 2 * MUNICIPALITIES;

interface Acknowledged {
  ags: string;
  eventId: number;
  version: number;
}

let database: TestDatabase | undefined;
let dataDir: string | undefined;
let env: Record<string, string>;
let writer: Record<string, string>;
let agsList: string[];

async function pickMunicipalities(db: Db): Promise<string[]> {
  const rows = await queryRows<{ ags: string }>(
    db,
    sql`select ags from municipalities where valid_to is null and record_version = 0 order by ags limit ${MUNICIPALITIES}`,
  );
  return rows.map((r) => r.ags);
}

/** Opens the database the server uses, for checks from the test (PGlite: only while no server runs). */
async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  if (database) return fn(database.db);
  const handle: DatabaseHandle = await openDatabase({ dataDir });
  try {
    return await fn(handle.db);
  } finally {
    await handle.close();
  }
}

beforeAll(async () => {
  if (testDbKind() === "postgres") {
    database = await createTestDatabase();
    env = { DATABASE_URL: database.url ?? "" };
  } else {
    dataDir = mkdtempSync(path.join(tmpdir(), "insek-crash-"));
    env = { DATA_DIR: dataDir, SEED_DEMO_DATA: "false" };
    // Prepared as the server would do it, so that the test can add its account before the server runs.
    const handle = await openDatabase({ dataDir });
    await migrateDatabase(handle);
    await seedReferenceData(handle.db, saxonyReferenceData);
    await handle.close();
  }
  await withDatabase(async (db) => {
    writer = await writerToken(db);
    agsList = await pickMunicipalities(db);
  });
  expect(agsList).toHaveLength(MUNICIPALITIES);
}, 120_000);

afterAll(async () => {
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe(`kill -9 during a burst of writes (${testDbKind()})`, () => {
  it("keeps every acknowledged write and nothing half-written; the restarted server takes writes again", { timeout: 180_000 }, async () => {
    let server: ControlledServer = await startControlledServer(env);
    const acknowledged: Acknowledged[] = [];
    const unanswered: string[] = [];
    let killed = false;

    // One chain of writes per municipality, all chains at once: a status, then confirmations.
    const chain = async (ags: string) => {
      let version = 0;
      while (!killed) {
        const outcome = await postEvent(server.url, writer, ags, version, version === 0 ? FIRST_EVENT : { type: "confirmation", source: "municipality" });
        if (outcome.status === 201 && outcome.eventId !== undefined && outcome.version !== undefined) {
          acknowledged.push({ ags, eventId: outcome.eventId, version: outcome.version });
          version = outcome.version;
          continue;
        }
        if (outcome.status === 0) {
          unanswered.push(`${ags}: ${outcome.networkError ?? ""}`);
          return;
        }
        throw new Error(`unexpected answer before the kill: ${outcome.status} ${JSON.stringify(outcome.body)}`);
      }
    };
    const chains = Promise.all(agsList.map((ags) => chain(ags)));
    const burstStart = Date.now();
    while (acknowledged.length < KILL_AFTER_WRITES && Date.now() - burstStart < 20_000) await new Promise((r) => setTimeout(r, 20));
    const burstMs = Date.now() - burstStart;
    killed = true;
    const signal = await server.kill("SIGKILL");
    expect(signal).toBe("SIGKILL");
    await chains;
    // The kill really came mid-burst: writes had been acknowledged, others were cut off.
    expect(acknowledged.length).toBeGreaterThan(MUNICIPALITIES);
    expect(unanswered.length).toBeGreaterThan(0);

    // Restart on the same database (PGlite: the same data folder must open after kill -9).
    server = await startControlledServer(env);
    try {
      // The restarted server takes a write on every municipality, on top of the version on record.
      const versions = new Map(
        await Promise.all(
          agsList.map(async (ags) => {
            const res = await fetch(`${server.url}/api/municipalities/${ags}/events`, { headers: writer });
            expect(res.status).toBe(200);
            const { items } = (await res.json()) as { items: { ags: string; version: number }[] };
            return [ags, Math.max(0, ...items.filter((e) => e.ags === ags).map((e) => e.version))] as const;
          }),
        ),
      );
      const after = await Promise.all(
        agsList.map((ags) => postEvent(server.url, writer, ags, versions.get(ags) ?? 0, (versions.get(ags) ?? 0) === 0 ? FIRST_EVENT : { type: "confirmation", source: "municipality" })),
      );
      expect(after.map((o) => o.status), JSON.stringify(after.filter((o) => o.status !== 201).slice(0, 3))).toEqual(agsList.map(() => 201));
    } finally {
      expect(await server.kill("SIGTERM")).toBe(0);
    }

    await withDatabase(async (db) => {
      const ids = await eventIds(db);
      const missing = acknowledged.filter((a) => !ids.has(a.eventId));
      expect(missing, "acknowledged writes missing after the crash").toEqual([]);
      const invariants = await historyInvariants(db);
      expect(invariants.problems).toEqual([]);
      // Everything acknowledged, plus at most one write per municipality cut off in flight, plus the writes after the restart.
      expect(invariants.events).toBeGreaterThanOrEqual(acknowledged.length + MUNICIPALITIES);
      expect(invariants.events).toBeLessThanOrEqual(acknowledged.length + 2 * MUNICIPALITIES);
      for (const ags of agsList) {
        const last = Math.max(0, ...acknowledged.filter((a) => a.ags === ags).map((a) => a.version));
        const [row] = await queryRows<{ record_version: number }>(db, sql`select record_version from municipalities where ags = ${ags}`);
        expect(row?.record_version ?? 0).toBeGreaterThan(last);
      }
    });
    console.info(
      `[crash ${testDbKind()}] ${acknowledged.length} writes acknowledged in ${burstMs} ms before kill -9, ${unanswered.length} cut off; all acknowledged present after restart`,
    );
  });
});
