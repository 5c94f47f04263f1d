import {
  ERROR_CODES,
  errorResponseSchema,
  practiceCreatedSchema,
  practiceDetailSchema,
  practiceExportSchema,
  practiceListSchema,
  practicePreconditionFailedSchema,
  practiceStepResultSchema,
} from "@insek/contracts";
import { SaxesParser } from "saxes";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor } from "./helpers/accounts.js";
import { auditEntries } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// Vogtlandkreis (district 14523) and Sächsische Schweiz-Osterzgebirge (14628).
const AUERBACH = "14523020";
const ELLEFELD = "14523090";
const PLAUEN = "14523320";
const SEBNITZ = "14628360";
const LEIPZIG = "14713000";

let t: TestApp;
let smr: Record<string, string>;
let advisor: Record<string, string>;
let auerbach: Record<string, string>;
let plauen: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  smr = (await bearerFor(t.app, (await addAccount(db, { email: "smr@test.example", role: "smr", password: null })).id)).headers;
  const advisorAccount = await addAccount(db, { email: "inge@test.example", role: "advisor", password: null });
  await assign(db, advisorAccount.id, [AUERBACH], "2026-01-01");
  advisor = (await bearerFor(t.app, advisorAccount.id)).headers;
  auerbach = (await bearerFor(t.app, (await addAccount(db, { email: "auerbach@test.example", role: "municipality", ags: [AUERBACH], password: null })).id)).headers;
  plauen = (await bearerFor(t.app, (await addAccount(db, { email: "plauen@test.example", role: "municipality", ags: [PLAUEN], password: null })).id)).headers;
});
afterAll(async () => {
  await t.close();
});

const base = {
  title: "Bürgerhaushalt Auerbach",
  summary: "Die Bürgerschaft entscheidet über 50.000 Euro im Jahr.",
  description: "<p>Jedes Jahr <strong>schlagen</strong> Bürgerinnen und Bürger Projekte vor.</p><ul><li>Vorschläge</li><li>Abstimmung</li></ul>",
  ags: [AUERBACH],
  topics: ["participation"],
  phase: "implementation",
};

type Res = Awaited<ReturnType<TestApp["app"]["inject"]>>;

function send(method: "POST" | "PATCH", url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

function refused(res: Res, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body.code).toBe(code);
  return body;
}

async function create(payload: Record<string, unknown> = {}, headers = advisor) {
  const res = await send("POST", "/api/practices", headers, { ...base, ...payload });
  expect(res.statusCode, res.body).toBe(201);
  return practiceCreatedSchema.parse(res.json());
}

async function step(id: number, action: "submit" | "publish" | "withdraw" | "return", headers: Record<string, string>, payload?: unknown) {
  const res = await send("POST", `/api/practices/${id}/${action}`, headers, payload);
  expect(res.statusCode, res.body).toBe(200);
  return practiceStepResultSchema.parse(res.json());
}

