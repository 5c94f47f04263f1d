import { consultationListSchema, consultationSchema, consultationStatsSchema, errorResponseSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Credentials, type TestAccount, addAccount, bearerFor, sessionFor } from "./helpers/accounts.js";
import { auditEntries, call, countRows } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// The fixed clock says 2026-11-25 in Saxony.
const GROSSENHAIN = "14627060";
const RIESA = "14627230";
const COSWIG = "14627010";
const DRESDEN = "14612000";
const SEMINAR_MEISSEN = ["14627010", "14627020", "14627030", "14627040", "14627050", "14627060", "14627070", "14627080", "14627100", "14627110"];
const SEMINAR_BAUTZEN = ["14625010", "14625020"];

let t: TestApp;
let smr: Credentials;
let advisor: TestAccount;
let advisorCreds: Credentials;
let otherCreds: Credentials;
let municipalityCreds: Credentials;
let otherMunicipalityCreds: Credentials;

const base = { kind: "phone", topics: ["update"], summary: "Telefonat zur Fortschreibung" };

async function post(body: Record<string, unknown>, headers = advisorCreds.headers) {
  const res = await call(t.app, "POST", "/api/consultations", headers, { ...base, ...body });
  expect(res.statusCode, res.body).toBe(201);
  return consultationSchema.parse(res.json());
}

async function refused(method: "POST" | "PATCH", url: string, body: Record<string, unknown>, status: number, code: string, path: string) {
  const before = { c: await countRows(t.app, "consultations"), m: await countRows(t.app, "consultation_municipalities"), a: await countRows(t.app, "audit_log") };
  const res = await call(t.app, method, url, advisorCreds.headers, method === "POST" ? { ...base, ...body } : body);
  expect(res.statusCode, res.body).toBe(status);
  const error = errorResponseSchema.parse(res.json());
  expect(error.code).toBe(code);
  expect(error.issues?.map((i) => i.path)).toContain(path);
  expect({ c: await countRows(t.app, "consultations"), m: await countRows(t.app, "consultation_municipalities"), a: await countRows(t.app, "audit_log") }).toEqual(before);
}

