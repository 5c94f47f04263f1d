import {
  ERROR_CODES,
  type MeasureDetail,
  atRiskListSchema,
  eligibleWithoutConceptListSchema,
  errorResponseSchema,
  fundingStatsSchema,
  measureDetailSchema,
  measureListSchema,
  measurePreconditionFailedSchema,
  programmeListSchema,
  programmeSchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestContext } from "../src/lib/request-context.js";
import { checkMeasures, createMeasures } from "../src/modules/funding/funding.service.js";
import { addAccount, bearerFor } from "./helpers/accounts.js";
import { auditEntries } from "./helpers/advisory.js";
import { recordFixtureEvent } from "./helpers/history-fixture.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/*
 * Funding (issue 15): programmes, measures and what is derived from them on a date, against a small fixed
 * dataset whose figures are worked out by hand below (rules: current 10 years after the council resolution,
 * expiring within 12 months; the test clock's today is 2026-11-25).
 *
 * Populations (registry): Leipzig 611,850, Dresden 564,904, Chemnitz 245,618; Ostrau 3,463 and
 * Zschaitz-Ottewig 1,298 merged into Jahnatal (4,702) on 2023-01-01.
 *
 * History (status events):
 * - Leipzig adopted 2017-03-01: current until 2027-02-28 (lapses 2027-03-01).
 * - Chemnitz adopted 2016-03-01: current until 2026-02-28 (lapses 2026-03-01).
 * - Dresden drafting since 2020-01-01, adopted 2025-05-15: current until 2035-05-14.
 * - Ostrau adopted 2014-09-01: current until 2024-08-31. Zschaitz-Ottewig: nothing.
 * - Jahnatal adopted 2025-03-20: current until 2035-03-19.
 *
 * Programmes: the seeded ones that ask for a town-wide concept are closed in the test (so that only the
 * test's own count towards "eligible without concept"); `test-grossstadt` (town-wide concept, at least
 * 240,000 inhabitants: Leipzig, Dresden, Chemnitz, open) and `test-kleinstadt` (town-wide and area
 * concept, at least 5,000, closed); `leader` (seeded, no concept needed).
 *
 * Measures:
 * - M1 Leipzig, grossstadt, 2019–2030, running.   - M2 Chemnitz, grossstadt, 2015–open, running.
 * - M3 Dresden, grossstadt, 2021–2027, running.    - M4 Ostrau, kleinstadt, 2018–2028, running.
 * - M5 Zschaitz-Ottewig, kleinstadt, 2020–2022, running.  - M6 Jahnatal, leader, 2023–open, running.
 * - M7 Leipzig, grossstadt, 2010–2020, settled.    - M8 Chemnitz, grossstadt, 2020–open, paused.
 */

const LEIPZIG = "14713000";
const DRESDEN = "14612000";
const CHEMNITZ = "14511000";
const OSTRAU = "14522450";
const ZSCHAITZ = "14522620";
const JAHNATAL = "14522275";

let t: TestApp;
let smrAdmin: Record<string, string>;
let smr: Record<string, string>;
let advisor: Record<string, string>;
let leipzigAccount: Record<string, string>;
let smrUser: { id: string; email: string };

const m: Record<string, number> = {};
let leipzigInsek = 0;
let leipzigSeko = 0;
let ostrauInsek = 0;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const admin = await addAccount(db, { email: "admin@test.example", role: "smr", admin: true, password: null });
  smrAdmin = (await bearerFor(t.app, admin.id)).headers;
  const plain = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
  smrUser = plain;
  smr = (await bearerFor(t.app, plain.id)).headers;
  advisor = (await bearerFor(t.app, (await addAccount(db, { email: "inge@test.example", role: "advisor", password: null })).id)).headers;
  leipzigAccount = (await bearerFor(t.app, (await addAccount(db, { email: "leipzig@test.example", role: "municipality", ags: [LEIPZIG], password: null })).id)).headers;

  const adopted = (ags: string, date: string) =>
    recordFixtureEvent(db, { ags, status: "council_adopted", effectiveDate: date, councilResolutionDate: date, recordedAt: `${date}T12:00:00Z` });
  await adopted(LEIPZIG, "2017-03-01");
  await adopted(CHEMNITZ, "2016-03-01");
  await recordFixtureEvent(db, { ags: DRESDEN, status: "drafting", effectiveDate: "2020-01-01", recordedAt: "2020-01-02T09:00:00Z" });
  await adopted(DRESDEN, "2025-05-15");
  await adopted(OSTRAU, "2014-09-01");
  await adopted(JAHNATAL, "2025-03-20");
});
afterAll(async () => {
  await t.close();
});

