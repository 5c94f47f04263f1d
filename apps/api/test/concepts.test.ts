import {
  type ConceptDetail,
  ERROR_CODES,
  conceptDetailSchema,
  conceptListSchema,
  conceptPreconditionFailedSchema,
  documentSchema,
  errorResponseSchema,
  municipalityDetailSchema,
  municipalityListSchema,
  resolutionCreatedSchema,
  statusEventListSchema,
  summarySchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor } from "./helpers/accounts.js";
import { auditEntries } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// Städteverbund Göltzschtal (Vogtlandkreis).
const AUERBACH = "14523020";
const ELLEFELD = "14523090";
const FALKENSTEIN = "14523120";
const RODEWISCH = "14523360";
const GOELTZSCHTAL = [AUERBACH, ELLEFELD, FALKENSTEIN, RODEWISCH];
const PLAUEN = "14523320";
const SEBNITZ = "14628360";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

let t: TestApp;
let smr: Record<string, string>;
let advisor: Record<string, string>;
let auerbachAccount: Record<string, string>;
let plauenAccount: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  smr = (await bearerFor(t.app, (await addAccount(db, { email: "smr@test.example", role: "smr", password: null })).id)).headers;
  const advisorAccount = await addAccount(db, { email: "inge@test.example", role: "advisor", password: null });
  await assign(db, advisorAccount.id, GOELTZSCHTAL, "2026-01-01");
  advisor = (await bearerFor(t.app, advisorAccount.id)).headers;
  auerbachAccount = (await bearerFor(t.app, (await addAccount(db, { email: "auerbach@test.example", role: "municipality", ags: [AUERBACH], password: null })).id)).headers;
  plauenAccount = (await bearerFor(t.app, (await addAccount(db, { email: "plauen@test.example", role: "municipality", ags: [PLAUEN], password: null })).id)).headers;
});
afterAll(async () => {
  await t.close();
});

function post(url: string, headers: Record<string, string>, payload: unknown) {
  return t.app.inject({ method: "POST", url, headers, payload: payload as object });
}

async function create(payload: Record<string, unknown>, headers = smr): Promise<ConceptDetail> {
  const res = await post("/api/concepts", headers, payload);
  expect(res.statusCode, res.body).toBe(201);
  return conceptDetailSchema.parse(res.json());
}

async function detail(id: number): Promise<ConceptDetail> {
  const res = await t.app.inject({ method: "GET", url: `/api/concepts/${id}` });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers.etag).toBe(`"${res.json<{ version: number }>().version}"`);
  return conceptDetailSchema.parse(res.json());
}

async function municipality(ags: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/municipalities/${ags}` });
  expect(res.statusCode, res.body).toBe(200);
  return municipalityDetailSchema.parse(res.json());
}

function refused(res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body.code).toBe(code);
  return body;
}

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----insek${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? "application/pdf"}\r\n\r\n`,
      ),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(id: number, headers: Record<string, string>, fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const body = multipart(fields, file);
  return t.app.inject({ method: "POST", url: `/api/concepts/${id}/documents`, headers: { ...headers, "content-type": body.contentType }, payload: body.payload });
}