async function detail(id: number, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ url: `/api/practices/${id}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers.etag).toBe(`"${res.json<{ version: number }>().version}"`);
  return practiceDetailSchema.parse(res.json());
}

async function list(query = "", headers: Record<string, string> = {}) {
  const res = await t.app.inject({ url: `/api/practices${query}`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return practiceListSchema.parse(res.json());
}

async function published(payload: Record<string, unknown> = {}) {
  const { id } = await create(payload);
  await step(id, "submit", advisor);
  await step(id, "publish", smr);
  return id;
}

async function patch(id: number, headers: Record<string, string>, payload: unknown, version?: number) {
  const v = version ?? (await detail(id, smr)).version;
  return send("PATCH", `/api/practices/${id}`, { ...headers, "if-match": `"${v}"` }, payload);
}

describe("creating and reading", () => {
  it("creates a draft (201 with id, version, state) that only editors and its municipality see", async () => {
    const created = await create();
    expect(created).toMatchObject({ version: 1, state: "draft" });

    expect((await t.app.inject({ url: `/api/practices/${created.id}` })).statusCode).toBe(404);
    refused(await t.app.inject({ url: `/api/practices/${created.id}`, headers: plauen }), 404, ERROR_CODES.practiceNotFound);
    expect((await detail(created.id, auerbach)).state).toBe("draft");
    const seen = await detail(created.id, smr);
    expect(seen.municipalities).toEqual([expect.objectContaining({ ags: AUERBACH, name: "Auerbach/Vogtl., Stadt", districtKey: "14523", districtName: "Vogtlandkreis" })]);
    expect(seen.author?.displayName).toBe("inge");

    expect((await list()).items.map((i) => i.id)).not.toContain(created.id);
    expect((await list("", plauen)).items.map((i) => i.id)).not.toContain(created.id);
    expect((await list("", auerbach)).items.map((i) => i.id)).toContain(created.id);
    expect((await list("?state=draft", smr)).items.map((i) => i.id)).toContain(created.id);
    // Asking for drafts does not show the public any.
    expect((await list("?state=draft")).items).toEqual([]);
  });

  it("mine=true lists the reader's own entries: their authors' and their municipalities', in any state; nobody else's", async () => {
    const byAdvisor = await create({ title: "Leerstandskataster (mine)" }, advisor);
    const bySmr = await create({ title: "Jugendbeirat (mine)", ags: [PLAUEN] }, smr);
    const ids = async (headers: Record<string, string>, query = "?mine=true&state=draft&limit=500") => (await list(query, headers)).items.map((i) => i.id);
    // The advisor wrote one; the SMR editor sees every draft, but as "mine" only what it wrote.
    expect(await ids(advisor)).toContain(byAdvisor.id);
    expect(await ids(advisor)).not.toContain(bySmr.id);
    expect(await ids(smr)).toContain(bySmr.id);
    expect(await ids(smr)).not.toContain(byAdvisor.id);
    expect(await ids(smr, "?state=draft&limit=500")).toEqual(expect.arrayContaining([byAdvisor.id, bySmr.id]));
    // A municipality owns the entries about it, whoever wrote them.
    expect(await ids(auerbach)).toContain(byAdvisor.id);
    expect(await ids(auerbach)).not.toContain(bySmr.id);
    expect(await ids(plauen)).toContain(bySmr.id);
    expect(await ids(plauen)).not.toContain(byAdvisor.id);
    // Anonymous readers own nothing (and never see drafts).
    expect(await ids({}, "?mine=true")).toEqual([]);
  });

  it("a municipality proposes entries for its own municipalities only", async () => {
    const own = await create({ ags: [AUERBACH, ELLEFELD] }, auerbach);
    expect(own.state).toBe("draft");
    refused(await send("POST", "/api/practices", auerbach, { ...base, ags: [PLAUEN] }), 403, ERROR_CODES.outOfScope);
    refused(await send("POST", "/api/practices", {}, base), 401, ERROR_CODES.authenticationRequired);
  });

  it("sanitises the description: no scripts, event handlers, javascript: or data: links; links get rel", async () => {
    const { id } = await create({
      description:
        '<p onclick="steal()">Text<script>alert(1)</script> <a href="javascript:alert(1)">j</a> <a href="data:text/html,x">d</a>' +
        ' <a href="https://example.org/a" target="_blank">ok</a> <img src=x onerror=alert(1)><iframe src="https://x.example"></iframe>' +
        '<a href="mailto:info@example.org">m</a></p><style>p{}</style><em>e</em>',
    });
    const html = (await detail(id, smr)).descriptionHtml;
    expect(html).not.toMatch(/script|onclick|onerror|javascript:|data:|<img|<iframe|<style|target=/i);
    expect(html).toContain('<a href="https://example.org/a" rel="noopener noreferrer">ok</a>');
    expect(html).toContain('<a href="mailto:info@example.org" rel="noopener noreferrer">m</a>');
    expect(html).toContain("<em>e</em>");
    refused(await send("POST", "/api/practices", advisor, { ...base, description: "<script>alert(1)</script>" }), 422, ERROR_CODES.practiceDescriptionEmpty);
  });

  it("accepts only http and https links (422 at the field)", async () => {
    for (const url of ["javascript:alert(1)", "data:text/html,<b>x</b>", "ftp://example.org", "JavaScript:void(0)"]) {
      const body = refused(await send("POST", "/api/practices", advisor, { ...base, links: [{ url: "https://ok.example" }, { url }] }), 422, ERROR_CODES.practiceLinkNotHttp);
      expect(body.issues?.[0]?.path).toBe("body.links.1.url");
    }
    const { id } = await create({ links: [{ url: "https://www.auerbach-vogtland.de/buergerhaushalt", label: "Projektseite" }] });
    expect((await detail(id, smr)).links).toEqual([{ url: "https://www.auerbach-vogtland.de/buergerhaushalt", label: "Projektseite" }]);
  });

  it("keeps a person's name in the contact only with their recorded consent", async () => {
    refused(
      await send("POST", "/api/practices", advisor, { ...base, contact: { office: "Bauamt", person: "Erika Muster" } }),
      422,
      ERROR_CODES.practiceContactConsentRequired,
    );
    const { id } = await create({ contact: { office: "Bauamt, Stadtentwicklung", email: "bauamt@example.org", person: "Erika Muster", personConsent: true } });
    const contact = (await detail(id, smr)).contact;
    expect(contact).toMatchObject({ office: "Bauamt, Stadtentwicklung", email: "bauamt@example.org", person: "Erika Muster" });
    expect(contact?.consentAt).toBe("2026-11-25T09:00:00.000Z");
  });

  it("refuses unknown municipalities and concepts, and a summary over 300 characters", async () => {
    refused(await send("POST", "/api/practices", advisor, { ...base, ags: ["14999999"] }), 422, ERROR_CODES.unknownAgs);
    refused(await send("POST", "/api/practices", advisor, { ...base, conceptId: 999999 }), 422, ERROR_CODES.practiceConceptNotFound);
    const long = await send("POST", "/api/practices", advisor, { ...base, summary: "x".repeat(301) });
    expect(long.statusCode).toBe(400);
    const badTopic = await send("POST", "/api/practices", advisor, { ...base, topics: ["weather"] });
    expect(badTopic.statusCode).toBe(400);
  });
});

describe("changing (If-Match) and criteria", () => {
  it("PATCH needs If-Match (428), refuses an old version (412 with the entry now) and moves the version on", async () => {
    const { id } = await create();
    const none = await send("PATCH", `/api/practices/${id}`, advisor, { title: "Neu" });
    refused(none, 428, ERROR_CODES.preconditionRequired);
    const ok = await patch(id, advisor, { title: "Bürgerhaushalt Auerbach 2026" }, 1);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(practiceStepResultSchema.parse(ok.json())).toMatchObject({ version: 2, state: "draft", revisionState: null });
    const stale = await patch(id, advisor, { title: "Alt" }, 1);
    expect(stale.statusCode).toBe(412);
    expect(practicePreconditionFailedSchema.parse(stale.json()).current.title).toBe("Bürgerhaushalt Auerbach 2026");
  });

  it("criteria are set by editors only", async () => {
    const id = await published({ title: "Kriterien" });
    refused(await patch(id, auerbach, { criteria: { innovative: true } }), 403, ERROR_CODES.practiceCriteriaEditorsOnly);
    const ok = await patch(id, advisor, { criteria: { innovative: true, cooperative: true } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await detail(id)).criteria).toEqual({ innovative: true, exemplary: false, cooperative: true });
    expect((await list("?criteria=innovative")).items.map((i) => i.id)).toContain(id);
    expect((await list("?criteria=exemplary")).items.map((i) => i.id)).not.toContain(id);
  });
});

describe("workflow", () => {
  it("submit, return with a comment, resubmit, publish: the public sees it once published; every step audited", async () => {
    const { id } = await create({ title: "Leerstandskataster" }, auerbach);
    await step(id, "submit", auerbach);
    refused(await send("POST", `/api/practices/${id}/publish`, auerbach), 403, ERROR_CODES.practiceEditorsOnly);
    refused(await send("POST", `/api/practices/${id}/submit`, auerbach), 409, ERROR_CODES.practiceAlreadySubmitted);
    refused(await send("PATCH", `/api/practices/${id}`, { ...auerbach, "if-match": '"2"' }, { title: "x" }), 409, ERROR_CODES.practiceInReview);
    refused(await send("POST", `/api/practices/${id}/return`, advisor, {}), 400, ERROR_CODES.validation);
    expect(await step(id, "return", advisor, { comment: "Bitte Ergebnis ergänzen" })).toMatchObject({ state: "returned" });
    const returned = await detail(id, auerbach);
    expect(returned).toMatchObject({ state: "returned", returnComment: "Bitte Ergebnis ergänzen" });
    expect((await patch(id, auerbach, { outcome: "120 Leerstände erfasst" })).statusCode).toBe(200);
    await step(id, "submit", auerbach);
    expect((await t.app.inject({ url: `/api/practices/${id}` })).statusCode).toBe(404);
    expect(await step(id, "publish", smr)).toMatchObject({ state: "published" });

    const seen = await detail(id);
    expect(seen).toMatchObject({ state: "published", outcome: "120 Leerstände erfasst", returnComment: null, author: null, revision: null });
    expect(seen.publishedAt).toBe("2026-11-25T09:00:00.000Z");
    expect((await list()).items.map((i) => i.id)).toContain(id);
    expect((await list("", plauen)).items.map((i) => i.id)).toContain(id);

    const audit = (await auditEntries(t.app, "practice.")).filter((a) => a.target === `practice:${id}`).map((a) => a.action);
    expect(audit).toEqual(["practice.created", "practice.submitted", "practice.returned", "practice.updated", "practice.submitted", "practice.published"]);
  });

  it("a published entry's revision is reviewed again while the published version stays visible", async () => {
    const id = await published({ title: "Dorfladen" });
    const ok = await patch(id, auerbach, { title: "Dorfladen mit Café" });
    expect(practiceStepResultSchema.parse(ok.json())).toMatchObject({ state: "published", revisionState: "draft" });
    expect((await detail(id)).title).toBe("Dorfladen");
    expect((await detail(id)).revision).toBeNull();
    const own = await detail(id, auerbach);
    expect(own.revision).toMatchObject({ state: "draft", content: { title: "Dorfladen mit Café" } });
    refused(await send("POST", `/api/practices/${id}/publish`, smr), 409, ERROR_CODES.practiceNotSubmitted);
    expect(await step(id, "submit", auerbach)).toMatchObject({ state: "published", revisionState: "submitted" });
    expect(await step(id, "return", smr, { comment: "Titel kürzer" })).toMatchObject({ state: "published", revisionState: "returned" });
    expect((await detail(id, auerbach)).revision?.returnComment).toBe("Titel kürzer");
    expect((await patch(id, auerbach, { title: "Dorfladen+Café" })).statusCode).toBe(200);
    await step(id, "submit", auerbach);
    expect((await detail(id)).title).toBe("Dorfladen");
    expect(await step(id, "publish", advisor)).toMatchObject({ state: "published", revisionState: null });
    const now = await detail(id);
    expect(now.title).toBe("Dorfladen+Café");
    expect(now.revision).toBeNull();
    refused(await send("POST", `/api/practices/${id}/submit`, auerbach), 409, ERROR_CODES.practiceNothingToSubmit);
  });

  it("withdrawn entries leave lists, feed and exports; nothing more happens to them", async () => {
    const id = await published({ title: "Zurückgezogenes Beispiel" });
    expect((await list()).items.map((i) => i.id)).toContain(id);
    expect(await step(id, "withdraw", auerbach)).toMatchObject({ state: "withdrawn" });
    expect((await list()).items.map((i) => i.id)).not.toContain(id);
    expect((await t.app.inject({ url: `/api/practices/${id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/api/practices/feed.atom" })).body).not.toContain("Zurückgezogenes Beispiel");
    expect((await t.app.inject({ url: "/api/export/practices.csv" })).body).not.toContain("Zurückgezogenes Beispiel");
    refused(await send("POST", `/api/practices/${id}/submit`, smr), 409, ERROR_CODES.practiceWithdrawn);
    refused(await send("POST", `/api/practices/${id}/withdraw`, smr), 409, ERROR_CODES.practiceWithdrawn);
    expect((await detail(id, smr)).state).toBe("withdrawn");
  });

  it("other municipalities may not act on a published entry; an unknown entry is 404", async () => {
    const id = await published({ title: "Fremd" });
    refused(await send("POST", `/api/practices/${id}/withdraw`, plauen), 403, ERROR_CODES.practiceNotOwner);
    refused(await patch(id, plauen, { title: "Meins" }), 403, ERROR_CODES.practiceNotOwner);
    refused(await send("POST", "/api/practices/999999/submit", smr), 404, ERROR_CODES.practiceNotFound);
  });
});

