import { errorResponseSchema, type MunicipalityListItem, municipalityListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { FeatureCollection, Geometry } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTH_SETTINGS } from "../src/lib/access.js";
import { createAccount } from "../src/modules/accounts/accounts.service.js";
import { createSession } from "../src/modules/accounts/auth.service.js";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { SESSION_COOKIE } from "../src/lib/session-cookie.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

const TODAY = "2026-11-25";

const MUNICIPALITY_HEADERS = [
  "AGS",
  "Gemeinde",
  "Amtlicher Name",
  "Gemeindetyp",
  "Landkreis",
  "Verwaltungsgemeinschaft/-verband",
  "Einwohner",
  "Fläche km²",
  "Status",
  "Status-Schlüssel",
  "Konzeptart",
  "Status seit",
  "Ratsbeschluss",
  "Aktuell bis",
  "Aktuell",
  "Läuft bald ab",
  "Lange nicht bestätigt",
  "Letzte Änderung/Bestätigung",
  "Letzte Bestätigung",
  "Quelle",
  "Dokument",
  "Zieljahr",
  "Stand",
  // The town-wide concept (decision 0027).
  "Konzept-ID",
  "Konzept",
  "Konzept gemeinsam",
  "Konzept beschlossen von",
  "Fortschreibung empfohlen",
  "Gebietskonzepte",
  // Funding on the date (decision 0034).
  "Programme",
  "Maßnahmen laufend",
  "Maßnahmen gefährdet",
];

const EVENT_HEADERS = [
  "Ereignis-Nr.",
  "AGS",
  "Gemeinde",
  "Verlauf von AGS",
  "Verlauf von Gemeinde",
  "Art",
  "Status",
  "Status-Schlüssel",
  "Konzeptart",
  "Wirksam ab",
  "Ratsbeschluss",
  "Dokument",
  "Zieljahr",
  "Quelle",
  "Erfasst am",
  "Erfasst von",
  "Notiz",
  "Korrigiert Ereignis-Nr.",
  "Korrigiert durch Ereignis-Nr.",
  "Version",
  "Stand",
  "Konzept-ID",
];

const INJECTION_AGS = "14612000"; // Dresden
const INJECTED_NOTE = '=HYPERLINK("http://example.com/x","Klick")';
const INJECTED_URL = "@SUM(1+1)";

const INTERNAL_NOTE = "Bürgermeister will erst nach der Wahl entscheiden";

let t: TestApp;
let smr: Record<string, string>;
let municipality: Record<string, string>;

/** A session of a new account with this role: the cookie header that signs a request in. */
async function sessionHeaders(role: "smr" | "municipality", ags?: string[]): Promise<Record<string, string>> {
  const user = await createAccount(
    t.database.db,
    { email: `export-${role}@example.org`, displayName: `Export ${role}`, role, ...(ags ? { ags } : {}) },
    fixedClock(),
  );
  const session = await createSession(t.database.db, user.id, fixedClock(), DEFAULT_AUTH_SETTINGS);
  return { cookie: `${SESSION_COOKIE}=${session.token}` };
}

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoData(t.database.db, fixedClock);
  // Hostile text that only SQL can bring in (the API validates URLs): a status change with a
  // formula as its note and document, appended as the next version of Dresden's record.
  await t.database.db.execute(sql`
    insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, note, document_url, version)
    select m.ags, 'status', 'updating', 'INSEK', ${TODAY}::date, '2026-11-25T08:30:00Z', 'municipality',
           ${INJECTED_NOTE}, ${INJECTED_URL}, m.record_version + 1
    from municipalities m where m.ags = ${INJECTION_AGS}`);
  await t.database.db.execute(sql`update municipalities set record_version = record_version + 1 where ags = ${INJECTION_AGS}`);
  // An internal note, and who recorded it (recorded_by_user_id, decision 0024): not for everybody's eyes.
  const erika = await createAccount(t.database.db, { email: "erika@fs-inge.example", displayName: "Erika Beraterin", role: "advisor" }, fixedClock());
  await t.database.db.execute(sql`
    insert into status_events (ags, type, effective_date, recorded_at, recorded_by, recorded_by_user_id, recorded_via, source, note, note_internal, version)
    select m.ags, 'confirmation', ${TODAY}::date, '2026-11-25T08:45:00Z', ${erika.id}, ${erika.id}, 'session', 'fs_inge',
           ${INTERNAL_NOTE}, true, m.record_version + 1
    from municipalities m where m.ags = ${INJECTION_AGS}`);
  // A confirmation through an update-request link: shown as "Aktualisierungslink", as in the history.
  await t.database.db.execute(sql`
    insert into status_events (ags, type, effective_date, recorded_at, recorded_by, recorded_via, update_request_id, source, version)
    select m.ags, 'confirmation', ${TODAY}::date, '2026-11-25T08:50:00Z', 'update-request:4711', 'update_request', 4711, 'municipality', m.record_version + 2
    from municipalities m where m.ags = ${INJECTION_AGS}`);
  await t.database.db.execute(sql`update municipalities set record_version = record_version + 2 where ags = ${INJECTION_AGS}`);
  smr = await sessionHeaders("smr");
  municipality = await sessionHeaders("municipality", [INJECTION_AGS]);
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: "GET", url, headers });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return res;
}