describe("a joint concept adopted by three of its four councils", () => {
  let concept: ConceptDetail;

  it("is created by an advisor assigned to every member, with the lead and participation", async () => {
    const before = summarySchema.parse((await t.app.inject({ url: "/api/stats/summary" })).json());
    concept = await create(
      {
        title: "INSEK Städteverbund Göltzschtal 2035",
        kind: "INSEK",
        scope: "joint",
        members: GOELTZSCHTAL,
        leadAgs: RODEWISCH,
        horizonYear: 2035,
        participation: [
          { date: "2026-03-12", format: "buergerversammlung" },
          { date: "2026-04-01", format: "online", note: "Beteiligungsportal" },
        ],
      },
      advisor,
    );
    expect(concept).toMatchObject({ kind: "INSEK", scope: "joint", status: "drafting", memberCount: 4, adoptedCount: 0, leadAgs: RODEWISCH, version: 1 });
    expect(concept.members.map((m) => [m.ags, m.lead, m.status, m.adopted])).toEqual([
      [AUERBACH, false, "none", false],
      [ELLEFELD, false, "none", false],
      [FALKENSTEIN, false, "none", false],
      [RODEWISCH, true, "none", false],
    ]);
    expect(concept.participation).toEqual([
      { date: "2026-03-12", format: "buergerversammlung", note: null },
      { date: "2026-04-01", format: "online", note: "Beteiligungsportal" },
    ]);
    expect(concept.createdBy).toBe("inge");
    // Creating a concept changes no figure.
    expect(summarySchema.parse((await t.app.inject({ url: "/api/stats/summary" })).json()).covered).toEqual(before.covered);
  });

  it("records three councils' resolutions, each writing that member's status event with the concept's id", async () => {
    const before = summarySchema.parse((await t.app.inject({ url: "/api/stats/summary" })).json());
    const dates: Record<string, string> = { [AUERBACH]: "2026-05-04", [ELLEFELD]: "2026-05-12", [FALKENSTEIN]: "2026-06-02" };
    for (const [ags, date] of Object.entries(dates)) {
      const res = await post(`/api/concepts/${concept.id}/resolutions`, advisor, { ags, date, decisionNumber: `SR-${ags.slice(-3)}/2026`, body: "Stadtrat" });
      expect(res.statusCode, res.body).toBe(201);
      const created = resolutionCreatedSchema.parse(res.json());
      expect(created.event).toMatchObject({ ags, status: "council_adopted", conceptKind: "INSEK", councilResolutionDate: date, effectiveDate: date, conceptId: concept.id, source: "fs_inge", horizonYear: 2035 });
      expect(created.resolution).toMatchObject({ ags, date, eventId: created.event?.id, decisionNumber: `SR-${ags.slice(-3)}/2026` });
    }
    const now = await detail(concept.id);
    expect(now).toMatchObject({ adoptedCount: 3, memberCount: 4, status: "partly_adopted", adoptedAt: "2026-06-02", version: 4 });
    expect(now.members.map((m) => [m.ags, m.status, m.councilResolutionDate, m.adopted])).toEqual([
      [AUERBACH, "council_adopted", "2026-05-04", true],
      [ELLEFELD, "council_adopted", "2026-05-12", true],
      [FALKENSTEIN, "council_adopted", "2026-06-02", true],
      [RODEWISCH, "none", null, false],
    ]);
    expect(now.members[0]?.decisionNumber).toBe("SR-020/2026");

    // Coverage follows the events: three members covered, the fourth not.
    for (const ags of [AUERBACH, ELLEFELD, FALKENSTEIN]) {
      const m = await municipality(ags);
      expect(m.record).toMatchObject({ status: "council_adopted", current: true, councilResolutionDate: dates[ags] });
      expect(m.concepts).toEqual([expect.objectContaining({ id: concept.id, kind: "INSEK", scope: "joint", status: "partly_adopted", adoptedCount: 3, memberCount: 4, councilResolutionDate: dates[ags], lead: false })]);
    }
    const rodewisch = await municipality(RODEWISCH);
    expect(rodewisch.record).toMatchObject({ status: "none", current: false });
    expect(rodewisch.concepts[0]).toMatchObject({ id: concept.id, lead: true, councilResolutionDate: null });
    const after = summarySchema.parse((await t.app.inject({ url: "/api/stats/summary" })).json());
    expect(after.covered.count).toBe(before.covered.count + 3);
    expect(after.byStatus.council_adopted).toBe(before.byStatus.council_adopted + 3);

    // The history shows the event with its concept.
    const history = statusEventListSchema.parse((await t.app.inject({ url: `/api/municipalities/${ELLEFELD}/events` })).json());
    expect(history.items.at(-1)).toMatchObject({ status: "council_adopted", conceptId: concept.id });

    // Audited: the resolutions and, with the concept id, the status events they wrote.
    const audit = await auditEntries(t.app, "concept.resolution_recorded");
    expect(audit.filter((a) => a.target === `concept:${concept.id}`)).toHaveLength(3);
    const events = await auditEntries(t.app, "status_event.created");
    expect(events.filter((a) => a.details?.conceptId === concept.id)).toHaveLength(3);
  });

  it("lists it with its filters", async () => {
    const list = async (query: string) => conceptListSchema.parse((await t.app.inject({ url: `/api/concepts${query}` })).json());
    const byAgs = await list(`?ags=${RODEWISCH}`);
    expect(byAgs.items.map((c) => c.id)).toContain(concept.id);
    expect(byAgs.items.find((c) => c.id === concept.id)).toMatchObject({ adoptedCount: 3, memberCount: 4, status: "partly_adopted" });
    expect((await list("?scope=joint&status=partly_adopted")).items.map((c) => c.id)).toContain(concept.id);
    expect((await list("?status=adopted")).items.map((c) => c.id)).not.toContain(concept.id);
    expect((await list(`?ags=${SEBNITZ}`)).items).toEqual([]);
    expect((await list("?kind=SEKO")).items.map((c) => c.id)).not.toContain(concept.id);
  });

  it("shows in the municipality list and the export as each member's town-wide concept", async () => {
    const res = await t.app.inject({ url: "/api/municipalities?district=14523&limit=100" });
    const items = municipalityListSchema.parse(res.json()).items;
    for (const ags of GOELTZSCHTAL) {
      expect(items.find((m) => m.ags === ags)?.concept).toMatchObject({ id: concept.id, scope: "joint", adoptedCount: 3, memberCount: 4, updateRecommended: false });
    }
    expect(items.find((m) => m.ags === PLAUEN)?.concept?.id).not.toBe(concept.id);
    const csv = (await t.app.inject({ url: "/api/export/municipalities.csv?district=14523" })).body.split("\r\n");
    const header = (csv[0] ?? "").replace(/^\uFEFF/, "").split(";");
    const row = csv.find((l) => l.startsWith(RODEWISCH))?.split(";") ?? [];
    expect(row[header.indexOf("Konzept-ID")]).toBe(String(concept.id));
    expect(row[header.indexOf("Konzept beschlossen von")]).toBe("3 von 4");
    expect(row[header.indexOf("Konzept gemeinsam")]).toBe("ja");
  });
});