describe("adopters", () => {
  it("records adopters on published entries only: advisors for any, a municipality for itself; counted", async () => {
    const { id: draft } = await create();
    refused(await send("POST", `/api/practices/${draft}/adopters`, advisor, { ags: PLAUEN }), 409, ERROR_CODES.practiceNotPublished);

    const id = await published({ title: "Nachgenutzt" });
    refused(await send("POST", `/api/practices/${id}/adopters`, plauen, { ags: SEBNITZ }), 403, ERROR_CODES.outOfScope);
    const own = await send("POST", `/api/practices/${id}/adopters`, plauen, { ags: PLAUEN, note: "seit 2026" });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ ags: PLAUEN, name: "Plauen, Stadt, Hochschulstadt", note: "seit 2026" });
    expect((await send("POST", `/api/practices/${id}/adopters`, advisor, { ags: SEBNITZ })).statusCode).toBe(201);
    refused(await send("POST", `/api/practices/${id}/adopters`, advisor, { ags: PLAUEN }), 409, ERROR_CODES.practiceAdopterDuplicate);
    refused(await send("POST", `/api/practices/${id}/adopters`, advisor, { ags: AUERBACH }), 422, ERROR_CODES.practiceAdopterIsMunicipality);
    refused(await send("POST", `/api/practices/${id}/adopters`, advisor, { ags: "14999999" }), 422, ERROR_CODES.unknownAgs);

    const seen = await detail(id);
    expect(seen.adopterCount).toBe(2);
    expect(seen.adopters.map((a) => a.ags)).toEqual([PLAUEN, SEBNITZ]);
    expect((await list("?adopted=true")).items.map((i) => i.id)).toContain(id);
    expect((await list("?adopted=false")).items.map((i) => i.id)).not.toContain(id);
    expect((await auditEntries(t.app, "practice.adopter_added")).filter((a) => a.target === `practice:${id}`)).toHaveLength(2);
  });
});

