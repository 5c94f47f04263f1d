import { errorResponseSchema, preconditionFailedSchema } from "@insek/contracts";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { type ControlledServer, FIRST_EVENT, type WriteOutcome, postEvent, startControlledServer, writerToken } from "./helpers/fault-tools.js";
import { eventIds, historyInvariants } from "./helpers/history-invariants.js";
import { fixedClock } from "./helpers/test-app.js";

/**
 * 50 parallel writers on one municipality through two API instances on one database. On PostgreSQL:
 * two real server processes, each with its own connection pool. On PGlite (one process per data folder):
 * two apps on one embedded database, which is what a PGlite deployment can be.
 */

const AGS = "14521240";
const WRITERS = 50;

let database: TestDatabase;
let writer: Record<string, string>;
let servers: ControlledServer[] = [];
let apps: App[] = [];
/** Sends write `i` through instance `i % 2`. */
let write: (instance: number, version: number, body: object) => Promise<WriteOutcome>;

beforeAll(async () => {
  database = await createTestDatabase();
  writer = await writerToken(database.db);
  if (testDbKind() === "postgres") {
    const env = { DATABASE_URL: database.url ?? "", DATABASE_POOL_SIZE: "10" };
    servers = await Promise.all([startControlledServer(env), startControlledServer(env)]);
    write = (instance, version, body) => postEvent((servers[instance % 2] as ControlledServer).url, writer, AGS, version, body);
  } else {
    apps = [await buildApp({ database, clock: fixedClock }), await buildApp({ database, clock: fixedClock })];
    write = async (instance, version, body) => {
      const started = Date.now();
      const res = await (apps[instance % 2] as App).inject({
        method: "POST",
        url: `/api/municipalities/${AGS}/events`,
        headers: { ...writer, "if-match": `"${version}"` },
        payload: body,
      });
      const json = res.json<{ event?: { id: number }; version?: number; current?: { version: number } }>();
      return {
        status: res.statusCode,
        body: json,
        ms: Date.now() - started,
        ...(res.statusCode === 201 ? { eventId: json.event?.id, version: json.version } : {}),
        ...(res.statusCode === 412 ? { current: json.current?.version } : {}),
      };
    };
  }
}, 120_000);

afterAll(async () => {
  for (const server of servers) expect(await server.kill("SIGTERM")).toBe(0);
  for (const app of apps) await app.close();
  await database?.drop();
});

describe("two API instances, one municipality", () => {
  it("50 parallel writers with the same If-Match: exactly one 201, 49 times 412, history holds the one write", { timeout: 60_000 }, async () => {
    const outcomes = await Promise.all(Array.from({ length: WRITERS }, (_, i) => write(i, 0, { ...FIRST_EVENT, note: `writer ${i}` })));
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s === 201), JSON.stringify(outcomes.filter((o) => o.status !== 201 && o.status !== 412))).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(WRITERS - 1);
    // Both instances answered: the race really went across processes.
    expect(new Set(outcomes.map((_, i) => i % 2)).size).toBe(2);
    for (const loser of outcomes.filter((o) => o.status === 412)) {
      const body = preconditionFailedSchema.parse(loser.body);
      expect(errorResponseSchema.parse(body).code).toBe("VERSION_MISMATCH");
      expect(body.current.version).toBe(1);
    }
    const winner = outcomes.find((o) => o.status === 201);
    expect(winner?.version).toBe(1);
    expect([...(await eventIds(database.db))]).toEqual([winner?.eventId]);
    const invariants = await historyInvariants(database.db);
    expect(invariants.problems).toEqual([]);
    expect(invariants.events).toBe(1);
  });

  it("50 parallel writers that retry with the version they are given: every write accepted once, versions 1..51 without gaps", { timeout: 180_000 }, async () => {
    const accepted: number[] = [];
    const attemptsOf: number[] = [];
    const writeUntilAccepted = async (i: number) => {
      let version = 1;
      for (let attempt = 0; attempt < 400; attempt++) {
        // Alternate instances between attempts too: a version learned on one is used on the other.
        const outcome = await write(i + attempt, version, { type: "confirmation", source: "municipality", note: `confirmation ${i}` });
        if (outcome.status === 201 && outcome.eventId !== undefined) {
          accepted.push(outcome.eventId);
          attemptsOf.push(attempt + 1);
          return;
        }
        expect(outcome.status, JSON.stringify(outcome.body)).toBe(412);
        version = outcome.current ?? version;
      }
      throw new Error(`writer ${i} got no write through`);
    };
    await Promise.all(Array.from({ length: WRITERS }, (_, i) => writeUntilAccepted(i)));
    expect(accepted).toHaveLength(WRITERS);
    const ids = await eventIds(database.db);
    expect(ids.size).toBe(WRITERS + 1);
    for (const id of accepted) expect(ids.has(id)).toBe(true);
    const invariants = await historyInvariants(database.db);
    expect(invariants.problems).toEqual([]);
    expect(invariants.eventAudits).toBe(WRITERS + 1);
    console.info(`[multi-instance ${testDbKind()}] ${WRITERS} retrying writers: ${attemptsOf.reduce((a, b) => a + b, 0)} attempts in all, at most ${Math.max(...attemptsOf)} for one`);
  });
});