function send(method: "POST" | "PATCH" | "DELETE", url: string, headers: Record<string, string>, payload?: unknown) {
  return t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

function refused(res: { statusCode: number; body: string; json: <T>() => T }, status: number, code: string) {
  expect(res.statusCode, res.body).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body.code).toBe(code);
  return body;
}

async function createMeasure(payload: Record<string, unknown>, headers = smr): Promise<MeasureDetail> {
  const res = await send("POST", "/api/measures", headers, payload);
  expect(res.statusCode, res.body).toBe(201);
  return measureDetailSchema.parse(res.json());
}

async function getJson(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ url, headers });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
}

describe("programmes", () => {
  it("are seeded with stable ids, requirements and sources", async () => {
    const list = programmeListSchema.parse(await getJson("/api/programmes"));
    const byId = new Map(list.items.map((p) => [p.id, p]));
    for (const id of [
      "lebendige-zentren",
      "sozialer-zusammenhalt",
      "wachstum-nachhaltige-erneuerung",
      "efre-nachhaltige-stadtentwicklung",
      "stadtumbau-ost",
      "aktive-stadt-und-ortsteilzentren",
      "kleinere-staedte-und-gemeinden",
      "soziale-stadt",
      "staedtebaulicher-denkmalschutz",
      "fr-regio",
      "leader",
      "vitale-dorfkerne",
    ]) {
      expect(byId.get(id)?.source, id).toMatch(/\S/);
    }
    // Städtebauförderung in Saxony: more than 2,000 inhabitants, i.e. at least 2,001; EFRE at least 5,000.
    expect(byId.get("lebendige-zentren")).toMatchObject({ level: "federal", requirements: { townWideConcept: true, areaConcept: true, minPopulation: 2001 }, active: true });
    expect(byId.get("efre-nachhaltige-stadtentwicklung")).toMatchObject({ level: "eu", requirements: { townWideConcept: true, areaConcept: true, minPopulation: 5000 }, period: { from: 2021, to: 2027 } });
    // LEADER and Vitale Dorfkerne rest on the region's LES, not on an INSEK.
    expect(byId.get("leader")?.requirements).toEqual({ townWideConcept: false, areaConcept: false, minPopulation: null });
    expect(byId.get("vitale-dorfkerne")?.requirements).toEqual({ townWideConcept: false, areaConcept: false, minPopulation: null });
    expect(byId.get("stadtumbau-ost")).toMatchObject({ active: false, period: { from: 2002, to: 2016 } });
  });

  it("are added and changed by SMR administrators only, with If-Match", async () => {
    const input = {
      id: "test-grossstadt",
      name: "Großstadtprogramm (Test)",
      level: "land",
      requirements: { townWideConcept: true, areaConcept: false, minPopulation: 240000 },
      source: "Testquelle",
    };
    refused(await send("POST", "/api/programmes", smr, input), 403, ERROR_CODES.forbidden);
    refused(await send("POST", "/api/programmes", advisor, input), 403, ERROR_CODES.forbidden);
    const created = await send("POST", "/api/programmes", smrAdmin, input);
    expect(created.statusCode, created.body).toBe(201);
    expect(programmeSchema.parse(created.json())).toMatchObject({ id: "test-grossstadt", version: 1, active: true, jointConceptAllowed: true });
    refused(await send("POST", "/api/programmes", smrAdmin, input), 409, ERROR_CODES.programmeIdTaken);
    refused(
      await send("POST", "/api/programmes", smrAdmin, { ...input, id: "test-kaputt", period: { from: 2027, to: 2021 } }),
      422,
      ERROR_CODES.programmePeriodInvalid,
    );
    const small = await send("POST", "/api/programmes", smrAdmin, {
      id: "test-kleinstadt",
      name: "Kleinstadtprogramm (Test)",
      level: "federal",
      requirements: { townWideConcept: true, areaConcept: true, minPopulation: 5000 },
    });
    expect(small.statusCode, small.body).toBe(201);

    // Close the seeded programmes that ask for a town-wide concept; the test's own stay.
    for (const id of ["lebendige-zentren", "sozialer-zusammenhalt", "wachstum-nachhaltige-erneuerung", "efre-nachhaltige-stadtentwicklung"]) {
      refused(await send("PATCH", `/api/programmes/${id}`, smrAdmin, { active: false }), 428, ERROR_CODES.preconditionRequired);
      refused(await send("PATCH", `/api/programmes/${id}`, { ...smrAdmin, "if-match": '"7"' }, { active: false }), 412, ERROR_CODES.versionMismatch);
      const res = await send("PATCH", `/api/programmes/${id}`, { ...smrAdmin, "if-match": '"1"' }, { active: false });
      expect(res.statusCode, res.body).toBe(200);
      expect(programmeSchema.parse(res.json())).toMatchObject({ id, active: false, version: 2 });
    }
    const closeSmall = await send("PATCH", "/api/programmes/test-kleinstadt", { ...smrAdmin, "if-match": '"1"' }, { active: false });
    expect(closeSmall.statusCode, closeSmall.body).toBe(200);
    refused(await send("PATCH", "/api/programmes/gibt-es-nicht", { ...smrAdmin, "if-match": '"1"' }, { active: false }), 404, ERROR_CODES.programmeNotFound);
    expect((await auditEntries(t.app, "programme.")).map((a) => `${a.action} ${a.target}`)).toEqual([
      "programme.created programme:test-grossstadt",
      "programme.created programme:test-kleinstadt",
      "programme.updated programme:lebendige-zentren",
      "programme.updated programme:sozialer-zusammenhalt",
      "programme.updated programme:wachstum-nachhaltige-erneuerung",
      "programme.updated programme:efre-nachhaltige-stadtentwicklung",
      "programme.updated programme:test-kleinstadt",
    ]);
  });
});

