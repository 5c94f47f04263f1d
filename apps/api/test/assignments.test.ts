import { assignmentCreatedSchema, assignmentListSchema, errorResponseSchema, municipalityDetailSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Credentials, type TestAccount, addAccount, assign, bearerFor, sessionFor } from "./helpers/accounts.js";
import { auditEntries, call, countRows } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// The fixed clock says 2026-11-25 (a Wednesday) in Saxony.
const GROSSENHAIN = "14627060"; // Landkreis Meißen
const RIESA = "14627230";
const MEISSEN_DISTRICT = "14627"; // 28 municipalities, none dissolved
const ERZGEBIRGE = "14521"; // 62 rows: Aue and Bad Schlema until 2018-12-31, Pfaffroda until 2016-12-31, Aue-Bad Schlema from 2019-01-01
const AUE = "14521030";

let t: TestApp;
let smr: Credentials;
let advisor: TestAccount;
let advisorCreds: Credentials;
let otherAdvisor: TestAccount;
let otherAdvisorCreds: Credentials;
let municipalityCreds: Credentials;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const smrAccount = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
  advisor = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
  otherAdvisor = await addAccount(db, { email: "andere@test.example", role: "advisor", password: null });
  await addAccount(db, { email: "disabled@test.example", role: "advisor", password: null, disabled: true });
  const municipality = await addAccount(db, { email: "gemeinde@test.example", role: "municipality", ags: [GROSSENHAIN], password: null });
  smr = await sessionFor(t.app, smrAccount.id);
  advisorCreds = await sessionFor(t.app, advisor.id);
  otherAdvisorCreds = await sessionFor(t.app, otherAdvisor.id);
  municipalityCreds = await sessionFor(t.app, municipality.id);
});
afterAll(async () => {
  await t.close();
});

async function create(body: Record<string, unknown>, headers = smr.headers) {
  const res = await call(t.app, "POST", "/api/assignments", headers, body);
  expect(res.statusCode, res.body).toBe(201);
  return assignmentCreatedSchema.parse(res.json());
}

async function refused(body: Record<string, unknown>, status: number, code: string, path: string) {
  const before = { assignments: await countRows(t.app, "advisor_assignments"), audit: await countRows(t.app, "audit_log") };
  const res = await call(t.app, "POST", "/api/assignments", smr.headers, body);
  expect(res.statusCode, res.body).toBe(status);
  const error = errorResponseSchema.parse(res.json());
  expect(error.code).toBe(code);
  expect(error.issues?.map((i) => i.path)).toContain(path);
  // Nothing written, not even in part.
  expect(await countRows(t.app, "advisor_assignments")).toBe(before.assignments);
  expect(await countRows(t.app, "audit_log")).toBe(before.audit);
  return error;
}

async function storedRange(id: number) {
  const [row] = await queryRows<{ valid_from: string; valid_to: string | null }>(
    t.database.db,
    sql`select valid_from::text, valid_to::text from advisor_assignments where id = ${id}`,
  );
  return row;
}

