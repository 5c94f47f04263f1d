import { auditListSchema, errorResponseSchema, municipalityDetailSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAuditRow } from "../src/modules/audit/audit.repo.js";
import { type Credentials, addAccount, sessionFor } from "./helpers/accounts.js";
import { call } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// The fixed clock says 2026-11-25 in Saxony.
const GROSSENHAIN = "14627060";
const RIESA = "14627230";

let t: TestApp;
let smr: Credentials;
let advisor: Credentials;
let municipality: Credentials;

async function recordDrafting(ags: string, headers: Record<string, string>) {
  const detail = await call(t.app, "GET", `/api/municipalities/${ags}`);
  const { version } = municipalityDetailSchema.parse(detail.json());
  const res = await t.app.inject({
    method: "POST",
    url: `/api/municipalities/${ags}/events`,
    headers: { ...headers, "if-match": `"${version}"` },
    payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2026-11-01", source: "smr" },
  });
  expect(res.statusCode, res.body).toBe(201);
}

async function list(query: string, headers = smr.headers) {
  const res = await call(t.app, "GET", `/api/audit?${query}`, headers);
  expect(res.statusCode, res.body).toBe(200);
  return auditListSchema.parse(res.json());
}

/** The CSV's lines (no value in these tests holds a line break). */
function csvLines(body: string): string[] {
  return body.replace(/^\uFEFF/, "").split("\r\n").filter((line) => line !== "");
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const smrAccount = await addAccount(db, { email: "smr@audit.example", role: "smr" });
  const advisorAccount = await addAccount(db, { email: "berater@audit.example", role: "advisor" });
  const municipalityAccount = await addAccount(db, { email: "gemeinde@audit.example", role: "municipality", ags: [GROSSENHAIN] });
  smr = await sessionFor(t.app, smrAccount.id);
  advisor = await sessionFor(t.app, advisorAccount.id);
  municipality = await sessionFor(t.app, municipalityAccount.id);

  // Real writes, each audited by its route: a status event of each municipality, a consultation naming both.
  await recordDrafting(GROSSENHAIN, smr.headers);
  await recordDrafting(RIESA, smr.headers);
  const consultation = await call(t.app, "POST", "/api/consultations", smr.headers, {
    date: "2026-11-20",
    kind: "phone",
    topics: ["update"],
    summary: "Telefonat",
    ags: [GROSSENHAIN, RIESA],
  });
  expect(consultation.statusCode, consultation.body).toBe(201);
  // An entry whose values a spreadsheet would run as formulas, and one of another day.
  await insertAuditRow(db, {
    at: new Date("2026-11-24T10:00:00Z"),
    actorUserId: null,
    actorLabel: "=HYPERLINK(\"http://evil.example\")",
    address: "127.0.0.1",
    requestId: "req-1",
    action: "settings.public_access.changed",
    target: "setting:public_access",
    details: { from: true, to: false },
  });
});

afterAll(async () => {
  await t.close();
});

describe("GET /api/audit", () => {
  it("filters by municipality: its status events and the entries whose details name it", async () => {
    const grossenhain = await list(`ags=${GROSSENHAIN}`);
    expect(grossenhain.items.map((i) => i.action).sort()).toEqual(["consultation.created", "status_event.created"]);
    expect(grossenhain.items.find((i) => i.action === "status_event.created")?.target).toBe(`municipality:${GROSSENHAIN}`);
    const riesa = await list(`ags=${RIESA}`);
    expect(riesa.items.map((i) => i.target)).toContain(`municipality:${RIESA}`);
    expect(riesa.items.map((i) => i.target)).not.toContain(`municipality:${GROSSENHAIN}`);
    expect((await list("ags=14612000")).total).toBe(0);
  });

  it("combines the filters and pages", async () => {
    const events = await list(`ags=${GROSSENHAIN}&action=status_event.*&actor=smr@audit.example&from=2026-11-25&to=2026-11-25`);
    expect(events.total).toBe(1);
    expect(await list(`ags=${GROSSENHAIN}&from=2026-11-26`)).toEqual({ items: [], total: 0 });
    const all = await list("limit=500");
    const first = await list("limit=2");
    const second = await list("limit=2&offset=2");
    expect(first.total).toBe(all.total);
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(all.items.slice(0, 4).map((i) => i.id));
  });

  it("answers a malformed municipality key with 400 naming the field", async () => {
    const res = await call(t.app, "GET", "/api/audit?ags=1462706", smr.headers);
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).issues?.[0]?.path).toBe("querystring.ags");
  });
});

describe("GET /api/export/audit.csv", () => {
  it("exports every matching entry for German Excel, newest first, with the filters of the list", async () => {
    const res = await call(t.app, "GET", "/api/export/audit.csv", smr.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="insek-protokoll-2026-11-25.csv"');
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body.startsWith("\uFEFF")).toBe(true);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe("Zeitpunkt;Person;Konto-ID;Aktion;Ziel;Adresse;Anfrage-ID;Details");
    const all = await list("limit=500");
    expect(lines.length - 1).toBe(all.total);
    // Newest first, in Saxony's wall-clock time; the injected formula is defused.
    expect(lines.at(-1)).toMatch(/^2026-11-24 11:00;"'=HYPERLINK\(""http:\/\/evil\.example""\)/);

    const filtered = csvLines((await call(t.app, "GET", `/api/export/audit.csv?ags=${RIESA}&action=consultation.*`, smr.headers)).body);
    expect(filtered).toHaveLength(2);
    expect(filtered[1]).toContain(";consultation.created;");
    expect(filtered[1]).toContain(RIESA);
  });

  it("is SMR's only, and refuses bad filters with 400", async () => {
    expect((await call(t.app, "GET", "/api/export/audit.csv")).statusCode).toBe(401);
    expect((await call(t.app, "GET", "/api/export/audit.csv", advisor.headers)).statusCode).toBe(403);
    expect((await call(t.app, "GET", "/api/export/audit.csv", municipality.headers)).statusCode).toBe(403);
    const bad = await call(t.app, "GET", "/api/export/audit.csv?from=2026-13-01", smr.headers);
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).issues?.[0]?.path).toBe("querystring.from");
  });
});