describe("filters", () => {
  it("filters by text, topic, district, phase, municipality and size class", async () => {
    const id = await published({ title: "Radverkehrskonzept Leipzig", ags: [LEIPZIG], topics: ["mobility", "climate_energy"], phase: "completed" });
    const ids = async (q: string) => (await list(q)).items.map((i) => i.id);
    expect(await ids("?q=radverkehr")).toEqual([id]);
    expect(await ids("?q=Leipzig")).toContain(id);
    expect(await ids("?topic=mobility")).toContain(id);
    expect(await ids("?topic=youth")).not.toContain(id);
    expect(await ids("?district=14713")).toEqual([id]);
    expect(await ids("?district=14523")).not.toContain(id);
    expect(await ids("?phase=completed")).toContain(id);
    expect(await ids("?phase=idea")).not.toContain(id);
    expect(await ids(`?ags=${LEIPZIG}`)).toEqual([id]);
    expect(await ids("?sizeClass=over_100000")).toEqual([id]);
    expect(await ids("?sizeClass=under_2000")).not.toContain(id);
    const page = await list("?limit=1&offset=0");
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThan(1);
  });

  it("the detail names each municipality's status and town-wide concept, and the linked concept", async () => {
    const id = await published({ title: "Mit Konzept", ags: [LEIPZIG] });
    const seen = await detail(id);
    expect(seen.municipalities[0]).toMatchObject({ ags: LEIPZIG, name: "Leipzig, Stadt", districtKey: "14713" });
    expect(["none", "drafting", "council_adopted", "funding_eligible", "updating"]).toContain(seen.municipalities[0]?.status);
    expect(seen.funding).toEqual({ programmes: [], measures: [] });
    expect(seen.images).toEqual([]);
  });

  it("links funding programmes (known ones only) and keeps them through a revision", async () => {
    refused(await send("POST", "/api/practices", advisor, { ...base, programmeIds: ["gibt-es-nicht"] }), 422, ERROR_CODES.practiceProgrammeNotFound);
    refused(await send("POST", "/api/practices", advisor, { ...base, measureIds: [999999] }), 422, ERROR_CODES.practiceMeasureNotFound);
    const id = await published({ title: "Gefördert", programmeIds: ["lebendige-zentren"] });
    const seen = await detail(id);
    expect(seen.funding.programmes).toEqual([{ id: "lebendige-zentren", name: expect.stringContaining("Lebendige Zentren") as string }]);
    expect((await patch(id, auerbach, { summary: "Neu gefasst" })).statusCode).toBe(200);
    expect((await detail(id, auerbach)).revision?.content.programmeIds).toEqual(["lebendige-zentren"]);
  });
});