describe("the rules of a concept, each its own 422 code", () => {
  let townWide: ConceptDetail;
  let area: ConceptDetail;
  beforeAll(async () => {
    townWide = await create({ title: "INSEK Plauen 2030", kind: "INSEK", scope: "municipal", members: [PLAUEN] });
    area = await create({ title: "SEKO Plauen Innenstadt", kind: "SEKO", scope: "area", members: [PLAUEN], parentId: townWide.id });
  });

  it("takes an area concept under a town-wide one and lists it there", async () => {
    expect(area).toMatchObject({ scope: "area", parentId: townWide.id, parent: { id: townWide.id, kind: "INSEK", scope: "municipal" } });
    expect((await detail(townWide.id)).areaConcepts).toEqual([{ id: area.id, title: "SEKO Plauen Innenstadt", kind: "SEKO", scope: "area", status: "drafting" }]);
  });

  it.each([
    ["a member named twice", { title: "x", kind: "INSEK", scope: "joint", members: [AUERBACH, ELLEFELD, AUERBACH] }, ERROR_CODES.conceptMemberDuplicate, "body.members.2"],
    ["an unknown AGS", { title: "x", kind: "INSEK", scope: "municipal", members: ["14999999"] }, ERROR_CODES.unknownAgs, "body.members.0"],
    ["an area concept without a parent", { title: "x", kind: "GIHK", scope: "area", members: [PLAUEN] }, ERROR_CODES.conceptAreaParentRequired, "body.parentId"],
    ["an area concept with two municipalities", () => ({ title: "x", kind: "SEKO", scope: "area", members: [PLAUEN, AUERBACH], parentId: townWide.id }), ERROR_CODES.conceptAreaOneMember, "body.members"],
    ["a parent that is not town-wide", () => ({ title: "x", kind: "VU", scope: "area", members: [PLAUEN], parentId: area.id }), ERROR_CODES.conceptParentNotTownWide, "body.parentId"],
    ["a parent that does not cover the municipality", () => ({ title: "x", kind: "VU", scope: "area", members: [SEBNITZ], parentId: townWide.id }), ERROR_CODES.conceptParentNotCovering, "body.parentId"],
    ["an unknown parent", { title: "x", kind: "VU", scope: "area", members: [PLAUEN], parentId: 999_999 }, ERROR_CODES.conceptParentNotFound, "body.parentId"],
    ["a kind that does not fit the scope", { title: "x", kind: "SEKO", scope: "municipal", members: [PLAUEN] }, ERROR_CODES.conceptKindScopeMismatch, "body.kind"],
    ["a municipal concept with two members", { title: "x", kind: "INSEK", scope: "municipal", members: [PLAUEN, SEBNITZ] }, ERROR_CODES.conceptMunicipalOneMember, "body.members"],
    ["a joint concept with one member", { title: "x", kind: "INGEKO", scope: "joint", members: [PLAUEN] }, ERROR_CODES.conceptJointTwoMembers, "body.members"],
    ["a lead that is no member", { title: "x", kind: "INSEK", scope: "joint", members: [AUERBACH, ELLEFELD], leadAgs: PLAUEN }, ERROR_CODES.conceptLeadNotMember, "body.leadAgs"],
    ["an unknown concept to update", { title: "x", kind: "INSEK", scope: "municipal", members: [PLAUEN], updatesId: 999_999 }, ERROR_CODES.conceptUpdatesNotFound, "body.updatesId"],
  ])("refuses %s", async (_name, payload, code, path) => {
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from concepts`))[0]?.n;
    const before = await count();
    const body = refused(await post("/api/concepts", smr, typeof payload === "function" ? payload() : payload), 422, code);
    expect(body.issues).toContainEqual(expect.objectContaining({ path, code }));
    expect(await count()).toBe(before);
  });

  it("refuses a resolution of a non-member and one dated in the future, and writes nothing", async () => {
    const events = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from status_events`))[0]?.n;
    const before = await events();
    const nonMember = refused(await post(`/api/concepts/${townWide.id}/resolutions`, smr, { ags: SEBNITZ, date: "2026-01-10" }), 422, ERROR_CODES.resolutionNotMember);
    expect(nonMember.issues?.[0]?.path).toBe("body.ags");
    const future = refused(await post(`/api/concepts/${townWide.id}/resolutions`, smr, { ags: PLAUEN, date: "2026-11-26" }), 422, ERROR_CODES.resolutionDateInFuture);
    expect(future.issues?.[0]?.path).toBe("body.date");
    expect(await events()).toBe(before);
    expect((await detail(townWide.id)).resolutions).toEqual([]);
  });

  it("passes the status rules of the member's record through, with their codes, and writes nothing", async () => {
    // Plauen's record is `none`: a second adoption on the same day is fine once, then council_adopted -> council_adopted is no transition.
    const first = await post(`/api/concepts/${townWide.id}/resolutions`, smr, { ags: PLAUEN, date: "2026-02-10" });
    expect(first.statusCode, first.body).toBe(201);
    refused(await post(`/api/concepts/${townWide.id}/resolutions`, smr, { ags: PLAUEN, date: "2026-02-11" }), 422, ERROR_CODES.invalidTransition);
    expect((await detail(townWide.id)).resolutions).toHaveLength(1);
  });

  it("records an area concept's resolution without a status event", async () => {
    const before = (await municipality(PLAUEN)).version;
    const res = await post(`/api/concepts/${area.id}/resolutions`, smr, { ags: PLAUEN, date: "2026-03-01", body: "Stadtrat" });
    expect(res.statusCode, res.body).toBe(201);
    expect(resolutionCreatedSchema.parse(res.json())).toMatchObject({ event: null, version: null, resolution: { ags: PLAUEN, eventId: null } });
    expect((await municipality(PLAUEN)).version).toBe(before);
    expect(await detail(area.id)).toMatchObject({ status: "adopted", adoptedCount: 1 });
  });

  it("answers 404 for an unknown concept", async () => {
    refused(await t.app.inject({ url: "/api/concepts/999999" }), 404, ERROR_CODES.conceptNotFound);
    refused(await post("/api/concepts/999999/resolutions", smr, { ags: PLAUEN, date: "2026-01-10" }), 404, ERROR_CODES.conceptNotFound);
  });
});