async function list(query: string, headers = smr.headers) {
  const res = await call(t.app, "GET", `/api/assignments${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return assignmentListSchema.parse(res.json()).items;
}

describe("POST /api/assignments", () => {
  it("creates one assignment, stores `to` + 1 day as the exclusive valid_to, and audits it", async () => {
    const created = await create({ advisorEmail: "Berater@Test.example", ags: RIESA, from: "2026-01-01", to: "2026-12-31" });
    expect(created.skipped).toEqual([]);
    expect(created.items).toHaveLength(1);
    const [item] = created.items;
    expect(item).toMatchObject({
      advisor: { id: advisor.id, email: "berater@test.example", displayName: "berater" },
      ags: RIESA,
      municipalityName: expect.stringContaining("Riesa") as string,
      districtKey: MEISSEN_DISTRICT,
      from: "2026-01-01",
      to: "2026-12-31",
      active: true,
    });
    expect(await storedRange(item?.id ?? 0)).toEqual({ valid_from: "2026-01-01", valid_to: "2027-01-01" });
    const entries = await auditEntries(t.app, "assignment.created");
    expect(entries.at(-1)).toMatchObject({
      target: `assignment:${item?.id}`,
      actor_label: "smr@test.example",
      details: { advisor: "berater@test.example", ags: RIESA, from: "2026-01-01", to: "2026-12-31" },
    });
  });

  it("creates an open-ended assignment when `to` is absent", async () => {
    const created = await create({ advisorEmail: "andere@test.example", ags: RIESA, from: "2027-01-01" });
    expect(created.items[0]).toMatchObject({ from: "2027-01-01", to: null, active: false });
    expect(await storedRange(created.items[0]?.id ?? 0)).toEqual({ valid_from: "2027-01-01", valid_to: null });
  });

  it("refuses an overlap of the same advisor and municipality with 409 naming the assignment; touching ranges are fine", async () => {
    const [existing] = await list(`?advisor=berater@test.example&ags=${RIESA}`);
    const error = await refused({ advisorEmail: "berater@test.example", ags: RIESA, from: "2026-12-31" }, 409, "ASSIGNMENT_OVERLAP", "body.ags");
    expect(error.message).toContain(`assignment ${existing?.id}`);
    await refused({ advisorEmail: "berater@test.example", ags: RIESA, from: "2025-01-01", to: "2026-01-01" }, 409, "ASSIGNMENT_OVERLAP", "body.ags");
    // The existing one ends with 2026-12-31 (inclusive): the next may start on 2027-01-01 …
    const next = await create({ advisorEmail: "berater@test.example", ags: RIESA, from: "2027-01-01", to: "2027-06-30" });
    // … and one may end the day before it started.
    const before = await create({ advisorEmail: "berater@test.example", ags: RIESA, from: "2025-01-01", to: "2025-12-31" });
    expect(next.items[0]?.to).toBe("2027-06-30");
    expect(before.items[0]?.active).toBe(false);
    // Another advisor may hold the same municipality at the same time.
    await create({ advisorEmail: "andere@test.example", ags: RIESA, from: "2026-06-01", to: "2026-12-31" });
  });

  it("validates the body with field paths and codes", async () => {
    await refused({ advisorEmail: "nobody@test.example", ags: GROSSENHAIN, from: "2026-01-01" }, 422, "ADVISOR_NOT_FOUND", "body.advisorEmail");
    await refused({ advisorEmail: "smr@test.example", ags: GROSSENHAIN, from: "2026-01-01" }, 422, "ADVISOR_NOT_FOUND", "body.advisorEmail");
    await refused({ advisorEmail: "disabled@test.example", ags: GROSSENHAIN, from: "2026-01-01" }, 422, "ADVISOR_NOT_FOUND", "body.advisorEmail");
    await refused({ advisorEmail: "gemeinde@test.example", ags: GROSSENHAIN, from: "2026-01-01" }, 422, "ADVISOR_NOT_FOUND", "body.advisorEmail");
    await refused({ advisorEmail: "berater@test.example", ags: "14999999", from: "2026-01-01" }, 422, "UNKNOWN_AGS", "body.ags");
    await refused({ advisorEmail: "berater@test.example", ags: AUE, from: "2026-01-01" }, 422, "MUNICIPALITY_NOT_EXISTING_ON_DATE", "body.ags");
    await refused({ advisorEmail: "berater@test.example", district: "14999", from: "2026-01-01" }, 422, "UNKNOWN_DISTRICT", "body.district");
    await refused({ advisorEmail: "berater@test.example", ags: GROSSENHAIN, district: MEISSEN_DISTRICT, from: "2026-01-01" }, 400, "VALIDATION_FAILED", "body.ags");
    await refused({ advisorEmail: "berater@test.example", from: "2026-01-01" }, 400, "VALIDATION_FAILED", "body.ags");
    await refused({ advisorEmail: "berater@test.example", ags: GROSSENHAIN, from: "2026-02-01", to: "2026-01-31" }, 400, "VALIDATION_FAILED", "body.to");
    await refused({ advisorEmail: "berater@test.example", ags: GROSSENHAIN, from: "2026-02-30" }, 400, "VALIDATION_FAILED", "body.from");
    await refused({ advisorEmail: "not an address", ags: GROSSENHAIN, from: "2026-01-01" }, 400, "VALIDATION_FAILED", "body.advisorEmail");
    await refused({ advisorEmail: "berater@test.example", ags: GROSSENHAIN, from: "2026-01-01", extra: 1 }, 400, "VALIDATION_FAILED", "body");
  });

  it("is for SMR only", async () => {
    const body = { advisorEmail: "berater@test.example", ags: GROSSENHAIN, from: "2026-01-01" };
    expect((await call(t.app, "POST", "/api/assignments", advisorCreds.headers, body)).statusCode).toBe(403);
    expect((await call(t.app, "POST", "/api/assignments", municipalityCreds.headers, body)).statusCode).toBe(403);
    expect((await call(t.app, "POST", "/api/assignments", {}, body)).statusCode).toBe(401);
    expect(await list(`?advisor=berater@test.example&ags=${GROSSENHAIN}`)).toEqual([]);
  });
});

describe("bulk assignment by district", () => {
  it("assigns every municipality of the district that exists on `from`", async () => {
    const bulkAdvisor = await addAccount(t.database.db, { email: "bulk@test.example", role: "advisor", password: null });
    const past = await create({ advisorEmail: "bulk@test.example", district: ERZGEBIRGE, from: "2018-06-01", to: "2018-12-31" });
    expect(past.items).toHaveLength(60);
    const pastAgs = past.items.map((i) => i.ags);
    expect(pastAgs).toContain(AUE);
    expect(pastAgs).not.toContain("14521035"); // Aue-Bad Schlema exists from 2019-01-01
    expect(pastAgs).not.toContain("14521470"); // Pfaffroda was gone by then
    expect(new Set(past.items.map((i) => i.districtKey))).toEqual(new Set([ERZGEBIRGE]));

    const now = await create({ advisorEmail: "bulk@test.example", district: ERZGEBIRGE, from: "2019-01-01" });
    expect(now.items).toHaveLength(59);
    expect(now.items.map((i) => i.ags)).toContain("14521035");
    expect(now.items.every((i) => i.active && i.to === null)).toBe(true);
    expect(await list(`?advisor=${bulkAdvisor.id}&active=true`)).toHaveLength(59);
    expect(await list(`?advisor=${bulkAdvisor.id}&active=false`)).toHaveLength(60);
    const audited = (await auditEntries(t.app, "assignment.created")).filter((e) => e.details?.advisor === "bulk@test.example");
    expect(audited).toHaveLength(119);
    expect(audited.at(-1)?.details).toMatchObject({ district: ERZGEBIRGE });
  });

  it("skips municipalities the advisor already holds and reports them; all-overlapping is refused without writes", async () => {
    const [single] = (await create({ advisorEmail: "andere@test.example", ags: GROSSENHAIN, from: "2026-01-01" })).items;
    const bulk = await create({ advisorEmail: "andere@test.example", district: MEISSEN_DISTRICT, from: "2026-11-01" });
    // Riesa is held by this advisor from 2027-01-01 (open-ended) and 2026-06-01 to 2026-12-31: both overlap.
    expect(bulk.items).toHaveLength(26);
    expect(bulk.skipped.map((s) => s.ags).sort()).toEqual([GROSSENHAIN, RIESA]);
    expect(bulk.skipped.find((s) => s.ags === GROSSENHAIN)).toMatchObject({ overlapsAssignmentId: single?.id, municipalityName: expect.stringContaining("Großenhain") as string });
    await refused({ advisorEmail: "andere@test.example", district: MEISSEN_DISTRICT, from: "2026-11-25" }, 409, "ASSIGNMENT_OVERLAP", "body.district");
  });
});

describe("GET /api/assignments", () => {
  it("filters by advisor (e-mail or id), municipality, district and activity, for staff", async () => {
    const byEmail = await list("?advisor=berater@test.example", advisorCreds.headers);
    const byId = await list(`?advisor=${advisor.id}`, otherAdvisorCreds.headers);
    expect(byId).toEqual(byEmail);
    expect(byEmail.map((a) => [a.ags, a.from, a.to]).sort()).toEqual([
      [RIESA, "2025-01-01", "2025-12-31"],
      [RIESA, "2026-01-01", "2026-12-31"],
      [RIESA, "2027-01-01", "2027-06-30"],
    ]);
    expect((await list(`?advisor=berater@test.example&active=true`)).map((a) => a.from)).toEqual(["2026-01-01"]);
    const riesa = await list(`?ags=${RIESA}&active=true`);
    expect(riesa.map((a) => a.advisor.email).sort()).toEqual(["andere@test.example", "berater@test.example"]);
    const district = await list(`?district=${MEISSEN_DISTRICT}&advisor=andere@test.example`);
    expect(district.every((a) => a.districtKey === MEISSEN_DISTRICT)).toBe(true);
    expect(district).toHaveLength(29);
    expect(await list("?advisor=nobody@test.example")).toEqual([]);
    const bad = await call(t.app, "GET", "/api/assignments?ags=123", smr.headers);
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).issues?.[0]?.path).toBe("querystring.ags");
  });

  it("is not for municipality accounts or anonymous callers", async () => {
    expect((await call(t.app, "GET", "/api/assignments", municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/assignments")).statusCode).toBe(401);
  });
});

describe("DELETE /api/assignments/:id", () => {
  it("removes an assignment (SMR), audits what it was, and answers 404 afterwards", async () => {
    const [item] = (await create({ advisorEmail: "berater@test.example", ags: "14627010", from: "2026-03-01", to: "2026-12-31" })).items;
    const id = item?.id ?? 0;
    expect((await call(t.app, "DELETE", `/api/assignments/${id}`, advisorCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", `/api/assignments/${id}`, municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", `/api/assignments/${id}`)).statusCode).toBe(401);
    const res = await call(t.app, "DELETE", `/api/assignments/${id}`, smr.headers);
    expect(res.statusCode, res.body).toBe(204);
    expect(res.body).toBe("");
    expect(await storedRange(id)).toBeUndefined();
    expect((await auditEntries(t.app, "assignment.deleted")).at(-1)).toMatchObject({
      target: `assignment:${id}`,
      actor_label: "smr@test.example",
      details: { advisor: "berater@test.example", ags: "14627010", from: "2026-03-01", to: "2026-12-31" },
    });
    const again = await call(t.app, "DELETE", `/api/assignments/${id}`, smr.headers);
    expect(again.statusCode).toBe(404);
    expect(errorResponseSchema.parse(again.json()).code).toBe("ASSIGNMENT_NOT_FOUND");
    expect((await call(t.app, "DELETE", "/api/assignments/abc", smr.headers)).statusCode).toBe(400);
  });
});

describe("assignments made here drive the write:municipality rule", () => {
  async function confirm(ags: string, headers: Record<string, string>) {
    const detail = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${ags}`)).json());
    return call(t.app, "POST", `/api/municipalities/${ags}/events`, { ...headers, "if-match": `"${detail.version}"` }, { type: "confirmation", source: "fs_inge" });
  }

  it("lets an advisor write while an assignment holds today: `to` = today still holds, `to` = yesterday no longer", async () => {
    const writer = await addAccount(t.database.db, { email: "writer@test.example", role: "advisor", password: null });
    const token = await bearerFor(t.app, writer.id);
    const AGS = "14627140"; // in Landkreis Meißen
    expect((await confirm(AGS, token.headers)).statusCode).toBe(403);

    await create({ advisorEmail: "writer@test.example", ags: AGS, from: "2026-01-01", to: "2026-11-24" });
    const yesterday = await confirm(AGS, token.headers);
    expect(yesterday.statusCode).toBe(403);
    expect(errorResponseSchema.parse(yesterday.json()).code).toBe("OUT_OF_SCOPE");

    const [today] = (await create({ advisorEmail: "writer@test.example", ags: AGS, from: "2026-11-25", to: "2026-11-25" })).items;
    const allowed = await confirm(AGS, token.headers);
    expect(allowed.statusCode, allowed.body).toBe(201);

    expect((await call(t.app, "DELETE", `/api/assignments/${today?.id}`, smr.headers)).statusCode).toBe(204);
    expect((await confirm(AGS, token.headers)).statusCode).toBe(403);
  });
});