async function list(query: string): Promise<MunicipalityListItem[]> {
  const res = await get(`/api/municipalities?limit=500&${query}`);
  const body = municipalityListSchema.parse(res.json());
  expect(body.items).toHaveLength(body.total);
  return body.items;
}

function parseCsv(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true, relax_column_count: false });
}

async function csv(url: string, headers: Record<string, string> = {}) {
  const res = await get(url, headers);
  const rows = parseCsv(res.body);
  const [header, ...records] = rows;
  return { res, header: header ?? [], records };
}

const flag = (v: boolean) => (v ? "ja" : "nein");
const decimal = (v: number | null) => (v === null ? "" : String(v).replace(".", ","));

describe("GET /api/export/municipalities.csv", () => {
  it("is a CSV for German Excel: BOM, semicolons, CRLF, German headers, download name with the date", async () => {
    const { res, header, records } = await csv("/api/export/municipalities.csv");
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-gemeinden-${TODAY}.csv"`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.rawPayload.subarray(3).toString("utf8");
    expect(text.startsWith("AGS;Gemeinde;Amtlicher Name;Gemeindetyp;")).toBe(true);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.split("\r\n")).toHaveLength(records.length + 2);
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    expect(header).toEqual(MUNICIPALITY_HEADERS);
    expect(records).toHaveLength(418);
  });

  it("carries exactly the rows and records of GET /api/municipalities", async () => {
    const items = await list("");
    const { records } = await csv("/api/export/municipalities.csv");
    expect(records.map((r) => r[0])).toEqual(items.map((i) => i.ags));
    const col = (name: string) => MUNICIPALITY_HEADERS.indexOf(name);
    for (const [index, item] of items.entries()) {
      const row = records[index] ?? [];
      const where = item.ags;
      expect(row[col("Gemeinde")], where).toBe(item.displayName);
      expect(row[col("Amtlicher Name")], where).toBe(item.name);
      expect(row[col("Einwohner")], where).toBe(item.population === null ? "" : String(item.population));
      expect(row[col("Fläche km²")], where).toBe(decimal(item.areaKm2));
      expect(row[col("Status-Schlüssel")], where).toBe(item.record.status);
      expect(row[col("Konzeptart")], where).toBe(item.record.conceptKind ?? "");
      expect(row[col("Status seit")], where).toBe(item.record.statusSince ?? "");
      expect(row[col("Ratsbeschluss")], where).toBe(item.record.councilResolutionDate ?? "");
      expect(row[col("Aktuell bis")], where).toBe(item.record.currentUntil ?? "");
      expect(row[col("Aktuell")], where).toBe(flag(item.record.current));
      expect(row[col("Läuft bald ab")], where).toBe(flag(item.record.expiring));
      expect(row[col("Lange nicht bestätigt")], where).toBe(flag(item.record.stale));
      expect(row[col("Stand")], where).toBe(TODAY);
      if (item.ags !== INJECTION_AGS) expect(row[col("Dokument")], where).toBe(item.record.documentUrl ?? "");
    }
    const chemnitz = records.find((r) => r[0] === "14511000") ?? [];
    expect(chemnitz[col("Gemeindetyp")]).toBe("Kreisfreie Stadt");
    expect(chemnitz[col("Fläche km²")]).toBe("221,03");
    const statusLabels = new Set(records.map((r) => `${r[col("Status-Schlüssel")]}=${r[col("Status")]}`));
    expect(statusLabels).toContain("council_adopted=vom Rat beschlossen");
    expect(statusLabels).toContain("drafting=in Erstellung");
    const activity = records.map((r) => r[col("Letzte Änderung/Bestätigung")]).filter((v) => v !== "");
    expect(activity.length).toBeGreaterThan(300);
    for (const v of activity) expect(v).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  });

  it.each([
    "district=14522&status=council_adopted",
    "type=gemeinde&current=true&sort=-population",
    "q=dresden",
    "q=1462",
    "expiring=true",
    "stale=false&status=funding_eligible&sort=-area",
    "status=updating&sort=district",
    "current=false&type=stadt&sort=-name",
    "asOf=2018-06-30",
    "asOf=2018-06-30&district=14521&current=false",
    "asOf=2012-01-01&status=council_adopted&sort=ags",
  ])("honours the list filters and asOf exactly like the list: %s", async (query) => {
    const items = await list(query);
    const { res, records } = await csv(`/api/export/municipalities.csv?${query}`);
    expect(records.map((r) => r[0])).toEqual(items.map((i) => i.ags));
    expect(records.map((r) => r[MUNICIPALITY_HEADERS.indexOf("Status-Schlüssel")])).toEqual(items.map((i) => i.record.status));
    const asOf = /asOf=([\d-]+)/.exec(query)?.[1] ?? TODAY;
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-gemeinden-${asOf}.csv"`);
    expect(records.every((r) => r[MUNICIPALITY_HEADERS.indexOf("Stand")] === asOf)).toBe(true);
  });

  it("answers a filter that matches nothing with the header row alone", async () => {
    const { header, records } = await csv("/api/export/municipalities.csv?q=gibtesnicht");
    expect(header).toEqual(MUNICIPALITY_HEADERS);
    expect(records).toEqual([]);
  });

  it("neutralises formulas in free text", async () => {
    const { records } = await csv(`/api/export/municipalities.csv?q=${INJECTION_AGS}`);
    expect(records).toHaveLength(1);
    expect(records[0]?.[MUNICIPALITY_HEADERS.indexOf("Dokument")]).toBe(`'${INJECTED_URL}`);
  });
});

