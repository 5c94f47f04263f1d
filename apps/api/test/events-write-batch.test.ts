import { ERROR_CODES, EVENT_SOURCES, errorResponseSchema, eventCreatedSchema, type EventInput, statusEventListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/app.js";
import { recordsFromHistory, recordsOn } from "../src/modules/records/records.sql.js";
import type { EventActor, PlainWrite } from "../src/modules/events/events.types.js";
import { EventWriteBatcher, writePlainEvents } from "../src/modules/events/write-batch.js";
import { addAccount, bearerFor } from "./helpers/accounts.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/**
 * The batched write path (issue #7, modules/events/write-batch.ts): plain writes of concurrent
 * requests go to the database together, one claim+event+audit statement per batch. What it must keep:
 * every write is written exactly as alone (answer, history, derived record, audit entry), a write the
 * batch cannot take (stale version, broken rule, second write to a municipality) is left to the full
 * path without holding up the others, and a statement the database refuses writes nothing at all.
 * Batches are told apart by the transaction that wrote the rows (`xmin`: one statement, one transaction).
 */
let t: TestApp;
let userId: string;
let headers: Record<string, string>;
/** Municipalities without any event, handed out one test at a time. */
let fresh: string[] = [];
const TODAY = "2026-11-25";

beforeAll(async () => {
  t = await createTestApp();
  const account = await addAccount(t.database.db, { email: "batch@test.example", role: "smr", admin: true, password: null });
  userId = account.id;
  headers = (await bearerFor(t.app, account.id)).headers;
  const rows = await queryRows<{ ags: string }>(
    t.database.db,
    sql`select m.ags from municipalities m
        where m.valid_to is null and m.valid_from is null
          and not exists (select 1 from status_events e where e.ags = m.ags)
        order by m.ags`,
  );
  fresh = rows.map((r) => r.ags);
});
afterAll(async () => {
  await t.close();
});

function take(n: number): string[] {
  if (fresh.length < n) throw new Error("not enough municipalities without events");
  return fresh.splice(0, n);
}

const deps = () => ({ db: t.database.db, clock: fixedClock, rules: DEFAULT_RULES });

const actor: () => EventActor = () => ({
  userId,
  via: "api_token",
  defaultSource: "smr",
  correctable: EVENT_SOURCES,
  auditEntry: ({ type, status, effectiveDate, version }) => ({
    at: fixedClock(),
    actorUserId: userId,
    actorLabel: "batch@test.example",
    address: "192.0.2.1",
    requestId: `req-${Math.random().toString(36).slice(2)}`,
    action: "status_event.created",
    target: "municipality:test",
    details: { type, status, effectiveDate, version },
  }),
});

function plain(ags: string, input: EventInput, expectedVersion = 0): PlainWrite {
  return { ags, input: { ...input, source: input.source ?? "smr" }, expectedVersion, actor: actor() };
}

const drafting: EventInput = { type: "status", status: "drafting", conceptKind: "INSEK" };
const confirmation: EventInput = { type: "confirmation" };

const list = (values: readonly (string | number)[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/** How many transactions wrote these events (one per batch statement). */
async function transactionsOf(ids: number[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(distinct xmin::text)::int as n from status_events where id in (${list(ids)})`);
  return row?.n ?? 0;
}

interface Counts {
  events: number;
  audit: number;
  versions: number;
}

/** Events, audit entries of event writes and the sum of record versions of these municipalities. */
async function countsOf(ags: readonly string[]): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    t.database.db,
    sql`select (select count(*)::int from status_events where ags in (${list(ags)})) as events,
          (select count(*)::int from audit_log a join status_events e on e.id = (a.details->>'eventId')::bigint
            where a.action = 'status_event.created' and e.ags in (${list(ags)})) as audit,
          (select sum(record_version)::int from municipalities where ags in (${list(ags)})) as versions`,
  );
  if (!row) throw new Error("no counts");
  return row;
}

/** The derived records of these municipalities today, and the same computed from the history. */
async function recordsBothWays(ags: readonly string[]) {
  const where = sql`m.ags in (${list(ags)})`;
  const derived = await queryRows<{ ags: string; status: string | null; version: number }>(
    t.database.db,
    sql`select ags, status, version from (${recordsOn(TODAY, DEFAULT_RULES, where)}) r order by ags`,
  );
  const reference = await queryRows<{ ags: string; status: string | null; version: number }>(
    t.database.db,
    sql`select ags, status, version from (${recordsFromHistory(TODAY, DEFAULT_RULES, where)}) r order by ags`,
  );
  return { derived, reference };
}

describe("EventWriteBatcher", () => {
  it("writes what arrives in one turn of the event loop in one statement: every write as if alone, with its audit entry", async () => {
    const ags = take(30);
    const batcher = new EventWriteBatcher(deps());
    // Status changes today and backdated (records read on two dates), and confirmations.
    const writes = ags.map((a, i) =>
      plain(a, i % 3 === 0 ? confirmation : i % 3 === 1 ? drafting : { ...drafting, effectiveDate: "2021-06-01", note: `Beschluss ${i}` }),
    );
    const results = await Promise.all(writes.map((w) => batcher.write(w)));

    const created = results.map((r, i) => {
      expect(r, `write ${i} (${ags[i]})`).toBeDefined();
      return r as NonNullable<typeof r>;
    });
    expect(created.map((c) => c.version)).toEqual(ags.map(() => 1));
    expect(created.map((c) => c.event.ags)).toEqual(ags);
    expect(created[2]?.event).toMatchObject({ type: "status", status: "drafting", effectiveDate: "2021-06-01", note: "Beschluss 2", recordedBy: "batch", source: "smr" });
    expect(created[0]?.event).toMatchObject({ type: "confirmation", status: null, effectiveDate: TODAY });
    // The batched statement stores who and through which channel (decision 0024), like the single write.
    const stored = await queryRows<{ recorded_by_user_id: string | null; recorded_via: string; update_request_id: string | null; recorded_by: string | null }>(
      t.database.db,
      sql`select distinct recorded_by_user_id, recorded_via, update_request_id, recorded_by from status_events
          where id = any(${sql.param(created.map((c) => c.event.id))}::bigint[])`,
    );
    expect(stored).toEqual([{ recorded_by_user_id: userId, recorded_via: "api_token", update_request_id: null, recorded_by: userId }]);
    expect(await transactionsOf(created.map((c) => c.event.id))).toBe(1);
    expect(await countsOf(ags)).toEqual({ events: 30, audit: 30, versions: 30 });

    // Each audit entry names its own event, with the details the actor gave.
    const audit = await queryRows<{ event_id: string; version: number; status: string | null }>(
      t.database.db,
      sql`select details->>'eventId' as event_id, (details->>'version')::int as version, details->>'status' as status
          from audit_log where action = 'status_event.created' and (details->>'eventId')::bigint in (${list(created.map((c) => c.event.id))})
          order by (details->>'eventId')::bigint`,
    );
    expect(audit.map((a) => Number(a.event_id))).toEqual(created.map((c) => c.event.id).sort((a, b) => a - b));
    expect(audit.every((a) => a.version === 1)).toBe(true);

    // The derived records (kept by the trigger's multi-row step) equal the record computed from the history.
    const { derived, reference } = await recordsBothWays(ags);
    expect(derived).toEqual(reference);
    expect(derived.filter((r) => r.status === "drafting")).toHaveLength(20);
    expect(derived.every((r) => Number(r.version) === 1)).toBe(true);
  });

  it("sends at most maxBatch writes per statement and at most `concurrency` statements at once", async () => {
    const ags = take(25);
    const batcher = new EventWriteBatcher(deps(), { concurrency: 2, maxBatch: 10 });
    const results = await Promise.all(ags.map((a) => batcher.write(plain(a, drafting))));
    const ids = results.map((r) => {
      if (!r) throw new Error("a write was not taken");
      return r.event.id;
    });
    expect(await transactionsOf(ids)).toBe(3);
    const sizes = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from status_events where id in (${list(ids)}) group by xmin::text order by n desc`,
    );
    expect(sizes.map((s) => s.n)).toEqual([10, 10, 5]);
  });

  it("writes several writes to one municipality from one turn in order, one batch each", async () => {
    const [ags] = take(1) as [string];
    const batcher = new EventWriteBatcher(deps());
    const results = await Promise.all([
      batcher.write(plain(ags, drafting, 0)),
      batcher.write(plain(ags, { type: "status", status: "none" }, 1)),
      batcher.write(plain(ags, confirmation, 2)),
    ]);
    expect(results.map((r) => r?.version)).toEqual([1, 2, 3]);
    expect(results.map((r) => r?.event.type)).toEqual(["status", "status", "confirmation"]);
    expect(await transactionsOf(results.map((r) => r?.event.id ?? 0))).toBe(3);
    const { derived, reference } = await recordsBothWays([ags]);
    expect(derived).toEqual(reference);
    expect(derived[0]?.status).toBe("none");
  });

  it("leaves a stale version, a broken rule and a second write to a municipality to the full path, and writes the rest", async () => {
    const [ok1, stale, broken, ok2] = take(4) as [string, string, string, string];
    const results = await writePlainEvents(deps(), [
      plain(ok1, drafting),
      plain(stale, drafting, 7),
      plain(broken, { type: "status", status: "updating", conceptKind: "INSEK" }), // no adoption on record
      plain(ok2, confirmation),
      plain(ok1, confirmation, 1), // the same municipality again: not in this statement
    ]);
    expect(results.map((r) => r?.version)).toEqual([1, undefined, undefined, 1, undefined]);
    expect(await countsOf([ok1])).toEqual({ events: 1, audit: 1, versions: 1 });
    expect(await countsOf([ok2])).toEqual({ events: 1, audit: 1, versions: 1 });
    expect(await countsOf([stale, broken])).toEqual({ events: 0, audit: 0, versions: 0 });
  });

  it("leaves a write whose audit entry cannot be built to the full path, and writes the others", async () => {
    const [ok, failing] = take(2) as [string, string];
    const broken: PlainWrite = {
      ...plain(failing, confirmation),
      actor: { ...actor(), auditEntry: () => { throw new Error("no audit entry"); } },
    };
    const results = await writePlainEvents(deps(), [plain(ok, confirmation), broken]);
    expect(results.map((r) => r?.version)).toEqual([1, undefined]);
    expect(await countsOf([failing])).toEqual({ events: 0, audit: 0, versions: 0 });
  });

  it("writes nothing of a batch whose statement the database refuses, and leaves every write to the full path", async () => {
    const ags = take(3);
    const before = await countsOf(ags);
    const results = await writePlainEvents(deps(), [
      plain(ags[0] as string, drafting),
      // Past the rules (which the request schema keeps out) but against a check of the table.
      plain(ags[1] as string, { ...drafting, horizonYear: 3000 }),
      plain(ags[2] as string, confirmation),
    ]);
    expect(results).toEqual([undefined, undefined, undefined]);
    expect(await countsOf(ags)).toEqual(before);
    // Without the refused write, the others are written.
    const alone = await writePlainEvents(deps(), [plain(ags[0] as string, drafting), plain(ags[2] as string, confirmation)]);
    expect(alone.map((r) => r?.version)).toEqual([1, 1]);
  });
});

describe("POST /api/municipalities/:ags/events under concurrent requests", () => {
  it("answers every write of a burst on its own: 201 with the stored event, 412 for a stale version, 422 for a broken rule", async () => {
    const ags = take(24);
    const [stale, broken] = take(2) as [string, string];
    const post = (a: string, body: object, ifMatch = '"0"') =>
      t.app.inject({ method: "POST", url: `/api/municipalities/${a}/events`, headers: { ...headers, "if-match": ifMatch }, payload: body });
    const [staleRes, brokenRes, ...responses] = await Promise.all([
      post(stale, drafting, '"3"'),
      post(broken, { type: "status", status: "funding_eligible", conceptKind: "INSEK" }),
      ...ags.map((a, i) => post(a, i % 2 === 0 ? drafting : confirmation)),
    ]);

    expect(staleRes?.statusCode, staleRes?.body).toBe(412);
    expect(staleRes?.headers.etag).toBe('"0"');
    expect(brokenRes?.statusCode, brokenRes?.body).toBe(422);
    expect(errorResponseSchema.parse(brokenRes?.json()).code).toBe(ERROR_CODES.adoptionRequired);
    expect(await countsOf([stale, broken])).toEqual({ events: 0, audit: 0, versions: 0 });

    for (const [i, res] of responses.entries()) {
      expect(res.statusCode, res.body).toBe(201);
      expect(res.headers.etag).toBe('"1"');
      const created = eventCreatedSchema.parse(res.json());
      const history = await t.app.inject({ url: `/api/municipalities/${ags[i]}/events`, headers });
      expect(statusEventListSchema.parse(history.json()).items).toEqual([created.event]);
    }
    expect(await countsOf(ags)).toEqual({ events: 24, audit: 24, versions: 24 });
    const { derived, reference } = await recordsBothWays(ags);
    expect(derived).toEqual(reference);
  });
});
