import {
  advisorListSchema,
  assignmentListSchema,
  campaignListSchema,
  contactImportResultSchema,
  errorResponseSchema,
  municipalityContactListSchema,
  municipalityContactSchema,
  outboxListSchema,
  portfolioSchema,
  updateRequestCreatedSchema,
  updateRequestListSchema,
  updateRequestPreviewSchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/*
 * Issue 17, the advisory workflows: who a campaign goes to before it is sent (and counts of what happened),
 * municipality contacts (one at a time and by CSV), the outbox for hand delivery as CSV, the advisor accounts
 * to choose from, removing a district assignment at once, and "never contacted" in the portfolio.
 */

const DOEBELN = "14522080";
const FLOEHA = "14522140";
const HAINICHEN = "14522230";
const DRESDEN = "14612000";
const LEIPZIG = "14713000";
const GROSSENHAIN = "14627060";
const RIESA = "14627230";
const MITTELSACHSEN = "14522";

let t: TestApp;
let smr: Record<string, string>;
let advisor: Record<string, string>;
let municipality: Record<string, string>;
let advisorId: string;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.app.deps.database.db;
  smr = (await bearerFor(t.app, (await addAccount(db, { email: "smr@test.example", role: "smr", password: null })).id)).headers;
  const a = await addAccount(db, { email: "berater@test.example", role: "advisor", password: null });
  advisorId = a.id;
  await addAccount(db, { email: "alt@test.example", role: "advisor", password: null, disabled: true });
  advisor = (await bearerFor(t.app, a.id)).headers;
  await assign(db, a.id, [DOEBELN, FLOEHA, GROSSENHAIN, RIESA], "2026-01-01");
  await addAccount(db, { email: "bauamt@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
  municipality = (await bearerFor(t.app, (await addAccount(db, { email: "planung@dresden.example", role: "municipality", ags: [DRESDEN], password: null })).id)).headers;
});
afterAll(async () => {
  await t.close();
});

async function auditCount(action: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(t.app.deps.database.db, sql`select count(*)::int as n from audit_log where action = ${action}`);
  return row?.n ?? 0;
}

function errorOf(res: { json(): unknown }) {
  return errorResponseSchema.parse(res.json());
}

const inject = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

function csvUpload(text: string, dryRun: boolean, headers = smr) {
  return t.app.inject({
    method: "POST",
    url: `/api/import/municipality-contacts?dryRun=${dryRun}`,
    headers: { ...headers, "content-type": "text/csv" },
    payload: Buffer.from(text, "utf8"),
  });
}

describe("municipality contacts", () => {
  it("staff set, change and remove a contact; each change is audited with what it was; the list shows it", async () => {
    const put = await inject("PUT", `/api/municipalities/${FLOEHA}/contact`, advisor, { email: "Bauamt@Floeha.example", name: "Frau Beispiel", function: "Bauamtsleitung" });
    expect(put.statusCode, put.body).toBe(200);
    expect(municipalityContactSchema.parse(put.json())).toMatchObject({ email: "bauamt@floeha.example", name: "Frau Beispiel", function: "Bauamtsleitung" });
    expect(await auditCount("municipality_contact.created")).toBe(1);
    // The same again changes nothing and writes no audit entry.
    expect((await inject("PUT", `/api/municipalities/${FLOEHA}/contact`, smr, { email: "bauamt@floeha.example", name: "Frau Beispiel", function: "Bauamtsleitung" })).statusCode).toBe(200);
    expect(await auditCount("municipality_contact.updated")).toBe(0);
    expect((await inject("PUT", `/api/municipalities/${FLOEHA}/contact`, smr, { email: "stadtplanung@floeha.example" })).statusCode).toBe(200);
    const [entry] = await queryRows<{ details: { before: { email: string }; after: { email: string; name: string | null } } }>(
      t.app.deps.database.db,
      sql`select details from audit_log where action = 'municipality_contact.updated'`,
    );
    expect(entry?.details.before.email).toBe("bauamt@floeha.example");
    expect(entry?.details.after).toEqual({ email: "stadtplanung@floeha.example", name: null, function: null });

    const list = municipalityContactListSchema.parse((await inject("GET", `/api/municipality-contacts?district=${MITTELSACHSEN}`, smr)).json());
    expect(list.items.find((i) => i.ags === FLOEHA)?.contact).toMatchObject({ email: "stadtplanung@floeha.example", updatedBy: "smr" });
    expect(list.items.find((i) => i.ags === DOEBELN)).toMatchObject({ contact: null, accountEmails: ["bauamt@doebeln.example"] });
    expect(list.items.every((i) => i.districtKey === MITTELSACHSEN)).toBe(true);
    const missing = municipalityContactListSchema.parse((await inject("GET", `/api/municipality-contacts?district=${MITTELSACHSEN}&missing=true`, smr)).json());
    expect(missing.items.some((i) => i.ags === FLOEHA || i.ags === DOEBELN)).toBe(false);
    expect(missing.items.length).toBe(list.items.length - 2);

    const removed = await inject("DELETE", `/api/municipalities/${FLOEHA}/contact`, smr);
    expect(removed.statusCode).toBe(204);
    expect(await auditCount("municipality_contact.deleted")).toBe(1);
    expect(errorOf(await inject("DELETE", `/api/municipalities/${FLOEHA}/contact`, smr)).code).toBe("NOT_FOUND");
  });

  it("refuses bad input with the field and a code, and writes nothing", async () => {
    const before = await auditCount("municipality_contact.created");
    const bad = await inject("PUT", `/api/municipalities/${HAINICHEN}/contact`, smr, { email: "keine-adresse", name: "x".repeat(201) });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).issues?.map((i) => i.path).sort()).toEqual(["body.email", "body.name"]);
    expect(errorOf(await inject("PUT", "/api/municipalities/14999999/contact", smr, { email: "a@b.example" })).code).toBe("MUNICIPALITY_NOT_FOUND");
    expect(errorOf(await inject("PUT", "/api/municipalities/1452/contact", smr, { email: "a@b.example" })).code).toBe("INVALID_AGS");
    expect(await auditCount("municipality_contact.created")).toBe(before);
    expect((await inject("PUT", `/api/municipalities/${DRESDEN}/contact`, municipality, { email: "a@b.example" })).statusCode).toBe(403);
  });

  it("imports a CSV: the dry run reports each row and writes nothing; a real run with an error writes nothing; a clean one writes all", async () => {
    await inject("PUT", `/api/municipalities/${LEIPZIG}/contact`, smr, { email: "stadtplanung@leipzig.example" });
    const file = [
      "AGS;E-Mail;Name;Funktion",
      `${HAINICHEN};bauamt@hainichen.example;Herr Muster;Bauamt`,
      `${LEIPZIG};stadtplanung@leipzig.example;;`,
      `${DRESDEN};neu@dresden.example;;Stadtplanungsamt`,
      "14999999;x@y.example;;",
      `${HAINICHEN};doppelt@hainichen.example;;`,
      "12;nichts;;",
    ].join("\n");
    const dry = await csvUpload(file, true);
    expect(dry.statusCode, dry.body).toBe(200);
    const report = contactImportResultSchema.parse(dry.json());
    expect(report).toMatchObject({ dryRun: true, applied: false, summary: { total: 6, created: 2, updated: 0, unchanged: 1, failed: 3 } });
    expect(report.rows.map((r) => [r.row, r.outcome])).toEqual([[2, "created"], [3, "unchanged"], [4, "created"], [5, "error"], [6, "error"], [7, "error"]]);
    expect(report.rows[0]?.municipalityName).toBe("Hainichen");
    expect(report.rows[3]?.errors).toEqual([expect.objectContaining({ field: "AGS", code: "UNKNOWN_AGS" })]);
    expect(report.rows[4]?.errors).toEqual([expect.objectContaining({ field: "AGS", code: "DUPLICATE_ROW" })]);
    expect(report.rows[5]?.errors.map((e) => [e.field, e.code])).toEqual([["AGS", "INVALID_AGS"], ["E-Mail", "INVALID_EMAIL"]]);

    const contactsOf = async () => municipalityContactListSchema.parse((await inject("GET", "/api/municipality-contacts", smr)).json()).items.filter((i) => i.contact);
    const stored = await contactsOf();
    const failed = await csvUpload(file, false);
    expect(failed.statusCode).toBe(422);
    expect(failed.json()).toMatchObject({ code: "IMPORT_INVALID", applied: false, summary: { failed: 3 } });
    expect(await contactsOf()).toEqual(stored);

    const clean = file.split("\n").slice(0, 4).join("\n");
    const applied = await csvUpload(clean, false);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(contactImportResultSchema.parse(applied.json())).toMatchObject({ applied: true, summary: { created: 2, unchanged: 1, failed: 0 } });
    expect((await contactsOf()).map((i) => [i.ags, i.contact?.email]).sort()).toEqual(
      [[DRESDEN, "neu@dresden.example"], [HAINICHEN, "bauamt@hainichen.example"], [LEIPZIG, "stadtplanung@leipzig.example"]].sort(),
    );
    expect(await auditCount("municipality_contact.imported")).toBe(2);
    expect(await auditCount("municipality_contact.import")).toBe(1);
  });

  it("checks the upload: a missing column, a file without rows, another content type", async () => {
    expect(errorOf(await csvUpload("AGS;Name\n14522080;x", true)).code).toBe("IMPORT_UNREADABLE");
    expect(errorOf(await csvUpload("AGS;E-Mail\n", true)).code).toBe("IMPORT_UNREADABLE");
    const json = await t.app.inject({ method: "POST", url: "/api/import/municipality-contacts", headers: { ...smr, "content-type": "application/json" }, payload: "{}" });
    expect(json.statusCode).toBe(415);
    const binary = await t.app.inject({
      method: "POST",
      url: "/api/import/municipality-contacts",
      headers: { ...smr, "content-type": "text/csv" },
      payload: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    });
    expect([400, 415]).toContain(binary.statusCode);
    expect((await csvUpload("AGS;E-Mail\n14522080;a@b.example", true, municipality)).statusCode).toBe(403);
  });
});