async function list(query: string, headers = smr.headers) {
  const res = await call(t.app, "GET", `/api/consultations${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return consultationListSchema.parse(res.json());
}

async function ofMunicipality(ags: string, headers: Record<string, string>) {
  return call(t.app, "GET", `/api/municipalities/${ags}/consultations`, headers);
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const smrAccount = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
  advisor = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
  const other = await addAccount(db, { email: "andere@test.example", role: "advisor", password: null });
  const municipality = await addAccount(db, { email: "gemeinde@test.example", role: "municipality", ags: [GROSSENHAIN], password: null });
  const otherMunicipality = await addAccount(db, { email: "riesa@test.example", role: "municipality", ags: [RIESA], password: null });
  smr = await sessionFor(t.app, smrAccount.id);
  advisorCreds = await sessionFor(t.app, advisor.id);
  otherCreds = await bearerFor(t.app, other.id);
  municipalityCreds = await sessionFor(t.app, municipality.id);
  otherMunicipalityCreds = await sessionFor(t.app, otherMunicipality.id);
});
afterAll(async () => {
  await t.close();
});

describe("POST /api/consultations", () => {
  it("records a consultation with the caller as author, and audits it", async () => {
    const created = await post({
      date: "2026-11-02",
      kind: "seminar",
      ags: [RIESA, GROSSENHAIN],
      topics: ["preparation", "other"],
      topicOther: "Leerstand",
      summary: "Seminar zur Erstellung",
      nextStep: "Unterlagen schicken",
      nextContactDate: "2026-12-01",
    });
    expect(created).toMatchObject({
      date: "2026-11-02",
      kind: "seminar",
      topics: ["preparation", "other"],
      topicOther: "Leerstand",
      summary: "Seminar zur Erstellung",
      nextStep: "Unterlagen schicken",
      nextContactDate: "2026-12-01",
      internal: false,
      advisor: { id: advisor.id, displayName: "berater", email: "berater@test.example" },
      createdAt: "2026-11-25T09:00:00.000Z",
      updatedAt: "2026-11-25T09:00:00.000Z",
    });
    // Sorted by name: Großenhain before Riesa.
    expect(created.municipalities).toEqual([
      { ags: GROSSENHAIN, name: "Großenhain, Stadt" },
      { ags: RIESA, name: "Riesa, Stadt" },
    ]);
    expect((await auditEntries(t.app, "consultation.created")).at(-1)).toMatchObject({
      target: `consultation:${created.id}`,
      actor_label: "berater@test.example",
      details: { date: "2026-11-02", kind: "seminar", ags: [GROSSENHAIN, RIESA], internal: false },
    });
    // SMR records too; optional fields default to null / false.
    const bySmr = await post({ date: "2026-11-03", ags: [COSWIG] }, smr.headers);
    expect(bySmr).toMatchObject({ internal: false, nextStep: null, nextContactDate: null, topicOther: null, advisor: { email: "smr@test.example" } });
  });

  it("validates the body with field paths and codes; nothing is written on error", async () => {
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN, "14999999", RIESA, "14999998"] }, 422, "UNKNOWN_AGS", "body.ags.1");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN, "14999998"] }, 422, "UNKNOWN_AGS", "body.ags.1");
    await refused("POST", "/api/consultations", { date: "2026-11-26", ags: [GROSSENHAIN] }, 422, "VALIDATION_FAILED", "body.date");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN], topicOther: "x" }, 422, "VALIDATION_FAILED", "body.topicOther");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN], nextContactDate: "2026-11-01" }, 400, "VALIDATION_FAILED", "body.nextContactDate");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN, GROSSENHAIN] }, 400, "VALIDATION_FAILED", "body.ags");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [] }, 400, "VALIDATION_FAILED", "body.ags");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: ["1462706"] }, 400, "VALIDATION_FAILED", "body.ags.0");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN], kind: "fax" }, 400, "VALIDATION_FAILED", "body.kind");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN], topics: [] }, 400, "VALIDATION_FAILED", "body.topics");
    await refused("POST", "/api/consultations", { date: "2026-11-02", ags: [GROSSENHAIN], summary: "  " }, 400, "VALIDATION_FAILED", "body.summary");
    await refused("POST", "/api/consultations", { ags: [GROSSENHAIN] }, 400, "VALIDATION_FAILED", "body.date");
  });

  it("is for staff only", async () => {
    const body = { ...base, date: "2026-11-02", ags: [GROSSENHAIN] };
    expect((await call(t.app, "POST", "/api/consultations", municipalityCreds.headers, body)).statusCode).toBe(403);
    expect((await call(t.app, "POST", "/api/consultations", {}, body)).statusCode).toBe(401);
    expect((await call(t.app, "POST", "/api/consultations", otherCreds.headers, body)).statusCode).toBe(201);
  });
});

describe("PATCH and DELETE /api/consultations/:id", () => {
  it("lets the author change fields, auditing only what changed with before and after", async () => {
    const c = await post({ date: "2026-11-04", ags: [GROSSENHAIN], nextContactDate: "2026-11-30" });
    const res = await call(t.app, "PATCH", `/api/consultations/${c.id}`, advisorCreds.headers, {
      summary: "Neu gefasst",
      ags: [RIESA, GROSSENHAIN],
      internal: true,
      kind: "phone",
    });
    expect(res.statusCode, res.body).toBe(200);
    const changed = consultationSchema.parse(res.json());
    expect(changed).toMatchObject({ summary: "Neu gefasst", internal: true, kind: "phone", nextContactDate: "2026-11-30" });
    expect(changed.municipalities.map((m) => m.ags)).toEqual([GROSSENHAIN, RIESA]);
    expect((await auditEntries(t.app, "consultation.updated")).at(-1)).toEqual({
      action: "consultation.updated",
      target: `consultation:${c.id}`,
      actor_label: "berater@test.example",
      details: {
        changes: {
          summary: { before: "Telefonat zur Fortschreibung", after: "Neu gefasst" },
          internal: { before: false, after: true },
          ags: { before: [GROSSENHAIN], after: [GROSSENHAIN, RIESA] },
        },
      },
    });
    // Nothing changed: no audit entry.
    const entries = (await auditEntries(t.app, "consultation.updated")).length;
    expect((await call(t.app, "PATCH", `/api/consultations/${c.id}`, advisorCreds.headers, { summary: "Neu gefasst" })).statusCode).toBe(200);
    expect(await auditEntries(t.app, "consultation.updated")).toHaveLength(entries);

    // SMR may change it too; clearing the next contact.
    const bySmr = await call(t.app, "PATCH", `/api/consultations/${c.id}`, smr.headers, { nextContactDate: null });
    expect(bySmr.statusCode, bySmr.body).toBe(200);
    expect(consultationSchema.parse(bySmr.json()).nextContactDate).toBeNull();
    expect((await auditEntries(t.app, "consultation.updated")).at(-1)).toMatchObject({
      actor_label: "smr@test.example",
      details: { changes: { nextContactDate: { before: "2026-11-30", after: null } } },
    });
  });

  it("refuses others, invalid changes and unknown consultations", async () => {
    const c = await post({ date: "2026-11-05", ags: [GROSSENHAIN], nextContactDate: "2026-11-20" });
    const url = `/api/consultations/${c.id}`;
    const foreign = await call(t.app, "PATCH", url, otherCreds.headers, { summary: "fremd" });
    expect(foreign.statusCode).toBe(403);
    expect(errorResponseSchema.parse(foreign.json()).code).toBe("FORBIDDEN");
    expect((await call(t.app, "PATCH", url, municipalityCreds.headers, { summary: "x" })).statusCode).toBe(403);
    expect((await call(t.app, "PATCH", url, {}, { summary: "x" })).statusCode).toBe(401);
    // The date moves after the agreed next contact: refused at the field that moved.
    await refused("PATCH", url, { date: "2026-11-21" }, 422, "VALIDATION_FAILED", "body.date");
    await refused("PATCH", url, { ags: [GROSSENHAIN, "14999999"] }, 422, "UNKNOWN_AGS", "body.ags.1");
    await refused("PATCH", url, { topicOther: "x" }, 422, "VALIDATION_FAILED", "body.topicOther");
    await refused("PATCH", url, { unknownField: 1 }, 400, "VALIDATION_FAILED", "body");
    const missing = await call(t.app, "PATCH", "/api/consultations/999999", advisorCreds.headers, { summary: "x" });
    expect(missing.statusCode).toBe(404);
    expect(errorResponseSchema.parse(missing.json()).code).toBe("CONSULTATION_NOT_FOUND");
    expect((await call(t.app, "GET", url, advisorCreds.headers)).statusCode).toBe(200);
    expect((await call(t.app, "GET", url, municipalityCreds.headers)).statusCode).toBe(403);
  });

  it("withdraws a consultation (author or SMR): audited, gone from every list, 404 afterwards", async () => {
    const mine = await post({ date: "2026-11-06", ags: [GROSSENHAIN] });
    const other = await post({ date: "2026-11-06", ags: [GROSSENHAIN] }, otherCreds.headers);
    expect((await call(t.app, "DELETE", `/api/consultations/${other.id}`, advisorCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", `/api/consultations/${mine.id}`, municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "DELETE", `/api/consultations/${mine.id}`)).statusCode).toBe(401);

    const res = await call(t.app, "DELETE", `/api/consultations/${mine.id}`, advisorCreds.headers);
    expect(res.statusCode, res.body).toBe(204);
    expect((await call(t.app, "DELETE", `/api/consultations/${other.id}`, smr.headers)).statusCode).toBe(204);
    const [stored] = await queryRows<{ deleted_at: unknown }>(t.database.db, sql`select deleted_at from consultations where id = ${mine.id}`);
    expect(stored?.deleted_at).not.toBeNull();
    expect((await auditEntries(t.app, "consultation.withdrawn")).slice(-2)).toMatchObject([
      { target: `consultation:${mine.id}`, actor_label: "berater@test.example", details: { date: "2026-11-06", ags: [GROSSENHAIN], author: "berater@test.example" } },
      { target: `consultation:${other.id}`, actor_label: "smr@test.example", details: { author: "andere@test.example" } },
    ]);
    const listed = await list("?from=2026-11-06&to=2026-11-06");
    expect(listed.items).toEqual([]);
    const page = consultationListSchema.parse((await ofMunicipality(GROSSENHAIN, smr.headers)).json());
    expect(page.items.map((i) => i.id)).not.toContain(mine.id);
    for (const method of ["DELETE", "PATCH", "GET"] as const) {
      const again = await call(t.app, method, `/api/consultations/${mine.id}`, smr.headers, method === "PATCH" ? { summary: "x" } : undefined);
      expect(again.statusCode).toBe(404);
      expect(errorResponseSchema.parse(again.json()).code).toBe("CONSULTATION_NOT_FOUND");
    }
  });
});

describe("GET /api/consultations and GET /api/municipalities/:ags/consultations", () => {
  let internal: number;
  let publicOne: number;
  beforeAll(async () => {
    internal = (await post({ date: "2026-11-10", ags: [GROSSENHAIN, DRESDEN], kind: "video", internal: true, summary: "Interne Abstimmung" })).id;
    publicOne = (await post({ date: "2026-11-11", ags: [GROSSENHAIN], kind: "email" }, otherCreds.headers)).id;
  });

  it("filters by municipality, advisor, dates (inclusive), kind and district, newest first, paged", async () => {
    const range = await list("?from=2026-11-10&to=2026-11-11");
    expect(range.items.map((i) => i.id)).toEqual([publicOne, internal]);
    expect(range.total).toBe(2);
    expect((await list("?from=2026-11-10&to=2026-11-11&kind=video")).items.map((i) => i.id)).toEqual([internal]);
    expect((await list(`?from=2026-11-10&to=2026-11-11&ags=${DRESDEN}`)).items.map((i) => i.id)).toEqual([internal]);
    expect((await list("?from=2026-11-10&to=2026-11-11&district=14612")).items.map((i) => i.id)).toEqual([internal]);
    expect((await list("?from=2026-11-10&to=2026-11-11&district=14627")).total).toBe(2);
    expect((await list("?from=2026-11-10&to=2026-11-11&advisor=andere@test.example")).items.map((i) => i.id)).toEqual([publicOne]);
    expect((await list(`?from=2026-11-10&to=2026-11-11&advisor=${advisor.id}`)).items.map((i) => i.id)).toEqual([internal]);
    expect((await list("?advisor=nobody@test.example")).total).toBe(0);
    const paged = await list("?from=2026-11-10&to=2026-11-11&limit=1&offset=1", advisorCreds.headers);
    expect(paged).toMatchObject({ total: 2, items: [{ id: internal }] });
    const bad = await call(t.app, "GET", "/api/consultations?kind=fax", smr.headers);
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).issues?.[0]?.path).toBe("querystring.kind");
    expect((await call(t.app, "GET", "/api/consultations", municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/consultations")).statusCode).toBe(401);
  });

  it("shows staff every consultation of a municipality and a municipality account its non-internal ones", async () => {
    const staff = consultationListSchema.parse((await ofMunicipality(GROSSENHAIN, advisorCreds.headers)).json());
    expect(staff.items.map((i) => i.id)).toContain(internal);
    expect(staff.items.map((i) => i.id)).toContain(publicOne);
    const own = await ofMunicipality(GROSSENHAIN, municipalityCreds.headers);
    expect(own.statusCode, own.body).toBe(200);
    const ownList = consultationListSchema.parse(own.json());
    expect(ownList.items.map((i) => i.id)).toContain(publicOne);
    expect(ownList.items.some((i) => i.internal)).toBe(false);
    expect(ownList.total).toBe(staff.total - staff.items.filter((i) => i.internal).length);

    const foreign = await ofMunicipality(GROSSENHAIN, otherMunicipalityCreds.headers);
    expect(foreign.statusCode).toBe(403);
    expect(errorResponseSchema.parse(foreign.json()).code).toBe("OUT_OF_SCOPE");
    expect((await ofMunicipality(GROSSENHAIN, {})).statusCode).toBe(401);
    const dresden = consultationListSchema.parse((await ofMunicipality(DRESDEN, smr.headers)).json());
    expect(dresden.items.map((i) => i.id)).toEqual([internal]);
    expect((await ofMunicipality("14999999", smr.headers)).statusCode).toBe(404);
    const malformed = await ofMunicipality("1462706", smr.headers);
    expect(malformed.statusCode).toBe(400);
    expect(errorResponseSchema.parse(malformed.json()).code).toBe("INVALID_AGS");
  });
});

describe("activity statistics and the quarterly report", () => {
  // A known fixture in 2026-Q3, which no other test of this file touches.
  beforeAll(async () => {
    await post({ date: "2026-06-30", ags: [RIESA] }); // before the quarter
    await post({ date: "2026-07-03", ags: [GROSSENHAIN], kind: "phone" });
    await post({ date: "2026-07-20", ags: [...SEMINAR_MEISSEN, ...SEMINAR_BAUTZEN], kind: "seminar", topics: ["participation"], summary: "Werkstatt" }, smr.headers);
    await post({ date: "2026-08-05", ags: [RIESA], kind: "on_site", internal: true, summary: "=1+1 intern" }, otherCreds.headers);
    await post({ date: "2026-09-30", ags: [DRESDEN], kind: "email" });
    const withdrawn = await post({ date: "2026-09-15", ags: [RIESA], kind: "video" });
    expect((await call(t.app, "DELETE", `/api/consultations/${withdrawn.id}`, advisorCreds.headers)).statusCode).toBe(204);
    await post({ date: "2026-10-01", ags: [RIESA] }); // after the quarter
  });

  it("counts consultations per month, kind and district, and distinct municipalities reached", async () => {
    const res = await call(t.app, "GET", "/api/consultations/stats?from=2026-07-01&to=2026-09-30", advisorCreds.headers);
    expect(res.statusCode, res.body).toBe(200);
    const stats = consultationStatsSchema.parse(res.json());
    expect(stats).toMatchObject({ from: "2026-07-01", to: "2026-09-30", total: 4, municipalitiesReached: 14 });
    expect(stats.perMonth).toEqual([
      { month: "2026-07", consultations: 2, municipalitiesReached: 12 },
      { month: "2026-08", consultations: 1, municipalitiesReached: 1 },
      { month: "2026-09", consultations: 1, municipalitiesReached: 1 },
    ]);
    expect(stats.perKind).toEqual([
      { kind: "phone", consultations: 1 },
      { kind: "on_site", consultations: 1 },
      { kind: "seminar", consultations: 1 },
      { kind: "email", consultations: 1 },
      { kind: "video", consultations: 0 },
    ]);
    expect(stats.perDistrict).toHaveLength(13);
    const byKey = Object.fromEntries(stats.perDistrict.map((d) => [d.districtKey, [d.consultations, d.municipalitiesReached]]));
    expect(byKey["14627"]).toEqual([3, 11]);
    expect(byKey["14625"]).toEqual([1, 2]);
    expect(byKey["14612"]).toEqual([1, 1]);
    expect(byKey["14511"]).toEqual([0, 0]);
    expect(stats.perDistrict.find((d) => d.districtKey === "14627")?.name).toBe("Meißen");

    // A month without consultations is listed with zeros.
    const wide = consultationStatsSchema.parse((await call(t.app, "GET", "/api/consultations/stats?from=2026-05-15&to=2026-07-03", smr.headers)).json());
    expect(wide.perMonth).toEqual([
      { month: "2026-05", consultations: 0, municipalitiesReached: 0 },
      { month: "2026-06", consultations: 1, municipalitiesReached: 1 },
      { month: "2026-07", consultations: 1, municipalitiesReached: 1 },
    ]);
  });

  it("refuses a reversed or missing range, and callers who are not staff", async () => {
    const reversed = await call(t.app, "GET", "/api/consultations/stats?from=2026-09-30&to=2026-07-01", smr.headers);
    expect(reversed.statusCode).toBe(422);
    expect(errorResponseSchema.parse(reversed.json())).toMatchObject({ code: "INVALID_RANGE", issues: [{ path: "query.to" }] });
    const tooLong = await call(t.app, "GET", "/api/consultations/stats?from=2000-01-01&to=2026-07-01", smr.headers);
    expect(errorResponseSchema.parse(tooLong.json()).code).toBe("INVALID_RANGE");
    const missing = await call(t.app, "GET", "/api/consultations/stats?from=2026-07-01", smr.headers);
    expect(missing.statusCode).toBe(400);
    expect(errorResponseSchema.parse(missing.json()).issues?.[0]?.path).toBe("querystring.to");
    expect((await call(t.app, "GET", "/api/consultations/stats?from=2026-07-01&to=2026-09-30", municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/consultations/stats?from=2026-07-01&to=2026-09-30")).statusCode).toBe(401);
  });

  async function workbook(query: string, headers = smr.headers) {
    const res = await call(t.app, "GET", `/api/export/consultations-report.xlsx${query}`, headers);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, book };
  }

  const rowsOf = (book: ExcelJS.Workbook, name: string) => {
    const sheet = book.getWorksheet(name);
    expect(sheet, name).toBeDefined();
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it("exports the quarter as a workbook that reads back to the same numbers", async () => {
    const { res, book } = await workbook("?quarter=2026-Q3");
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="fs-inge-beratungen-2026-Q3.xlsx"');
    expect(book.worksheets.map((s) => s.name)).toEqual(["Übersicht", "Monate", "Beratungsarten", "Landkreise", "Beratungen"]);

    const summary: Record<string, unknown> = Object.fromEntries(rowsOf(book, "Übersicht").filter((r) => r.length >= 2).map((r) => [String(r[0]), r[1]]));
    expect(summary.Von).toEqual(new Date("2026-07-01T00:00:00Z"));
    expect(summary.Bis).toEqual(new Date("2026-09-30T00:00:00Z"));
    expect(summary.Beratungen).toBe(4);
    expect(summary["Erreichte Gemeinden"]).toBe(14);
    expect(summary["davon intern"]).toBe(1);

    expect(rowsOf(book, "Monate")).toEqual([
      ["Monat", "Beratungen", "Erreichte Gemeinden"],
      ["2026-07", 2, 12],
      ["2026-08", 1, 1],
      ["2026-09", 1, 1],
    ]);
    expect(rowsOf(book, "Beratungsarten")).toEqual([
      ["Beratungsart", "Beratungen"],
      ["Telefonberatung", 1],
      ["Erstberatung vor Ort", 1],
      ["Seminar/Workshop", 1],
      ["E-Mail", 1],
      ["Videokonferenz", 0],
    ]);
    const districts = rowsOf(book, "Landkreise");
    expect(districts).toHaveLength(14);
    expect(districts).toContainEqual(["14627", "Meißen", 3, 11]);
    expect(districts).toContainEqual(["14625", "Bautzen", 1, 2]);

    const list = rowsOf(book, "Beratungen");
    expect(list[0]).toEqual(["Datum", "Beratungsart", "Gemeinden", "AGS", "Anzahl Gemeinden", "Themen", "Zusammenfassung", "Nächster Schritt", "Nächster Kontakt", "Intern", "Beraterin / Berater"]);
    expect(list).toHaveLength(5);
    expect(list.slice(1).map((r) => [r[0], r[1], r[4], r[9]])).toEqual([
      [new Date("2026-07-03T00:00:00Z"), "Telefonberatung", 1, "nein"],
      [new Date("2026-07-20T00:00:00Z"), "Seminar/Workshop", 12, "nein"],
      [new Date("2026-08-05T00:00:00Z"), "Erstberatung vor Ort", 1, "ja"],
      [new Date("2026-09-30T00:00:00Z"), "E-Mail", 1, "nein"],
    ]);
    // Text stays text, never a formula.
    const internalRow = book.getWorksheet("Beratungen")?.getRow(4);
    expect(internalRow?.getCell(7).value).toBe("=1+1 intern");
    expect(internalRow?.getCell(11).value).toBe("andere");
    expect(list[2]?.[5]).toBe("Beteiligung");
  });

  it("takes from/to instead of a quarter, defaults to the current quarter, and validates", async () => {
    const { res, book } = await workbook("?from=2026-08-01&to=2026-08-31", advisorCreds.headers);
    expect(res.headers["content-disposition"]).toContain("fs-inge-beratungen-2026-08-01_2026-08-31.xlsx");
    expect(rowsOf(book, "Beratungen")).toHaveLength(2);
    const current = await workbook("");
    expect(current.res.headers["content-disposition"]).toContain("2026-Q4");
    expect(rowsOf(current.book, "Monate").map((r) => r[0])).toEqual(["Monat", "2026-10", "2026-11", "2026-12"]);

    for (const [query, status] of [
      ["?quarter=2026-Q5", 400],
      ["?quarter=2026-Q3&from=2026-07-01&to=2026-07-31", 400],
      ["?from=2026-07-01", 400],
      ["?from=2026-09-01&to=2026-08-01", 422],
    ] as const) {
      const bad = await call(t.app, "GET", `/api/export/consultations-report.xlsx${query}`, smr.headers);
      expect(bad.statusCode, query).toBe(status);
    }
    expect((await call(t.app, "GET", "/api/export/consultations-report.xlsx?quarter=2026-Q3", municipalityCreds.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/export/consultations-report.xlsx?quarter=2026-Q3")).statusCode).toBe(401);
  });
});