describe("advisors on the municipality detail", () => {
  it("lists the advisors assigned today to signed-in readers, and nobody to anonymous readers", async () => {
    await assign(t.database.db, (await addAccount(t.database.db, { email: "alt@test.example", role: "advisor", password: null })).id, [GROSSENHAIN], "2020-01-01", "2026-11-25");
    const disabled = await addAccount(t.database.db, { email: "gone@test.example", role: "advisor", password: null, disabled: true });
    await assign(t.database.db, disabled.id, [GROSSENHAIN], "2020-01-01");

    const signedIn = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${GROSSENHAIN}`, municipalityCreds.headers)).json());
    expect(signedIn.advisors).toEqual([{ id: otherAdvisor.id, displayName: "andere", email: "andere@test.example" }]);
    // Today's advisors, whatever asOf says.
    const past = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${GROSSENHAIN}?asOf=2021-01-01`, smr.headers)).json());
    expect(past.advisors.map((a) => a.email)).toEqual(["andere@test.example"]);

    const anonymous = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${GROSSENHAIN}`)).json());
    expect(anonymous.advisors).toEqual([]);
    const riesa = municipalityDetailSchema.parse((await call(t.app, "GET", `/api/municipalities/${RIESA}`, advisorCreds.headers)).json());
    expect(riesa.advisors.map((a) => a.email)).toEqual(["andere@test.example", "berater@test.example"]);
  });
});