describe("campaigns: who first, then counts of what happened", () => {
  it("the preview names each municipality's addresses (contact first, then accounts) and how many have none; it writes nothing", async () => {
    await inject("PUT", `/api/municipalities/${DOEBELN}/contact`, smr, { email: "kontakt@doebeln.example" });
    const [before] = await queryRows<{ n: number }>(t.app.deps.database.db, sql`select count(*)::int as n from update_requests`);
    const res = await inject("POST", "/api/update-requests/preview", advisor, { ags: [DOEBELN, FLOEHA, GROSSENHAIN], validDays: 14 });
    expect(res.statusCode, res.body).toBe(200);
    const preview = updateRequestPreviewSchema.parse(res.json());
    expect(preview).toMatchObject({ delivery: "outbox", requests: 3, withAddress: 1, withoutAddress: 2 });
    expect(preview.items.find((i) => i.ags === DOEBELN)?.recipients).toEqual(["kontakt@doebeln.example", "bauamt@doebeln.example"]);
    const [after] = await queryRows<{ n: number }>(t.app.deps.database.db, sql`select count(*)::int as n from update_requests`);
    expect(after?.n).toBe(before?.n);
    // The same scope rules and errors as sending.
    expect(errorOf(await inject("POST", "/api/update-requests/preview", advisor, { ags: [LEIPZIG], validDays: 14 })).code).toBe("OUT_OF_SCOPE");
    expect(errorOf(await inject("POST", "/api/update-requests/preview", smr, { district: "14999", validDays: 14 })).code).toBe("UNKNOWN_DISTRICT");
    expect((await inject("POST", "/api/update-requests/preview", smr, { validDays: 14 })).statusCode).toBe(400);
    expect((await inject("POST", "/api/update-requests/preview", municipality, { ags: [DRESDEN], validDays: 14 })).statusCode).toBe(403);
  });

  it("counts held, sent, no address; a request is 'sent' only once its message went out; answered implies opened", async () => {
    const res = await inject("POST", "/api/update-requests", smr, { ags: [DOEBELN, FLOEHA], validDays: 14 });
    expect(res.statusCode, res.body).toBe(201);
    const created = updateRequestCreatedSchema.parse(res.json());
    expect(created.campaign.counts).toEqual({
      requests: 2, held: 2, queued: 0, sent: 0, failed: 0, noRecipient: 1, opened: 0, answered: 0, expired: 0, pendingReview: 0,
    });
    expect(created.requests.map((r) => [r.ags, r.state, r.recipients.length]).sort()).toEqual([[DOEBELN, "unsent", 2], [FLOEHA, "unsent", 0]]);
    // Delivered by hand: then it is sent.
    const outbox = outboxListSchema.parse((await inject("GET", `/api/outbox?campaign=${created.campaign.id}`, smr)).json()).items;
    const doebeln = outbox.find((m) => m.ags === DOEBELN);
    expect(doebeln).toMatchObject({ municipalityName: "Döbeln", recipients: ["kontakt@doebeln.example", "bauamt@doebeln.example"] });
    expect((await inject("POST", `/api/outbox/${doebeln?.id ?? 0}/sent`, smr)).statusCode).toBe(200);
    // FLOEHA answers through the link it got by hand (the link was copied from the outbox).
    const token = new URL(created.requests.find((r) => r.ags === FLOEHA)?.link ?? "http://x/").pathname.split("/").at(-1) ?? "";
    expect((await t.app.inject({ method: "POST", url: `/api/update-requests/by-token/${token}`, payload: { action: "confirm" } })).statusCode).toBe(200);
    const campaign = campaignListSchema.parse((await inject("GET", "/api/update-requests", smr)).json()).items.find((c) => c.id === created.campaign.id);
    expect(campaign?.counts).toEqual({
      requests: 2, held: 1, queued: 0, sent: 1, failed: 0, noRecipient: 1, opened: 1, answered: 1, expired: 0, pendingReview: 0,
    });
    const requests = updateRequestListSchema.parse((await inject("GET", `/api/update-requests/campaigns/${created.campaign.id}`, smr)).json()).items;
    expect(requests.map((r) => [r.ags, r.state]).sort()).toEqual([[DOEBELN, "sent"], [FLOEHA, "answered"]]);
  });

  it("exports the held messages as CSV with their links for hand delivery; an advisor only their campaigns'", async () => {
    const created = updateRequestCreatedSchema.parse((await inject("POST", "/api/update-requests", advisor, { ags: [RIESA], validDays: 14 })).json());
    const res = await inject("GET", "/api/export/outbox.csv", advisor);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["cache-control"]).toBe("no-store");
    const lines = res.body.replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("Gemeinde;AGS;Empfänger;Betreff;Link;Text;Zustand;Erstellt");
    expect(res.body).toContain(created.requests[0]?.link ?? "no link");
    expect(res.body).toContain("(keine Adresse – bitte von Hand zustellen)");
    // The advisor's file holds their own campaign's messages only (SMR's campaigns above are not theirs).
    expect(res.body).not.toContain("Döbeln");
    const all = await inject("GET", "/api/export/outbox.csv?state=sent", smr);
    expect(all.body).toContain("Döbeln");
    expect((await inject("GET", "/api/export/outbox.csv?state=nope", smr)).statusCode).toBe(400);
    expect((await inject("GET", "/api/export/outbox.csv", municipality)).statusCode).toBe(403);
  });
});