describe("GET /api/export/municipalities.xlsx", () => {
  async function workbook(query = "") {
    const res = await get(`/api/export/municipalities.xlsx${query}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return { res, book };
  }

  it("has the sheet Gemeinden with typed cells, a bold frozen header and an autofilter", async () => {
    const items = await list("district=14627");
    const { res, book } = await workbook("?district=14627");
    expect(res.headers["content-type"]).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-gemeinden-${TODAY}.xlsx"`);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Gemeinden", "Hinweise"]);
    const sheet = book.getWorksheet("Gemeinden");
    if (!sheet) throw new Error("no sheet Gemeinden");
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(MUNICIPALITY_HEADERS);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.autoFilter).toBeTruthy();
    expect(sheet.rowCount).toBe(items.length + 1);

    const col = (name: string) => MUNICIPALITY_HEADERS.indexOf(name) + 1;
    for (const [index, item] of items.entries()) {
      const row = sheet.getRow(index + 2);
      expect(row.getCell(col("AGS")).value).toBe(item.ags);
      expect(row.getCell(col("Gemeinde")).value).toBe(item.displayName);
      expect(row.getCell(col("Einwohner")).value).toBe(item.population);
      expect(row.getCell(col("Fläche km²")).value).toBe(item.areaKm2);
      expect(row.getCell(col("Status-Schlüssel")).value).toBe(item.record.status);
      expect(row.getCell(col("Aktuell")).value).toBe(flag(item.record.current));
      const resolution = row.getCell(col("Ratsbeschluss")).value;
      if (item.record.councilResolutionDate === null) expect(resolution).toBeNull();
      else expect(resolution).toEqual(new Date(`${item.record.councilResolutionDate}T00:00:00Z`));
      const until = row.getCell(col("Aktuell bis")).value;
      expect(until === null ? null : (until as Date).toISOString().slice(0, 10)).toBe(item.record.currentUntil);
      expect(row.getCell(col("Stand")).value).toEqual(new Date(`${TODAY}T00:00:00Z`));
      const activity = row.getCell(col("Letzte Änderung/Bestätigung")).value;
      expect(activity === null || activity instanceof Date).toBe(true);
    }
    expect(sheet.getRow(2).getCell(col("Ratsbeschluss")).numFmt).toBe("dd.mm.yyyy");
  });

  it("explains the date, the rules and the sources on the sheet Hinweise", async () => {
    const { book } = await workbook("?asOf=2020-06-30&status=council_adopted");
    const notes = book.getWorksheet("Hinweise");
    if (!notes) throw new Error("no sheet Hinweise");
    const lines: string[] = [];
    notes.eachRow((row) => {
      lines.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v)))
          .join(" | "),
      );
    });
    const text = lines.join("\n");
    expect(text).toContain("Stand | 2020-06-30");
    expect(text).toContain("10 Jahre ab dem Ratsbeschluss");
    expect(text).toContain("12 Monaten");
    expect(text).toContain("Status council_adopted");
    expect(text).toContain("Quelle: Statistisches Bundesamt (Destatis)");
    expect(text).toContain("© GeoBasis-DE / BKG (2016)");
    expect(text).toContain("Demo-Daten");
  });

  it("writes hostile text as text, never as a formula or a link", async () => {
    const { book } = await workbook(`?q=${INJECTION_AGS}`);
    const cell = book.getWorksheet("Gemeinden")?.getRow(2).getCell(MUNICIPALITY_HEADERS.indexOf("Dokument") + 1);
    expect(cell?.type).toBe(ExcelJS.ValueType.String);
    expect(cell?.value).toBe(INJECTED_URL);
  });
});