describe("open data", () => {
  it("the Atom feed is well-formed XML with the newest published entries, escaped", async () => {
    await published({ title: 'Markt & "Mitte" <neu>', summary: "A & B < C" });
    const res = await t.app.inject({ url: "/api/practices/feed.atom" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("application/atom+xml");
    const titles: string[] = [];
    let entries = 0;
    let inTitle = false;
    let depth = 0;
    const parser = new SaxesParser({ xmlns: true });
    parser.on("opentag", (tag) => {
      depth += 1;
      if (depth === 1) expect(tag.uri).toBe("http://www.w3.org/2005/Atom");
      if (tag.local === "entry") entries += 1;
      inTitle = tag.local === "title" && depth === 3;
    });
    parser.on("text", (text) => {
      if (inTitle) titles.push(text);
    });
    parser.on("closetag", () => {
      depth -= 1;
      inTitle = false;
    });
    parser.write(res.body).close();
    expect(entries).toBeGreaterThan(0);
    expect(titles).toContain('Markt & "Mitte" <neu>');
    expect(res.body).not.toContain("Bürgerhaushalt Auerbach</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"http://localhost");
  });

  it("the CSV and JSON exports carry the published entries only", async () => {
    const id = await published({ title: "Offene Daten" });
    const { id: draft } = await create({ title: "Geheimer Entwurf" });
    const csv = await t.app.inject({ url: "/api/export/practices.csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\ufeffID;Titel;Kurzbeschreibung")).toBe(true);
    expect(csv.body).toContain("Offene Daten");
    expect(csv.body).not.toContain("Geheimer Entwurf");
    const json = practiceExportSchema.parse((await t.app.inject({ url: "/api/export/practices.json" })).json());
    expect(json.items.map((i) => i.id)).toContain(id);
    expect(json.items.map((i) => i.id)).not.toContain(draft);
    expect(json.items.find((i) => i.id === id)?.url).toMatch(new RegExp(`/praxisbeispiele/${id}$`));
  });
});

describe("consultations that gave rise to an entry", () => {
  it("a consultation takes an optional practiceId, returns it, and refuses an unknown one", async () => {
    const { id } = await create({ title: "Aus der Beratung" });
    const consultation = { date: "2026-11-20", kind: "on_site", ags: [AUERBACH], topics: ["participation"], summary: "Beratung zum Bürgerhaushalt" };
    refused(await send("POST", "/api/consultations", smr, { ...consultation, practiceId: 999999 }), 422, ERROR_CODES.consultationPracticeNotFound);
    const created = await send("POST", "/api/consultations", smr, { ...consultation, practiceId: id });
    expect(created.statusCode, created.body).toBe(201);
    const { id: consultationId, practiceId } = created.json<{ id: number; practiceId: number | null }>();
    expect(practiceId).toBe(id);
    const cleared = await send("PATCH", `/api/consultations/${consultationId}`, smr, { practiceId: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json<{ practiceId: number | null }>().practiceId).toBeNull();
    const without = await send("POST", "/api/consultations", smr, consultation);
    expect(without.json<{ practiceId: number | null }>().practiceId).toBeNull();
  });
});

describe("public access off", () => {
  it("anonymous readers get 401 for list, detail, feed and exports", async () => {
    const closed = await createTestApp({ publicAccess: false });
    try {
      for (const url of ["/api/practices", "/api/practices/1", "/api/practices/feed.atom", "/api/export/practices.csv", "/api/export/practices.json"]) {
        const res = await closed.app.inject({ url });
        expect(res.statusCode, url).toBe(401);
      }
    } finally {
      await closed.close();
    }
  });
});