describe("assignments: advisors to choose from, a district removed at once", () => {
  it("lists the advisor accounts, enabled first", async () => {
    const res = await inject("GET", "/api/advisors", smr);
    expect(res.statusCode).toBe(200);
    const items = advisorListSchema.parse(res.json()).items;
    expect(items.map((i) => [i.email, i.active])).toEqual([["berater@test.example", true], ["alt@test.example", false]]);
    expect((await inject("GET", "/api/advisors", municipality)).statusCode).toBe(403);
  });

  it("removes a district's assignments in one go, each audited; an unknown id removes nothing", async () => {
    const created = await inject("POST", "/api/assignments", smr, { advisorEmail: "berater@test.example", district: "14626", from: "2026-11-01" });
    expect(created.statusCode, created.body).toBe(201);
    const ids = assignmentListSchema.parse(created.json()).items.map((i) => i.id);
    expect(ids.length).toBeGreaterThan(40);
    const before = await auditCount("assignment.deleted");
    const refused = await inject("POST", "/api/assignments/remove", smr, { ids: [...ids, 999_999] });
    expect(refused.statusCode).toBe(404);
    expect(errorOf(refused)).toMatchObject({ code: "ASSIGNMENT_NOT_FOUND", issues: [{ path: `body.ids.${ids.length}`, code: "ASSIGNMENT_NOT_FOUND" }] });
    expect(assignmentListSchema.parse((await inject("GET", "/api/assignments?district=14626", smr)).json()).items).toHaveLength(ids.length);
    expect((await inject("POST", "/api/assignments/remove", smr, { ids: [ids[0], ids[0]] })).statusCode).toBe(400);
    expect((await inject("POST", "/api/assignments/remove", advisor, { ids })).statusCode).toBe(403);
    const removed = await inject("POST", "/api/assignments/remove", smr, { ids });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json()).toEqual({ removed: ids.length });
    expect(assignmentListSchema.parse((await inject("GET", "/api/assignments?district=14626", smr)).json()).items).toHaveLength(0);
    expect(await auditCount("assignment.deleted")).toBe(before + ids.length);
  });
});

describe("portfolio", () => {
  it("flags the municipalities no consultation ever concerned", async () => {
    const consulted = await inject("POST", "/api/consultations", advisor, { date: "2026-11-20", kind: "phone", ags: [GROSSENHAIN], topics: ["update"], summary: "Telefonat" });
    expect(consulted.statusCode, consulted.body).toBe(201);
    const portfolio = portfolioSchema.parse((await inject("GET", "/api/portfolio", advisor)).json());
    expect(portfolio.advisor.id).toBe(advisorId);
    const flags = Object.fromEntries(portfolio.items.map((i) => [i.ags, i.neverContacted]));
    expect(flags).toEqual({ [DOEBELN]: true, [FLOEHA]: true, [GROSSENHAIN]: false, [RIESA]: true });
  });
});