describe("GET /api/export/municipalities.geojson", () => {
  type Collection = FeatureCollection<Geometry | null, Record<string, unknown>> & { asOf: string; demo: boolean };

  async function geojson(query = "") {
    const res = await get(`/api/export/municipalities.geojson${query}`);
    return { res, body: JSON.parse(res.body) as Collection };
  }

  it("has one feature per municipality with its record and its shape", async () => {
    const items = await list("sort=ags");
    const { res, body } = await geojson("?sort=ags");
    expect(res.headers["content-type"]).toBe("application/geo+json; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-gemeinden-${TODAY}.geojson"`);
    expect(body.type).toBe("FeatureCollection");
    expect(body).toMatchObject({ asOf: TODAY, demo: true });
    expect(body.features).toHaveLength(418);
    for (const [index, item] of items.entries()) {
      const f = body.features[index];
      expect(f?.id).toBe(item.ags);
      expect(f?.properties).toMatchObject({
        ags: item.ags,
        name: item.displayName,
        status: item.record.status,
        current: item.record.current,
        currentUntil: item.record.currentUntil,
        expiring: item.record.expiring,
        stale: item.record.stale,
        councilResolutionDate: item.record.councilResolutionDate,
        population: item.population,
      });
      expect(["Polygon", "MultiPolygon"]).toContain(f?.geometry?.type);
    }
  });

  it("honours the filters and gives dissolved municipalities on past dates their own shape", async () => {
    const items = await list("asOf=2018-06-30&district=14521");
    const { body } = await geojson("?asOf=2018-06-30&district=14521");
    expect(body.features.map((f) => f.id)).toEqual(items.map((i) => i.ags));
    const aue = body.features.find((f) => f.id === "14521030");
    expect(["Polygon", "MultiPolygon"]).toContain(aue?.geometry?.type);
    expect(aue?.properties.name).toBe("Aue");
    expect(body.features.find((f) => f.id === "14521035")).toBeUndefined();
    expect(body.features.filter((f) => f.geometry === null)).toEqual([]);

    const adopted = await list("status=funding_eligible&current=true");
    const filtered = await geojson("?status=funding_eligible&current=true");
    expect(filtered.body.features.map((f) => f.id)).toEqual(adopted.map((i) => i.ags));
  });

  it.each([
    ["2016-06-30", 426],
    ["2018-06-30", 421],
    ["2020-06-30", 419],
    ["2023-06-30", 418],
  ])("has a geometry for every feature on %s (%i municipalities)", async (asOf, count) => {
    const items = await list(`asOf=${asOf}&sort=ags`);
    const { body } = await geojson(`?asOf=${asOf}&sort=ags`);
    expect(body.features).toHaveLength(count);
    expect(body.features.map((f) => f.id)).toEqual(items.map((i) => i.ags));
    expect(body.features.filter((f) => f.geometry === null).map((f) => f.id)).toEqual([]);
    for (const f of body.features) expect(["Polygon", "MultiPolygon"], String(f.id)).toContain(f.geometry?.type);
  });

  it("gives Ostrau and Zschaitz-Ottewig their shapes on 2020-06-30, and Jahnatal the union of both today", async () => {
    const then = (await geojson("?asOf=2020-06-30&district=14522")).body.features;
    const now = (await geojson("?district=14522")).body.features;
    const ostrau = then.find((f) => f.id === "14522450")?.geometry;
    const zschaitz = then.find((f) => f.id === "14522620")?.geometry;
    const jahnatal = now.find((f) => f.id === "14522275")?.geometry;
    expect(then.find((f) => f.id === "14522275")).toBeUndefined();
    // Planar area in square degrees (the shoelace formula): the union has the parts' area.
    const area = (geometry: Geometry | null | undefined): number => {
      if (geometry?.type !== "Polygon" && geometry?.type !== "MultiPolygon") return Number.NaN;
      const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
      const ring = (points: number[][]) =>
        Math.abs(points.reduce((sum, [x = 0, y = 0], i) => {
          const [px = 0, py = 0] = points[(i + points.length - 1) % points.length] ?? [];
          return sum + px * y - x * py;
        }, 0)) / 2;
      return polygons.reduce((sum, [outer = [], ...holes]) => sum + ring(outer) - holes.reduce((h, r) => h + ring(r), 0), 0);
    };
    expect(area(ostrau)).toBeGreaterThan(0);
    expect(area(zschaitz)).toBeGreaterThan(0);
    // Coordinates are rounded to six decimals, so the sums agree to about 1e-8 square degrees.
    expect(area(jahnatal)).toBeCloseTo(area(ostrau) + area(zschaitz), 7);
  });
});

describe("GET /api/export/events.csv", () => {
  interface DbEvent {
    id: number;
    ags: string;
    effective_date: string;
  }
  let all: DbEvent[];
  let successorOf: Map<string, { successor: string; validTo: string }>;

  beforeAll(async () => {
    all = await queryRows<DbEvent>(
      t.database.db,
      sql`select id::int as id, ags, effective_date::text as effective_date from status_events order by id`,
    );
    const dissolved = await queryRows<{ ags: string; successor: string; valid_to: string }>(
      t.database.db,
      sql`select ags, successor_ags as successor, valid_to::text as valid_to from municipalities where successor_ags is not null`,
    );
    successorOf = new Map(dissolved.map((d) => [d.ags, { successor: d.successor, validTo: d.valid_to }]));
  });

  /** The events the export must contain, computed independently: those of the listed municipalities and of predecessors merged into them by asOf. */
  function expectedIds(agsList: string[], asOf: string): number[] {
    const listed = new Set(agsList);
    const belongs = (ags: string): boolean => {
      if (listed.has(ags)) return true;
      const s = successorOf.get(ags);
      return s !== undefined && s.validTo <= asOf && belongs(s.successor);
    };
    return all.filter((e) => e.effective_date <= asOf && belongs(e.ags)).map((e) => e.id);
  }

  it("is the full history: every event in the database, with German headers", async () => {
    const { res, header, records } = await csv("/api/export/events.csv", smr);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-ereignisse-${TODAY}.csv"`);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(header).toEqual(EVENT_HEADERS);
    expect(records).toHaveLength(all.length);
    expect(records.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(all.map((e) => e.id));
    const kinds = new Set(records.map((r) => r[EVENT_HEADERS.indexOf("Art")]));
    expect(kinds).toEqual(new Set(["Statusänderung", "Bestätigung"]));
    const pfaffroda = records.filter((r) => r[1] === "14521470");
    for (const r of pfaffroda) expect(r[EVENT_HEADERS.indexOf("Verlauf von AGS")]).toBe("14521460");
  });

  it.each([
    "district=14522",
    "status=updating",
    "type=grosse_kreisstadt&current=true",
    "q=jahnatal",
    "asOf=2018-06-30",
    "asOf=2018-06-30&district=14521",
    "asOf=2022-12-31&q=ostrau",
    "asOf=2024-01-01&q=jahnatal",
  ])("has the events of the municipalities the list filter matches: %s", async (query) => {
    const items = await list(query);
    const asOf = /asOf=([\d-]+)/.exec(query)?.[1] ?? TODAY;
    const { res, records } = await csv(`/api/export/events.csv?${query}`, smr);
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="insek-ereignisse-${asOf}.csv"`);
    const expected = expectedIds(
      items.map((i) => i.ags),
      asOf,
    );
    expect(records.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(expected);
    const effective = EVENT_HEADERS.indexOf("Wirksam ab");
    expect(records.every((r) => (r[effective] ?? "") <= asOf)).toBe(true);
    // In the order of the list, then by effective date.
    const order = items.map((i) => i.ags);
    const historyOf = records.map((r) => r[EVENT_HEADERS.indexOf("Verlauf von AGS")] ?? "");
    const positions = historyOf.map((ags) => order.indexOf(ags));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("shows who recorded a change to signed-in accounts and internal notes to SMR and FS INGE only", async () => {
    const note = EVENT_HEADERS.indexOf("Notiz");
    const by = EVENT_HEADERS.indexOf("Erfasst von");
    const forSmr = (await csv(`/api/export/events.csv?q=${INJECTION_AGS}`, smr)).records.find((r) => r[note] === INTERNAL_NOTE);
    expect(forSmr?.[by]).toBe("Erika Beraterin");
    const forMunicipality = (await csv(`/api/export/events.csv?q=${INJECTION_AGS}`, municipality)).records;
    expect(forMunicipality.map((r) => r[note])).not.toContain(INTERNAL_NOTE);
    expect(forMunicipality.map((r) => r[by])).toContain("Erika Beraterin");
    const anonymous = await t.app.inject({ method: "GET", url: "/api/export/events.csv" });
    if (anonymous.statusCode === 200) {
      const rows = parseCsv(anonymous.body).slice(1);
      expect(rows.map((r) => r[note])).not.toContain(INTERNAL_NOTE);
      expect(rows.every((r) => r[by] === "")).toBe(true);
    } else {
      expect(anonymous.statusCode).toBe(401);
    }
  });

  it("names who recorded an event exactly as the history (JSON) does, never an account id or link id", async () => {
    const by = EVENT_HEADERS.indexOf("Erfasst von");
    const { records } = await csv(`/api/export/events.csv?q=${INJECTION_AGS}`, smr);
    const history = await t.app.inject({ url: `/api/municipalities/${INJECTION_AGS}/events`, headers: smr });
    expect(history.statusCode).toBe(200);
    const names = new Map(history.json<{ items: { id: number; recordedBy: string | null }[] }>().items.map((e) => [e.id, e.recordedBy ?? ""]));
    const own = records.filter((r) => r[1] === INJECTION_AGS);
    expect(own.length).toBeGreaterThan(2);
    for (const r of own) expect(r[by], `event ${r[0]}`).toBe(names.get(Number(r[0])));
    expect(own.map((r) => r[by])).toEqual(expect.arrayContaining(["Erika Beraterin", "Aktualisierungslink"]));
    for (const r of records) expect(r[by]).not.toMatch(/^[0-9a-f]{8}-|^update-request:/);
  });

  it("serves a repeated download of one data generation from the read cache, with its file name", async () => {
    const url = "/api/export/events.csv?asOf=2024-01-01";
    const first = await t.app.inject({ url, headers: smr });
    expect(first.statusCode).toBe(200);
    const before = t.app.readCache.stats().hits;
    const again = await t.app.inject({ url, headers: smr });
    expect(t.app.readCache.stats().hits).toBe(before + 1);
    expect(again.body).toBe(first.body);
    expect(again.headers["content-disposition"]).toBe(`attachment; filename="insek-ereignisse-2024-01-01.csv"`);
    expect(again.headers["content-type"]).toBe("text/csv; charset=utf-8");
    // Another reader class gets its own answer (names and internal notes differ by role).
    const other = await t.app.inject({ url, headers: municipality });
    expect(t.app.readCache.stats().hits).toBe(before + 1);
    expect(other.statusCode).toBe(200);
  });

  it("neutralises formulas in notes", async () => {
    const { records } = await csv(`/api/export/events.csv?q=${INJECTION_AGS}`, smr);
    const injected = records.find((r) => r[EVENT_HEADERS.indexOf("Notiz")]?.includes("HYPERLINK"));
    expect(injected?.[EVENT_HEADERS.indexOf("Notiz")]).toBe(`'${INJECTED_NOTE}`);
    expect(injected?.[EVENT_HEADERS.indexOf("Dokument")]).toBe(`'${INJECTED_URL}`);
    expect(injected?.[EVENT_HEADERS.indexOf("Erfasst am")]).toBe("2026-11-25 09:30");
  });
});

describe("invalid export filters", () => {
  const endpoints = ["municipalities.csv", "municipalities.xlsx", "municipalities.geojson", "events.csv"];
  const cases = [
    ["status=bogus", "querystring.status"],
    ["current=maybe", "querystring.current"],
    ["expiring=2", "querystring.expiring"],
    ["stale=yes", "querystring.stale"],
    ["district=145", "querystring.district"],
    ["type=dorf", "querystring.type"],
    ["sort=name;drop", "querystring.sort"],
    ["asOf=2026-02-30", "querystring.asOf"],
    [`q=${"x".repeat(101)}`, "querystring.q"],
  ] as const;

  it.each(endpoints.flatMap((endpoint) => cases.map(([query, path]) => [endpoint, query, path] as const)))(
    "%s?%s answers 400 naming %s",
    async (endpoint, query, path) => {
      const res = await t.app.inject({ method: "GET", url: `/api/export/${endpoint}?${query}`, headers: smr });
      expect(res.statusCode, res.body).toBe(400);
      const body = errorResponseSchema.parse(res.json());
      expect(body.code).toBe("VALIDATION_FAILED");
      expect(body.issues?.map((i) => i.path)).toContain(path);
      expect(res.headers["content-disposition"]).toBeUndefined();
    },
  );
});
