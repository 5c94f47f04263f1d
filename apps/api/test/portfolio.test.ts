import { errorResponseSchema, municipalityDetailSchema, portfolioSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Credentials, type TestAccount, addAccount, assign, sessionFor, writerHeaders } from "./helpers/accounts.js";
import { call } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// The fixed clock says Wednesday 2026-11-25 in Saxony: the week runs from Monday 23 to Sunday 29 November.
const GROSSENHAIN = "14627060";
const RIESA = "14627230";
const COSWIG = "14627010";
const MEISSEN = "14627140";
const PRIESTEWITZ = "14627200";
const RADEBEUL = "14627210";
const DRESDEN = "14612000";
const ZEITHAIN = "14627360";

let t: TestApp;
let smr: Credentials;
let advisor: TestAccount;
let advisorCreds: Credentials;
let otherAdvisor: TestAccount;
let otherCreds: Credentials;
let municipalityCreds: Credentials;

async function consult(body: Record<string, unknown>, headers = advisorCreds.headers): Promise<number> {
  const res = await call(t.app, "POST", "/api/consultations", headers, { kind: "phone", topics: ["update"], summary: "Gespräch", ...body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const smrAccount = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
  advisor = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
  otherAdvisor = await addAccount(db, { email: "andere@test.example", role: "advisor", password: null });
  const municipality = await addAccount(db, { email: "gemeinde@test.example", role: "municipality", ags: [GROSSENHAIN], password: null });
  smr = await sessionFor(t.app, smrAccount.id);
  advisorCreds = await sessionFor(t.app, advisor.id);
  otherCreds = await sessionFor(t.app, otherAdvisor.id);
  municipalityCreds = await sessionFor(t.app, municipality.id);

  await assign(db, advisor.id, [GROSSENHAIN, RIESA, COSWIG, MEISSEN, PRIESTEWITZ], "2026-01-01");
  await assign(db, advisor.id, [RADEBEUL], "2025-01-01", "2026-11-25"); // ended yesterday (valid_to exclusive)
  await assign(db, advisor.id, [DRESDEN], "2026-11-26"); // starts tomorrow
  await assign(db, otherAdvisor.id, [ZEITHAIN], "2026-01-01");

  // A record to show: Großenhain drafts its INSEK since 2025.
  const writer = await writerHeaders(t.app);
  const detail = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${GROSSENHAIN}`)).json());
  const event = await call(t.app, "POST", `/api/municipalities/${GROSSENHAIN}/events`, { ...writer, "if-match": `"${detail.version}"` }, {
    type: "status",
    status: "drafting",
    effectiveDate: "2025-03-01",
    conceptKind: "INSEK",
    source: "smr",
  });
  expect(event.statusCode, event.body).toBe(201);

  // Großenhain: next contact 20 Nov, not met since: overdue.
  await consult({ ags: [GROSSENHAIN], date: "2026-10-01", nextContactDate: "2026-11-20" });
  // Riesa: next contact Sunday 29 Nov (this week); a later internal call set none, so 29 Nov stands.
  await consult({ ags: [RIESA], date: "2026-11-02", nextContactDate: "2026-11-29" });
  await consult({ ags: [RIESA], date: "2026-11-10", internal: true }, otherCreds.headers);
  // Coswig: a seminar (with a municipality outside the portfolio) agreed Monday 30 Nov: next week.
  await consult({ ags: [COSWIG], date: "2026-09-01", nextContactDate: "2026-10-01" });
  await consult({ ags: [COSWIG, ZEITHAIN], kind: "seminar", date: "2026-10-15", nextContactDate: "2026-11-30" }, smr.headers);
  // Meißen: the follow-up of 1 Oct took place on 5 Oct (setting nothing new): no next contact. A withdrawn one does not count.
  await consult({ ags: [MEISSEN], date: "2026-09-01", nextContactDate: "2026-10-01" });
  await consult({ ags: [MEISSEN], date: "2026-10-05" });
  const withdrawn = await consult({ ags: [MEISSEN], date: "2026-11-20", nextContactDate: "2026-11-21" });
  expect((await call(t.app, "DELETE", `/api/consultations/${withdrawn}`, advisorCreds.headers)).statusCode).toBe(204);

  // Priestewitz: two update-request answers wait for review, one was accepted.
  await queryRows(
    db,
    sql`insert into update_request_campaigns (created_by, created_at, scope, valid_days, expires_at)
        values (${smrAccount.id}::uuid, now(), '{"stale": true}'::jsonb, 21, now() + interval '21 days')`,
  );
  for (const [i, state] of (["pending", "pending", "accepted"] as const).entries()) {
    await queryRows(
      db,
      sql`insert into update_requests (campaign_id, ags, token_hash, expires_at, recipients, answered_at, response, proposed_event, review_state)
          select id, ${PRIESTEWITZ}, ${`hash-${i}`}, now() + interval '21 days', array[]::text[], now(), 'change', '{}'::jsonb, ${state}
          from update_request_campaigns limit 1`,
    );
  }
});
afterAll(async () => {
  await t.close();
});

async function portfolio(query = "", headers = advisorCreds.headers) {
  const res = await call(t.app, "GET", `/api/portfolio${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return portfolioSchema.parse(res.json());
}

describe("GET /api/portfolio", () => {
  it("lists the advisor's municipalities assigned today with contacts and flags", async () => {
    const result = await portfolio();
    expect(result).toMatchObject({
      advisor: { id: advisor.id, email: "berater@test.example", displayName: "berater" },
      today: "2026-11-25",
      weekStart: "2026-11-23",
      weekEnd: "2026-11-29",
    });
    const byAgs = new Map(result.items.map((i) => [i.ags, i]));
    expect([...byAgs.keys()].sort()).toEqual([COSWIG, GROSSENHAIN, MEISSEN, PRIESTEWITZ, RIESA]);
    const pick = (ags: string) => {
      const item = byAgs.get(ags);
      return item && { lastContact: item.lastContact, nextContact: item.nextContact, overdue: item.overdue, followUpDue: item.followUpDue, pendingReviews: item.pendingReviews };
    };
    expect(pick(GROSSENHAIN)).toEqual({ lastContact: "2026-10-01", nextContact: "2026-11-20", overdue: true, followUpDue: true, pendingReviews: 0 });
    expect(pick(RIESA)).toEqual({ lastContact: "2026-11-10", nextContact: "2026-11-29", overdue: false, followUpDue: true, pendingReviews: 0 });
    expect(pick(COSWIG)).toEqual({ lastContact: "2026-10-15", nextContact: "2026-11-30", overdue: false, followUpDue: false, pendingReviews: 0 });
    expect(pick(MEISSEN)).toEqual({ lastContact: "2026-10-05", nextContact: null, overdue: false, followUpDue: false, pendingReviews: 0 });
    expect(pick(PRIESTEWITZ)).toEqual({ lastContact: null, nextContact: null, overdue: false, followUpDue: false, pendingReviews: 2 });
    expect(byAgs.get(GROSSENHAIN)).toMatchObject({ districtKey: "14627", districtName: "Meißen", type: "grosse_kreisstadt", assignedFrom: "2026-01-01", assignedTo: null });
  });

  it("shows the record of the one definition (the same as the municipality page)", async () => {
    const item = (await portfolio()).items.find((i) => i.ags === GROSSENHAIN);
    const detail = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${GROSSENHAIN}`)).json());
    expect(item?.record.status).toBe("drafting");
    expect(item?.record.statusSince).toBe("2025-03-01");
    expect(item?.record).toEqual(detail.record);
    expect(item?.name).toBe(detail.name);
    expect(item?.population).toBe(detail.population);
  });

  it("moves with the clock: next week the Coswig follow-up is due and the Riesa one overdue", async () => {
    const later = await createTestApp({ clock: () => new Date("2026-11-30T08:00:00Z") });
    try {
      // Same fixture, on a fresh database: only what the flags need.
      const db = later.database.db;
      const a = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
      await assign(db, a.id, [RIESA, COSWIG], "2026-01-01");
      const creds = await sessionFor(later.app, a.id);
      for (const [ags, next] of [[RIESA, "2026-11-29"], [COSWIG, "2026-12-06"]] as const) {
        const res = await call(later.app, "POST", "/api/consultations", creds.headers, { ags: [ags], date: "2026-11-02", kind: "phone", topics: ["update"], summary: "x", nextContactDate: next });
        expect(res.statusCode, res.body).toBe(201);
      }
      const res = await call(later.app, "GET", "/api/portfolio", creds.headers);
      const result = portfolioSchema.parse(res.json());
      expect([result.weekStart, result.weekEnd]).toEqual(["2026-11-30", "2026-12-06"]);
      const flags = Object.fromEntries(result.items.map((i) => [i.ags, [i.overdue, i.followUpDue]]));
      expect(flags).toEqual({ [RIESA]: [true, true], [COSWIG]: [false, true] });
    } finally {
      await later.close();
    }
  });

  it("gives SMR any advisor's portfolio by e-mail or id, and insists on naming one", async () => {
    const byEmail = await portfolio("?advisor=berater@test.example", smr.headers);
    const byId = await portfolio(`?advisor=${advisor.id}`, smr.headers);
    expect(byId).toEqual(byEmail);
    expect(byEmail.items).toHaveLength(5);
    const other = await portfolio("?advisor=andere@test.example", smr.headers);
    expect(other.items.map((i) => i.ags)).toEqual([ZEITHAIN]);
    expect(other.items[0]).toMatchObject({ lastContact: "2026-10-15", nextContact: "2026-11-30" });

    const missing = await call(t.app, "GET", "/api/portfolio", smr.headers);
    expect(missing.statusCode).toBe(422);
    expect(errorResponseSchema.parse(missing.json()).issues?.[0]).toMatchObject({ path: "query.advisor", code: "VALIDATION_FAILED" });
    for (const ref of ["nobody@test.example", "smr@test.example", "gemeinde@test.example"]) {
      const res = await call(t.app, "GET", `/api/portfolio?advisor=${ref}`, smr.headers);
      expect(res.statusCode).toBe(422);
      expect(errorResponseSchema.parse(res.json())).toMatchObject({ code: "ADVISOR_NOT_FOUND", issues: [{ path: "query.advisor" }] });
    }
  });

  it("keeps advisors to their own portfolio, municipalities and anonymous callers out", async () => {
    expect((await portfolio("?advisor=berater@test.example")).items).toHaveLength(5);
    expect((await portfolio("", otherCreds.headers)).items.map((i) => i.ags)).toEqual([ZEITHAIN]);
    const foreign = await call(t.app, "GET", "/api/portfolio?advisor=berater@test.example", otherCreds.headers);
    expect(foreign.statusCode).toBe(403);
    expect(errorResponseSchema.parse(foreign.json()).code).toBe("FORBIDDEN");
    expect((await call(t.app, "GET", "/api/portfolio", municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/portfolio")).statusCode).toBe(401);
  });
});
