import { errorResponseSchema, eventCreatedSchema, statusEventListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, bearerFor, movableClock } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The write path in few statements (issue #7): the event and its audit entry are written by one
 * statement, and the answer is the inserted row (RETURNING), not a second read. These tests pin what
 * that must keep: the audit entry's content, the answer equal to the stored event, 404 before 412,
 * and the API token's last use written at most once a minute.
 */
let t: TestApp;
const time = movableClock();
let headers: Record<string, string>;
let writerId: string;
let writerEmail: string;
/** The status event the first test records (the second corrects it). */
let draftingId = 0;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  const account = await addAccount(t.app.deps.database.db, { email: "write-path@test.example", role: "smr", admin: true, password: null });
  writerId = account.id;
  writerEmail = account.email;
  headers = (await bearerFor(t.app, account.id)).headers;
});
afterAll(async () => {
  await t.close();
});

const AGS = "14521020";

function post(body: object, ifMatch: string) {
  return t.app.inject({ method: "POST", url: `/api/municipalities/${AGS}/events`, headers: { ...headers, "if-match": ifMatch }, payload: body });
}

interface AuditRow {
  actor_user_id: string | null;
  actor_label: string;
  address: string | null;
  request_id: string | null;
  target: string | null;
  at: string;
  details: Record<string, unknown>;
}

async function auditOf(eventId: number): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    t.app.deps.database.db,
    sql`select actor_user_id, actor_label, address, request_id, target,
          to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, details
        from audit_log where action = 'status_event.created' and (details->>'eventId')::bigint = ${eventId}`,
  );
}