describe("PATCH /api/concepts/:id", () => {
  it("needs If-Match (428), refuses an old version with the current concept (412), and applies a change on the current one", async () => {
    const concept = await create({ title: "INGEKO Sebnitz", kind: "INGEKO", scope: "municipal", members: [SEBNITZ] });
    const patch = (headers: Record<string, string>, payload: unknown) => t.app.inject({ method: "PATCH", url: `/api/concepts/${concept.id}`, headers, payload: payload as object });
    refused(await patch(smr, { title: "neu" }), 428, ERROR_CODES.preconditionRequired);
    const changed = await patch({ ...smr, "if-match": '"1"' }, { title: "INGEKO Sebnitz 2040", horizonYear: 2040, participation: [{ date: "2026-09-01", format: "workshop" }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(conceptDetailSchema.parse(changed.json())).toMatchObject({ title: "INGEKO Sebnitz 2040", horizonYear: 2040, version: 2, participation: [{ date: "2026-09-01", format: "workshop", note: null }] });
    const stale = await patch({ ...smr, "if-match": '"1"' }, { title: "zu spät" });
    expect(stale.statusCode).toBe(412);
    const body = conceptPreconditionFailedSchema.parse(stale.json());
    expect(body).toMatchObject({ code: ERROR_CODES.versionMismatch, current: { version: 2, title: "INGEKO Sebnitz 2040" } });
    // The rules apply to the concept as changed.
    refused(await patch({ ...smr, "if-match": '"2"' }, { scope: "joint" }), 422, ERROR_CODES.conceptJointTwoMembers);
    expect((await detail(concept.id)).title).toBe("INGEKO Sebnitz 2040");
    const audit = await auditEntries(t.app, "concept.updated");
    expect(audit.filter((a) => a.target === `concept:${concept.id}`)).toEqual([
      expect.objectContaining({ details: { fields: ["horizonYear", "participation", "title"], version: 2 } }),
    ]);
  });

  it("keeps a member whose council adopted the concept", async () => {
    const concept = await create({ title: "INSEK Hohnstein/Sebnitz", kind: "INSEK", scope: "joint", members: ["14628190", "14628380"] });
    expect((await post(`/api/concepts/${concept.id}/resolutions`, smr, { ags: "14628190", date: "2026-04-01" })).statusCode).toBe(201);
    const res = await t.app.inject({ method: "PATCH", url: `/api/concepts/${concept.id}`, headers: { ...smr, "if-match": '"2"' }, payload: { members: ["14628380", SEBNITZ] } });
    refused(res, 422, ERROR_CODES.conceptMemberHasResolution);
  });
});

describe("who may write concepts", () => {
  let concept: ConceptDetail;
  beforeAll(async () => {
    concept = await create({ title: "INSEK Göltzschtal (Zugriff)", kind: "INSEK", scope: "joint", members: [AUERBACH, ELLEFELD] });
  });

  it("lets a member municipality edit, but not create, and no other municipality", async () => {
    refused(await post("/api/concepts", auerbachAccount, { title: "x", kind: "INSEK", scope: "municipal", members: [AUERBACH] }), 403, ERROR_CODES.forbidden);
    const own = await t.app.inject({ method: "PATCH", url: `/api/concepts/${concept.id}`, headers: { ...auerbachAccount, "if-match": `"${concept.version}"` }, payload: { note: "Entwurf liegt aus" } });
    expect(own.statusCode, own.body).toBe(200);
    const other = await t.app.inject({ method: "PATCH", url: `/api/concepts/${concept.id}`, headers: { ...plauenAccount, "if-match": '"2"' }, payload: { note: "fremd" } });
    refused(other, 403, ERROR_CODES.outOfScope);
    refused(await post(`/api/concepts/${concept.id}/resolutions`, auerbachAccount, { ags: ELLEFELD, date: "2026-04-01" }), 403, ERROR_CODES.outOfScope);
    refused(await upload(concept.id, plauenAccount, {}, { name: "x.pdf", content: PDF }), 403, ERROR_CODES.outOfScope);
  });

  it("lets an advisor create only for municipalities assigned to them", async () => {
    refused(await post("/api/concepts", advisor, { title: "x", kind: "INSEK", scope: "municipal", members: [PLAUEN] }), 403, ERROR_CODES.outOfScope);
    refused(await post("/api/concepts", advisor, { title: "x", kind: "INSEK", scope: "joint", members: [AUERBACH, PLAUEN] }), 403, ERROR_CODES.outOfScope);
  });

  it("answers anonymous readers without people's names, and not at all with public access off", async () => {
    const res = await t.app.inject({ url: `/api/concepts/${concept.id}` });
    expect(conceptDetailSchema.parse(res.json()).createdBy).toBeNull();
    const signedIn = await t.app.inject({ url: `/api/concepts/${concept.id}`, headers: smr });
    expect(conceptDetailSchema.parse(signedIn.json()).createdBy).toBe("smr");
    refused(await post("/api/concepts", {}, { title: "x", kind: "INSEK", scope: "municipal", members: [PLAUEN] }), 401, ERROR_CODES.authenticationRequired);
  });
});

describe("documents", () => {
  let concept: ConceptDetail;
  beforeAll(async () => {
    concept = await create({ title: "INSEK Falkenstein (Dokumente)", kind: "INSEK", scope: "municipal", members: [FALKENSTEIN] });
  });

  it("stores an uploaded PDF and serves it with its type and name", async () => {
    const res = await upload(concept.id, advisor, { title: "INSEK Falkenstein 2035", kind: "concept" }, { name: "INSEK Falkenstein – Endfassung.pdf", content: PDF, type: "application/octet-stream" });
    expect(res.statusCode, res.body).toBe(201);
    const document = documentSchema.parse(res.json());
    expect(document).toMatchObject({ conceptId: concept.id, kind: "concept", title: "INSEK Falkenstein 2035", fileName: "INSEK Falkenstein – Endfassung.pdf", mediaType: "application/pdf", size: PDF.length, url: null, downloadPath: `/api/documents/${document.id}` });
    expect(document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const download = await t.app.inject({ url: `/api/documents/${document.id}` });
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="INSEK Falkenstein _ Endfassung.pdf"; filename*=UTF-8''${encodeURIComponent("INSEK Falkenstein – Endfassung.pdf")}`,
    );
    expect(download.rawPayload.equals(PDF)).toBe(true);
    expect((await detail(concept.id)).documents.map((d) => d.id)).toEqual([document.id]);
    const audit = await auditEntries(t.app, "document.uploaded");
    expect(audit.at(-1)).toMatchObject({ target: `concept:${concept.id}`, details: { documentId: document.id, size: PDF.length, sha256: document.sha256 } });

    // A resolution names it: the member's status event links the document.
    const resolution = await post(`/api/concepts/${concept.id}/resolutions`, advisor, { ags: FALKENSTEIN, date: "2025-10-01", documentId: document.id });
    expect(resolution.statusCode, resolution.body).toBe(201);
    expect(resolutionCreatedSchema.parse(resolution.json()).event?.documentUrl).toBe(`http://127.0.0.1:3000/api/documents/${document.id}`);
  });

  it("takes a link as JSON", async () => {
    const res = await post(`/api/concepts/${concept.id}/documents`, smr, { url: "https://www.falkenstein.de/insek.pdf", kind: "other", title: "Auf der Website" });
    expect(res.statusCode, res.body).toBe(201);
    expect(documentSchema.parse(res.json())).toMatchObject({ url: "https://www.falkenstein.de/insek.pdf", kind: "other", fileName: null, downloadPath: null });
  });

  it("refuses a file that is not a PDF by its bytes, whatever its name and type (422)", async () => {
    const before = (await detail(concept.id)).documents.length;
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a2f70000000049454e44ae426082", "hex");
    const body = refused(await upload(concept.id, smr, {}, { name: "konzept.pdf", content: png }), 422, ERROR_CODES.documentNotPdf);
    expect(body.issues?.[0]?.path).toBe("body.file");
    refused(await upload(concept.id, smr, {}, { name: "konzept.pdf", content: Buffer.from("Dies ist kein PDF.") }), 422, ERROR_CODES.documentNotPdf);
    refused(await upload(concept.id, smr, { title: "ohne Datei" }), 422, ERROR_CODES.documentFileRequired);
    expect((await detail(concept.id)).documents).toHaveLength(before);
  });

  it("refuses a file larger than 25 MB (422)", async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(25 * 1024 * 1024 + 1 - PDF.length, 0x20)]);
    refused(await upload(concept.id, smr, {}, { name: "gross.pdf", content: big }), 422, ERROR_CODES.documentTooLarge);
  });

  it("answers 404 for an unknown document or a link", async () => {
    refused(await t.app.inject({ url: "/api/documents/999999" }), 404, ERROR_CODES.documentNotFound);
  });
});