describe("measures", () => {
  it("link concepts of their municipality (or of its predecessors) and are written by SMR and FS INGE", async () => {
    const concept = async (payload: Record<string, unknown>) => {
      const res = await send("POST", "/api/concepts", smr, payload);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number }>().id;
    };
    leipzigInsek = await concept({ title: "INSEK Leipzig 2030", kind: "INSEK", scope: "municipal", members: [LEIPZIG] });
    leipzigSeko = await concept({ title: "SEKO Leipziger Osten", kind: "SEKO", scope: "area", members: [LEIPZIG], parentId: leipzigInsek });
    ostrauInsek = await concept({ title: "INSEK Ostrau", kind: "INSEK", scope: "municipal", members: [OSTRAU] });

    const m1 = await createMeasure({
      ags: LEIPZIG,
      programmeId: "test-grossstadt",
      name: "Leipziger Osten",
      area: "Leipziger Osten",
      startYear: 2019,
      endYear: 2030,
      state: "running",
      conceptId: leipzigInsek,
      areaConceptId: leipzigSeko,
      amounts: [
        { year: 2019, federal: 100000.5, land: 50000.25, municipal: 50000.25 },
        { year: 2020, federal: 200000, land: 100000, municipal: 100000 },
      ],
      note: "öffentlich",
      noteInternal: "nur intern",
    });
    expect(m1).toMatchObject({
      ags: LEIPZIG,
      currentAgs: LEIPZIG,
      districtKey: "14713",
      programmeName: "Großstadtprogramm (Test)",
      version: 1,
      flags: [],
      totals: { federal: 300000.5, land: 150000.25, municipal: 150000.25, total: 600001 },
      concept: { id: leipzigInsek, kind: "INSEK", scope: "municipal" },
      areaConcept: { id: leipzigSeko, kind: "SEKO", scope: "area" },
      noteInternal: "nur intern",
      createdBy: "smr",
    });
    expect(m1.amounts).toEqual([
      { year: 2019, federal: 100000.5, land: 50000.25, municipal: 50000.25 },
      { year: 2020, federal: 200000, land: 100000, municipal: 100000 },
    ]);
    m.m1 = m1.id;
    m.m2 = (await createMeasure({ ags: CHEMNITZ, programmeId: "test-grossstadt", name: "Brühl", startYear: 2015, state: "running" }, advisor)).id;
    m.m3 = (await createMeasure({ ags: DRESDEN, programmeId: "test-grossstadt", name: "Neustadt", startYear: 2021, endYear: 2027, state: "running" })).id;
    // Ostrau (3,463) is below the programme's 5,000: recorded, and flagged.
    const m4 = await createMeasure({ ags: OSTRAU, programmeId: "test-kleinstadt", name: "Ortskern Ostrau", startYear: 2018, endYear: 2028, state: "running", conceptId: ostrauInsek });
    expect(m4.flags).toEqual(["below_min_population", "area_concept_missing"]);
    expect(m4).toMatchObject({ ags: OSTRAU, municipalityName: "Ostrau", currentAgs: JAHNATAL, currentName: "Jahnatal" });
    m.m4 = m4.id;
    const m5 = await createMeasure({ ags: ZSCHAITZ, programmeId: "test-kleinstadt", name: "Dorfmitte Zschaitz", startYear: 2020, endYear: 2022, state: "running" });
    expect(m5.flags).toEqual(["below_min_population", "town_wide_concept_missing", "area_concept_missing"]);
    m.m5 = m5.id;
    // Ostrau's concept covers a measure recorded for its successor Jahnatal.
    const m6 = await createMeasure({ ags: JAHNATAL, programmeId: "leader", name: "LEADER Jahnatal", startYear: 2023, state: "running", conceptId: ostrauInsek }, advisor);
    expect(m6.flags).toEqual([]);
    m.m6 = m6.id;
    m.m7 = (await createMeasure({ ags: LEIPZIG, programmeId: "test-grossstadt", name: "Grünau", startYear: 2010, endYear: 2020, state: "settled", conceptId: leipzigInsek })).id;
    m.m8 = (await createMeasure({ ags: CHEMNITZ, programmeId: "test-grossstadt", name: "Sonnenberg", startYear: 2020, state: "paused" })).id;

    const audit = await auditEntries(t.app, "measure.created");
    expect(audit).toHaveLength(8);
    expect(audit[0]).toMatchObject({ target: `measure:${m.m1}`, details: { ags: LEIPZIG, programmeId: "test-grossstadt", origin: "recorded" } });
  });

  it("are refused with one code per rule", async () => {
    const base = { ags: DRESDEN, programmeId: "test-grossstadt", name: "Regelprobe", startYear: 2022, state: "running" };
    const codeOf = async (payload: Record<string, unknown>, status = 422) => {
      const res = await send("POST", "/api/measures", smr, payload);
      expect(res.statusCode, res.body).toBe(status);
      return errorResponseSchema.parse(res.json());
    };
    const endBeforeStart = await codeOf({ ...base, endYear: 2021 });
    expect(endBeforeStart.code).toBe(ERROR_CODES.measureEndBeforeStart);
    expect(endBeforeStart.issues?.map((i) => `${i.path} ${i.code}`)).toEqual([`body.endYear ${ERROR_CODES.measureEndBeforeStart}`]);
    expect((await codeOf({ ...base, programmeId: "gibt-es-nicht" })).code).toBe(ERROR_CODES.measureProgrammeUnknown);
    expect((await codeOf({ ...base, ags: "14999999" })).code).toBe(ERROR_CODES.unknownAgs);
    expect((await codeOf({ ...base, conceptId: leipzigInsek })).code).toBe(ERROR_CODES.measureConceptNotCovering);
    expect((await codeOf({ ...base, conceptId: leipzigSeko })).code).toBe(ERROR_CODES.measureConceptNotTownWide);
    expect((await codeOf({ ...base, conceptId: 999999 })).code).toBe(ERROR_CODES.measureConceptNotFound);
    expect((await codeOf({ ...base, areaConceptId: leipzigSeko })).code).toBe(ERROR_CODES.measureAreaConceptOtherMunicipality);
    expect((await codeOf({ ...base, areaConceptId: leipzigInsek })).code).toBe(ERROR_CODES.measureAreaConceptNotArea);
    expect((await codeOf({ ...base, areaConceptId: 999999 })).code).toBe(ERROR_CODES.measureAreaConceptNotFound);
    expect(
      (await codeOf({ ...base, amounts: [{ year: 2022, federal: 1 }, { year: 2022, land: 2 }] })).issues?.map((i) => `${i.path} ${i.code}`),
    ).toEqual([`body.amounts.1.year ${ERROR_CODES.measureAmountYearDuplicate}`]);
    // Several broken rules at once: every one at its field, the first one's code.
    const many = await codeOf({ ...base, endYear: 2020, programmeId: "nope", areaConceptId: leipzigSeko });
    expect(many.issues?.map((i) => i.code)).toEqual([
      ERROR_CODES.measureProgrammeUnknown,
      ERROR_CODES.measureEndBeforeStart,
      ERROR_CODES.measureAreaConceptOtherMunicipality,
    ]);
    // The shape: an unknown state, cents beyond two decimals.
    expect((await codeOf({ ...base, state: "laufend" }, 400)).code).toBe(ERROR_CODES.validation);
    expect((await codeOf({ ...base, amounts: [{ year: 2022, federal: 1.005 }] }, 400)).code).toBe(ERROR_CODES.validation);
    // Municipality accounts read, they do not write.
    refused(await send("POST", "/api/measures", leipzigAccount, { ...base, ags: LEIPZIG }), 403, ERROR_CODES.forbidden);
    const [row] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from measures where name = 'Regelprobe'`);
    expect(row?.n).toBe(0);
  });

  it("are listed with filters, predecessors' measures under the successor, paged", async () => {
    const list = async (query: string) => measureListSchema.parse(await getJson(`/api/measures${query}`));
    const names = async (query: string) => (await list(query)).items.map((i) => i.name);
    expect((await list("")).total).toBe(8);
    // Jahnatal: its own measure and those of Ostrau and Zschaitz-Ottewig (merged into it).
    expect((await names(`?ags=${JAHNATAL}`)).sort()).toEqual(["Dorfmitte Zschaitz", "LEADER Jahnatal", "Ortskern Ostrau"]);
    expect(await names(`?ags=${OSTRAU}`)).toEqual(["Ortskern Ostrau"]);
    expect((await list("?programme=test-grossstadt")).total).toBe(5);
    expect((await list("?state=running")).total).toBe(6);
    expect((await list("?state=paused")).items.map((i) => i.id)).toEqual([m.m8]);
    expect((await list("?district=14522")).total).toBe(3);
    expect((await list("?district=14522&programme=leader")).items.map((i) => i.id)).toEqual([m.m6]);
    const page = await list("?limit=3&offset=6");
    expect(page.total).toBe(8);
    expect(page.items).toHaveLength(2);
  });

  it("show the internal note and who wrote them to staff only; are public while public access is on", async () => {
    const detail = async (headers: Record<string, string>) => measureDetailSchema.parse(await getJson(`/api/measures/${m.m1}`, headers));
    expect(await detail(advisor)).toMatchObject({ noteInternal: "nur intern", createdBy: "smr", note: "öffentlich" });
    expect(await detail(leipzigAccount)).toMatchObject({ noteInternal: null, createdBy: null, note: "öffentlich" });
    const anonymous = await detail({});
    expect(anonymous).toMatchObject({ noteInternal: null, createdBy: null });
    expect(anonymous.amounts).toHaveLength(2);
    refused(await t.app.inject({ url: "/api/measures/999999" }), 404, ERROR_CODES.measureNotFound);
  });

  it("change on top of their version (If-Match) and are deleted the same way, audited", async () => {
    const url = `/api/measures/${m.m8}`;
    refused(await send("PATCH", url, smr, { state: "running" }), 428, ERROR_CODES.preconditionRequired);
    const stale = await send("PATCH", url, { ...smr, "if-match": '"5"' }, { state: "running" });
    expect(stale.statusCode).toBe(412);
    expect(measurePreconditionFailedSchema.parse(stale.json()).current).toMatchObject({ id: m.m8, version: 1, state: "paused" });
    // The rules apply to the measure as changed.
    refused(await send("PATCH", url, { ...smr, "if-match": '"1"' }, { endYear: 2019 }), 422, ERROR_CODES.measureEndBeforeStart);
    refused(await send("PATCH", url, { ...leipzigAccount, "if-match": '"1"' }, { note: "x" }), 403, ERROR_CODES.forbidden);
    const changed = await send("PATCH", url, { ...advisor, "if-match": '"1"' }, { note: "ruht seit 2024", amounts: [{ year: 2021, federal: 10 }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(measureDetailSchema.parse(changed.json())).toMatchObject({
      version: 2,
      state: "paused",
      note: "ruht seit 2024",
      updatedBy: "inge",
      amounts: [{ year: 2021, federal: 10, land: 0, municipal: 0 }],
      totals: { total: 10 },
    });

    const extra = await createMeasure({ ags: DRESDEN, programmeId: "test-grossstadt", name: "Versehentlich", startYear: 2024, state: "running" });
    refused(await send("DELETE", `/api/measures/${extra.id}`, smr), 428, ERROR_CODES.preconditionRequired);
    refused(await send("DELETE", `/api/measures/${extra.id}`, { ...leipzigAccount, "if-match": '"1"' }), 403, ERROR_CODES.forbidden);
    const deleted = await send("DELETE", `/api/measures/${extra.id}`, { ...smr, "if-match": '"1"' });
    expect(deleted.statusCode, deleted.body).toBe(204);
    refused(await t.app.inject({ url: `/api/measures/${extra.id}` }), 404, ERROR_CODES.measureNotFound);
    expect((await auditEntries(t.app, "measure.")).filter((a) => a.action !== "measure.created").map((a) => `${a.action} ${a.target}`)).toEqual([
      `measure.updated measure:${m.m8}`,
      `measure.deleted measure:${extra.id}`,
    ]);
    const [deletedEntry] = await auditEntries(t.app, "measure.deleted");
    expect(deletedEntry?.details).toMatchObject({ ags: DRESDEN, name: "Versehentlich", state: "running", version: 1 });
  });
});

describe("derived on a date (hand-computed)", () => {
  const atRisk = async (asOf: string, query = "") => atRiskListSchema.parse(await getJson(`/api/measures/at-risk?asOf=${asOf}${query}`));
  const stats = async (asOf: string) => fundingStatsSchema.parse(await getJson(`/api/stats/funding?asOf=${asOf}`));
  const programmeOf = (s: Awaited<ReturnType<typeof stats>>, id: string) => {
    const found = s.byProgramme.find((p) => p.programmeId === id);
    if (!found) throw new Error(`no ${id}`);
    return found;
  };
  const districtOf = (p: ReturnType<typeof programmeOf>, key: string) => p.byDistrict.find((d) => d.districtKey === key);

  it("on 2022-06-30: Ostrau's measure is Ostrau's; Dresden and Zschaitz-Ottewig have no concept", async () => {
    // Running in 2022: M1, M2, M3, M4, M5 (M6 starts 2023, M7 settled, M8 paused).
    // Current: Leipzig (until 2027-02-28, beyond the 12 months), Chemnitz (until 2026-02-28), Ostrau (until 2024-08-31).
    const list = await atRisk("2022-06-30");
    expect(list.items.map((i) => [i.measureId, i.ags, i.reason, i.lapsesOn])).toEqual([
      [m.m3, DRESDEN, "no_current_concept", null],
      [m.m5, ZSCHAITZ, "no_current_concept", null],
    ]);
    expect(list.items[0]).toMatchObject({ status: "drafting", programmeId: "test-grossstadt", measureName: "Neustadt", measureAgs: DRESDEN });

    const s = await stats("2022-06-30");
    expect(s.measures).toEqual({ running: 5, atRisk: 2, onCurrentConcept: 3 });
    // Only test-grossstadt is open and asks for a concept: of Leipzig, Dresden, Chemnitz only Dresden lacks one.
    expect(s.eligibleWithoutConcept).toBe(1);
    const big = programmeOf(s, "test-grossstadt");
    expect(big).toMatchObject({ municipalities: 3, measures: 3, onCurrentConcept: 2, atRisk: 1, eligibleWithoutConcept: 1 });
    expect(big.byDistrict).toHaveLength(13);
    expect(districtOf(big, "14612")).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 0, atRisk: 1, eligibleWithoutConcept: 1 });
    expect(districtOf(big, "14713")).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 1, atRisk: 0, eligibleWithoutConcept: 0 });
    expect(districtOf(big, "14522")).toMatchObject({ municipalities: 0, measures: 0, onCurrentConcept: 0, atRisk: 0, eligibleWithoutConcept: 0 });
    const small = programmeOf(s, "test-kleinstadt");
    expect(small).toMatchObject({ municipalities: 2, measures: 2, onCurrentConcept: 1, atRisk: 1 });
    expect(districtOf(small, "14522")).toMatchObject({ municipalities: 2, measures: 2, onCurrentConcept: 1, atRisk: 1 });
    expect(programmeOf(s, "leader")).toMatchObject({ municipalities: 0, measures: 0, onCurrentConcept: 0, atRisk: 0, eligibleWithoutConcept: 0 });

    const eligible = eligibleWithoutConceptListSchema.parse(await getJson("/api/municipalities/eligible-without-concept?programme=test-grossstadt&asOf=2022-06-30"));
    expect(eligible).toMatchObject({ programmeId: "test-grossstadt", minPopulation: 240000, total: 1 });
    expect(eligible.items).toEqual([
      { ags: DRESDEN, name: "Dresden", districtKey: "14612", districtName: "Dresden, Stadt", population: 564904, status: "drafting", currentUntil: null },
    ]);
  });

  it("on 2024-10-01: Ostrau's measure belongs to Jahnatal, which has no concept yet", async () => {
    // Running in 2024: M1, M2, M3, M4 (now Jahnatal's), M6 (LEADER: needs no concept, never at risk).
    const list = await atRisk("2024-10-01");
    expect(list.items.map((i) => [i.measureId, i.ags, i.measureAgs, i.reason, i.lapsesOn])).toEqual([
      [m.m3, DRESDEN, DRESDEN, "no_current_concept", null],
      [m.m4, JAHNATAL, OSTRAU, "no_current_concept", null],
    ]);
    const s = await stats("2024-10-01");
    expect(s.measures).toEqual({ running: 5, atRisk: 2, onCurrentConcept: 2 });
    const small = programmeOf(s, "test-kleinstadt");
    expect(small).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 0, atRisk: 1 });
    expect(programmeOf(s, "leader")).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 0, atRisk: 0 });
    expect(await atRisk("2024-10-01", "&programme=test-kleinstadt")).toMatchObject({ total: 1 });
    expect(await atRisk("2024-10-01", "&district=14612")).toMatchObject({ total: 1, items: [{ measureId: m.m3 }] });
  });

  it("before and after Dresden's adoption on 2025-05-15 (Chemnitz, current until 2026-02-28, is expiring by then)", async () => {
    expect((await atRisk("2025-05-14")).items.map((i) => [i.measureId, i.reason, i.lapsesOn])).toEqual([
      [m.m3, "no_current_concept", null],
      [m.m2, "expiring", "2026-03-01"],
    ]);
    expect((await atRisk("2025-05-15")).items.map((i) => [i.measureId, i.reason])).toEqual([[m.m2, "expiring"]]);
    expect((await stats("2025-05-14")).eligibleWithoutConcept).toBe(1);
    const after = await stats("2025-05-15");
    expect(after.eligibleWithoutConcept).toBe(0);
    // M1, M2 (expiring is still current), M3, M4 (Jahnatal, adopted 2025-03-20) and M6: all on a current concept.
    expect(after.measures).toEqual({ running: 5, atRisk: 1, onCurrentConcept: 5 });
    expect(eligibleWithoutConceptListSchema.parse(await getJson("/api/municipalities/eligible-without-concept?programme=test-grossstadt&asOf=2025-05-15")).total).toBe(0);
  });

  it("around Chemnitz's lapse: expiring on 2026-02-28, no current concept from 2026-03-01", async () => {
    expect((await atRisk("2026-02-28")).items.map((i) => [i.measureId, i.reason, i.lapsesOn])).toEqual([
      [m.m2, "expiring", "2026-03-01"],
    ]);
    expect((await atRisk("2026-03-01")).items.map((i) => [i.measureId, i.reason, i.lapsesOn])).toEqual([
      [m.m2, "no_current_concept", "2026-03-01"],
      [m.m1, "expiring", "2027-03-01"],
    ]);
  });

  it("today (2026-11-25, the default): Chemnitz lapsed, Leipzig expiring, Dresden and Jahnatal current", async () => {
    const list = await atRisk("2026-11-25");
    expect(list.items.map((i) => [i.measureId, i.ags, i.reason, i.lapsesOn])).toEqual([
      [m.m2, CHEMNITZ, "no_current_concept", "2026-03-01"],
      [m.m1, LEIPZIG, "expiring", "2027-03-01"],
    ]);
    expect(list).toMatchObject({ total: 2, currencyYears: 10, expiringMonths: 12 });
    expect(atRiskListSchema.parse(await getJson("/api/measures/at-risk"))).toEqual(list);

    const s = await stats("2026-11-25");
    expect(s.measures).toEqual({ running: 5, atRisk: 2, onCurrentConcept: 4 });
    expect(s.eligibleWithoutConcept).toBe(1);
    expect(programmeOf(s, "test-grossstadt")).toMatchObject({ municipalities: 3, measures: 3, onCurrentConcept: 2, atRisk: 2, eligibleWithoutConcept: 1 });
    expect(programmeOf(s, "test-kleinstadt")).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 1, atRisk: 0 });
    expect(programmeOf(s, "leader")).toMatchObject({ municipalities: 1, measures: 1, onCurrentConcept: 1, atRisk: 0, eligibleWithoutConcept: 0 });
    expect(fundingStatsSchema.parse(await getJson("/api/stats/funding"))).toEqual(s);

    const eligible = eligibleWithoutConceptListSchema.parse(await getJson("/api/municipalities/eligible-without-concept?programme=test-grossstadt"));
    expect(eligible.items.map((i) => [i.ags, i.status, i.currentUntil])).toEqual([[CHEMNITZ, "council_adopted", "2026-02-28"]]);
    // A programme that asks for no town-wide concept has nobody missing one; an unknown programme is 404.
    expect(eligibleWithoutConceptListSchema.parse(await getJson("/api/municipalities/eligible-without-concept?programme=leader"))).toMatchObject({ items: [], total: 0 });
    refused(await t.app.inject({ url: "/api/municipalities/eligible-without-concept?programme=nope" }), 404, ERROR_CODES.programmeNotFound);
  });

  it("follow every write at once (the data generation): a new measure is in the next answer", async () => {
    const before = await t.app.inject({ url: "/api/stats/funding" });
    const etag = before.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await t.app.inject({ url: "/api/stats/funding", headers: { "if-none-match": etag } })).statusCode).toBe(304);
    const extra = await createMeasure({ ags: DRESDEN, programmeId: "test-grossstadt", name: "Johannstadt", startYear: 2026, state: "running" });
    const after = await t.app.inject({ url: "/api/stats/funding", headers: { "if-none-match": etag } });
    expect(after.statusCode).toBe(200);
    expect(fundingStatsSchema.parse(after.json()).measures.running).toBe(6);
    // A programme change is seen at once too: closing test-grossstadt leaves nobody eligible through an open programme.
    const programme = programmeListSchema.parse(await getJson("/api/programmes")).items.find((p) => p.id === "test-grossstadt");
    if (!programme) throw new Error("no test-grossstadt");
    const closed = await send("PATCH", "/api/programmes/test-grossstadt", { ...smrAdmin, "if-match": `"${programme.version}"` }, { active: false });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(fundingStatsSchema.parse(await getJson("/api/stats/funding")).eligibleWithoutConcept).toBe(0);
    const reopened = await send("PATCH", "/api/programmes/test-grossstadt", { ...smrAdmin, "if-match": `"${programme.version + 1}"` }, { active: true });
    expect(reopened.statusCode, reopened.body).toBe(200);
    const removed = await send("DELETE", `/api/measures/${extra.id}`, { ...smr, "if-match": '"1"' });
    expect(removed.statusCode).toBe(204);
    expect(fundingStatsSchema.parse(await getJson("/api/stats/funding")).measures.running).toBe(5);
  });
});

describe("createMeasures: many rows in one transaction, all or nothing (for the file import)", () => {
  const ctx = (): RequestContext => ({
    principal: {
      kind: "user",
      via: "token",
      tokenId: "test",
      user: { id: smrUser.id, email: smrUser.email, displayName: "smr", role: "smr", admin: false, ags: [] },
    },
    address: null,
    requestId: null,
    clock: fixedClock,
    db: t.database.db,
  });
  const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from measures where name like 'Stapel%'`))[0]?.n;

  it("checks every row, writes nothing when one fails or in a dry run, and writes all otherwise", async () => {
    const good = { ags: DRESDEN, programmeId: "test-grossstadt", name: "Stapel 1", startYear: 2024, state: "running" as const };
    const bad = { ags: OSTRAU, programmeId: "test-kleinstadt", name: "Stapel 2", startYear: 2024, endYear: 2023, state: "running" as const };

    const checked = await checkMeasures(t.database.db, [good, bad]);
    expect(checked.map((c) => c.issues.map((i) => `${i.path} ${i.code}`))).toEqual([[], [`endYear ${ERROR_CODES.measureEndBeforeStart}`]]);
    expect(checked[1]?.flags).toEqual(["below_min_population", "town_wide_concept_missing", "area_concept_missing"]);

    const refusedBatch = await createMeasures(ctx(), [good, bad], { origin: "import" });
    expect(refusedBatch.applied).toBe(false);
    expect(refusedBatch.rows.map((r) => [r.measureId, r.issues.length])).toEqual([[null, 0], [null, 1]]);
    expect(await count()).toBe(0);

    const dry = await createMeasures(ctx(), [good, { ...bad, endYear: 2025 }], { dryRun: true });
    expect(dry.applied).toBe(false);
    expect(await count()).toBe(0);

    // Inside the caller's transaction: rolled back with it.
    await expect(
      t.database.db.transaction(async (tx) => {
        const written = await createMeasures(ctx(), [good], { tx });
        expect(written.applied).toBe(true);
        throw new Error("the caller gives up");
      }),
    ).rejects.toThrow("the caller gives up");
    expect(await count()).toBe(0);

    const applied = await createMeasures(ctx(), [good, { ...bad, endYear: 2025, name: "Stapel 3" }], { origin: "import" });
    expect(applied.applied).toBe(true);
    expect(applied.rows.every((r) => r.measureId !== null)).toBe(true);
    expect(await count()).toBe(2);
    const entries = (await auditEntries(t.app, "measure.created")).filter((a) => applied.rows.some((r) => a.target === `measure:${r.measureId}`));
    expect(entries.map((a) => a.details?.origin)).toEqual(["import", "import"]);
  });
});