async function storedEvent(id: number) {
  const res = await t.app.inject({ url: `/api/municipalities/${AGS}/events`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return statusEventListSchema.parse(res.json()).items.find((e) => e.id === id);
}

async function lastUsedAt(): Promise<string | null> {
  const [row] = await queryRows<{ last_used_at: string | null }>(
    t.app.deps.database.db,
    sql`select to_char(last_used_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as last_used_at from api_tokens where user_id = ${writerId}`,
  );
  return row?.last_used_at ?? null;
}

describe("POST /api/municipalities/:ags/events: the write and its audit entry", () => {
  it("answers the event exactly as stored and writes one audit entry with actor, address, request id and details", async () => {
    const res = await post({ type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2019-03-01", note: "Auftakt" }, '"0"');
    expect(res.statusCode, res.body).toBe(201);
    const created = eventCreatedSchema.parse(res.json());
    expect(created.version).toBe(1);
    draftingId = created.event.id;
    expect(created.event).toEqual(await storedEvent(created.event.id));
    expect(created.event).toMatchObject({ recordedBy: "write-path", recordedAt: "2026-11-25T09:00:00.000Z", supersededBy: null, predecessor: null });

    const rows = await auditOf(created.event.id);
    expect(rows).toEqual([
      {
        actor_user_id: writerId,
        actor_label: writerEmail,
        address: "127.0.0.1",
        request_id: res.headers["x-request-id"],
        target: `municipality:${AGS}`,
        at: "2026-11-25T09:00:00.000Z",
        details: { eventId: created.event.id, type: "status", status: "drafting", effectiveDate: "2019-03-01", supersedes: null, version: 1 },
      },
    ]);
  });

  it("audits a correction and a confirmation with what they are", async () => {
    const first = eventCreatedSchema.parse((await post({ type: "confirmation" }, '"1"')).json());
    const correction = await post({ type: "status", status: "drafting", conceptKind: "INGEKO", effectiveDate: "2019-04-01", supersedes: draftingId }, '"2"');
    expect(correction.statusCode, correction.body).toBe(201);
    const corrected = eventCreatedSchema.parse(correction.json());
    expect(corrected.event.supersedes).toBe(draftingId);
    expect(corrected.event).toEqual(await storedEvent(corrected.event.id));
    expect((await storedEvent(draftingId))?.supersededBy).toBe(corrected.event.id);

    expect((await auditOf(first.event.id)).map((r) => r.details)).toEqual([
      { eventId: first.event.id, type: "confirmation", status: null, effectiveDate: "2026-11-25", supersedes: null, version: 2 },
    ]);
    expect((await auditOf(corrected.event.id)).map((r) => r.details)).toEqual([
      { eventId: corrected.event.id, type: "status", status: "drafting", effectiveDate: "2019-04-01", supersedes: draftingId, version: 3 },
    ]);
  });

  it("refuses an unknown municipality with 404 and a stale version with 412, claiming nothing and auditing nothing", async () => {
    const count = async () =>
      (await queryRows<{ n: string }>(t.app.deps.database.db, sql`select count(*)::text as n from audit_log where action = 'status_event.created'`))[0]?.n;
    const before = await count();
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/municipalities/14999999/events",
      headers: { ...headers, "if-match": '"7"' },
      payload: { type: "confirmation" },
    });
    expect(unknown.statusCode, unknown.body).toBe(404);
    expect(errorResponseSchema.parse(unknown.json()).code).toBe("MUNICIPALITY_NOT_FOUND");
    const stale = await post({ type: "confirmation" }, '"1"');
    expect(stale.statusCode, stale.body).toBe(412);
    const [version] = await queryRows<{ record_version: number }>(t.app.deps.database.db, sql`select record_version from municipalities where ags = ${AGS}`);
    expect(version?.record_version).toBe(3);
    expect(await count()).toBe(before);
  });
});

describe("a confirmation: claim, event and audit entry in one statement", () => {
  it("keeps the derived latest record in step (last activity and confirmation)", async () => {
    time.advance(3_600_000);
    const res = await post({ type: "confirmation" }, '"3"');
    expect(res.statusCode, res.body).toBe(201);
    const created = eventCreatedSchema.parse(res.json());
    const [latest] = await queryRows<{ at: string; confirmed: string; status: string }>(
      t.app.deps.database.db,
      sql`select to_char(last_activity_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at,
            to_char(last_confirmed_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as confirmed, status
          from record_latest where ags = ${AGS}`,
    );
    expect(latest).toEqual({ at: created.event.recordedAt.replace(".000Z", "Z"), confirmed: created.event.recordedAt.replace(".000Z", "Z"), status: "drafting" });
  });

  it("refuses a municipality that does not exist today with 422, claiming and auditing nothing", async () => {
    const dissolved = "14522450"; // Ostrau, merged into Jahnatal on 2023-01-01
    const res = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${dissolved}/events`,
      headers: { ...headers, "if-match": '"0"' },
      payload: { type: "confirmation" },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(errorResponseSchema.parse(res.json()).code).toBe("MUNICIPALITY_NOT_EXISTING_ON_DATE");
    const [row] = await queryRows<{ record_version: number; events: number }>(
      t.app.deps.database.db,
      sql`select record_version, (select count(*)::int from status_events where ags = ${dissolved}) as events from municipalities where ags = ${dissolved}`,
    );
    expect(row).toEqual({ record_version: 0, events: 0 });
  });
});

describe("API tokens on the write path", () => {
  it("writes the token's last use at most once a minute", async () => {
    const first = await lastUsedAt();
    expect(first).toBe("2026-11-25T10:00:00Z");
    time.advance(30_000);
    expect((await post({ type: "confirmation" }, '"4"')).statusCode).toBe(201);
    expect(await lastUsedAt()).toBe(first);
    time.advance(30_000);
    expect((await post({ type: "confirmation" }, '"5"')).statusCode).toBe(201);
    expect(await lastUsedAt()).toBe("2026-11-25T10:01:00Z");
  });
});

describe("a status change: the record read at its version, then claim, event and audit entry in one statement", () => {
  const versionNow = async () =>
    (await queryRows<{ v: number }>(t.app.deps.database.db, sql`select record_version as v from municipalities where ags = ${AGS}`))[0]?.v ?? -1;
  const audits = async () =>
    (await queryRows<{ n: number }>(t.app.deps.database.db, sql`select count(*)::int as n from audit_log where action = 'status_event.created'`))[0]?.n ?? -1;

  it("refuses a change the rules forbid on the record as read with 422, claiming and auditing nothing", async () => {
    const version = await versionNow();
    const before = await audits();
    // The record is "drafting" without an adoption: an update needs one.
    const res = await post({ type: "status", status: "updating", source: "fs_inge" }, `"${version}"`);
    expect(res.statusCode, res.body).toBe(422);
    expect(errorResponseSchema.parse(res.json()).code).toBe("PREVIOUS_ADOPTION_REQUIRED");
    expect(await versionNow()).toBe(version);
    expect(await audits()).toBe(before);
  });

  it("refuses a change built on an older version with 412, writing nothing", async () => {
    const version = await versionNow();
    const before = await audits();
    const res = await post({ type: "status", status: "council_adopted", councilResolutionDate: "2026-11-20" }, `"${version - 1}"`);
    expect(res.statusCode, res.body).toBe(412);
    expect(await versionNow()).toBe(version);
    expect(await audits()).toBe(before);
  });

  it("writes an accepted change with its audit entry, and the derived record follows", async () => {
    const version = await versionNow();
    const res = await post({ type: "status", status: "council_adopted", councilResolutionDate: "2026-11-20" }, `"${version}"`);
    expect(res.statusCode, res.body).toBe(201);
    const created = eventCreatedSchema.parse(res.json());
    expect(created.version).toBe(version + 1);
    expect(created.event).toEqual(await storedEvent(created.event.id));
    expect(created.event.conceptKind).toBe("INGEKO"); // inherited from the record as read
    expect((await auditOf(created.event.id)).map((r) => r.details)).toEqual([
      { eventId: created.event.id, type: "status", status: "council_adopted", effectiveDate: "2026-11-25", supersedes: null, version: version + 1 },
    ]);
    const [latest] = await queryRows<{ status: string; resolution: string }>(
      t.app.deps.database.db,
      sql`select status, council_resolution_date::text as resolution from record_latest where ags = ${AGS}`,
    );
    expect(latest).toEqual({ status: "council_adopted", resolution: "2026-11-20" });
  });
});
