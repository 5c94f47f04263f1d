import {
  associationDetailSchema,
  associationListSchema,
  errorResponseSchema,
  municipalityDetailSchema,
  municipalityListSchema,
} from "@insek/contracts";
import { parseGv100ad } from "@insek/refdata";
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importDirectory } from "../src/modules/registry/registry-import.service.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, sessionFor } from "./helpers/accounts.js";
import { SYNTHETIC_CHANGES, editedDirectory2026 } from "./helpers/synthetic-directory.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

const KLOSTERWASSER = "146255501";
const OSTRAU_VG = "145225123";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: "GET", url, headers });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return res;
}

async function error(url: string, status: number) {
  const res = await t.app.inject({ method: "GET", url });
  expect(res.statusCode, res.body).toBe(status);
  return errorResponseSchema.parse(res.json());
}

function parseCsv(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true, relax_column_count: false });
}

const associations = async (query = "") => associationListSchema.parse((await get(`/api/associations${query}`)).json()).items;

describe("GET /api/associations", () => {
  it("lists today's 70 associations (64 VG, 6 VV) with their 179 members", async () => {
    const items = await associations();
    expect(items).toHaveLength(70);
    expect(items.filter((a) => a.type === "verwaltungsgemeinschaft")).toHaveLength(64);
    expect(items.filter((a) => a.type === "verwaltungsverband")).toHaveLength(6);
    expect(items.flatMap((a) => a.members)).toHaveLength(179);
    expect(items.map((a) => a.key)).toEqual(items.map((a) => a.key).sort());
    expect(items.find((a) => a.key === KLOSTERWASSER)).toEqual({
      key: KLOSTERWASSER,
      name: "Am Klosterwasser",
      type: "verwaltungsverband",
      districtKey: "14625",
      seat: "Panschwitz-Kuckau",
      fulfillingAgs: null,
      members: [
        { ags: "14625080", name: "Crostwitz / Chrósćicy", displayName: "Crostwitz" },
        { ags: "14625350", name: "Nebelschütz / Njebjelčicy", displayName: "Nebelschütz" },
        { ags: "14625440", name: "Panschwitz-Kuckau / Pančicy-Kukow", displayName: "Panschwitz-Kuckau" },
        { ags: "14625470", name: "Räckelwitz / Worklecy", displayName: "Räckelwitz" },
        { ags: "14625500", name: "Ralbitz-Rosenthal / Ralbicy-Róžant", displayName: "Ralbitz-Rosenthal" },
      ],
    });
    expect(items.find((a) => a.key === "145215103")).toMatchObject({
      name: "Burkhardtsdorf",
      type: "verwaltungsgemeinschaft",
      fulfillingAgs: "14521120",
      members: [{ ags: "14521040" }, { ags: "14521120" }, { ags: "14521230" }],
    });
  });

  it("answers for a past date with the associations and members of that day: VG Ostrau until 2022", async () => {
    const then = await associations("?asOf=2022-12-31");
    expect(then).toHaveLength(71);
    expect(then.flatMap((a) => a.members)).toHaveLength(181);
    expect(then.find((a) => a.key === OSTRAU_VG)?.members.map((m) => m.ags)).toEqual(["14522450", "14522620"]);
    expect((await associations("?asOf=2023-01-01")).some((a) => a.key === OSTRAU_VG)).toBe(false);
  });

  it("refuses an impossible date with the field named", async () => {
    const body = await error("/api/associations?asOf=2026-02-30", 400);
    expect(body.issues?.map((i) => i.path)).toContain("querystring.asOf");
  });
});

describe("GET /api/associations/:key", () => {
  it("returns a dissolved association with its members over time", async () => {
    const body = associationDetailSchema.parse((await get(`/api/associations/${OSTRAU_VG}`)).json());
    expect(body).toMatchObject({ key: OSTRAU_VG, name: "Ostrau", validFrom: null, validTo: "2023-01-01", fulfillingAgs: "14522450" });
    expect(body.members).toEqual([
      { ags: "14522450", name: "Ostrau", displayName: "Ostrau", validFrom: null, validTo: "2023-01-01" },
      { ags: "14522620", name: "Zschaitz-Ottewig", displayName: "Zschaitz-Ottewig", validFrom: null, validTo: "2023-01-01" },
    ]);
  });

  it("returns a current one with five open memberships", async () => {
    const body = associationDetailSchema.parse((await get(`/api/associations/${KLOSTERWASSER}`)).json());
    expect(body.validTo).toBeNull();
    expect(body.members).toHaveLength(5);
    expect(body.members.every((m) => m.validFrom === null && m.validTo === null)).toBe(true);
  });

  it("answers 400 INVALID_ASSOCIATION_KEY for a malformed key and 404 ASSOCIATION_NOT_FOUND for an unknown one", async () => {
    for (const key of ["14625550", "1462555011", "abcdefghi", "14625%2055"]) {
      const body = await error(`/api/associations/${key}`, 400);
      expect(body.code).toBe("INVALID_ASSOCIATION_KEY");
      expect(body.issues?.[0]?.path).toBe("params.key");
    }
    expect((await error("/api/associations/146259999", 404)).code).toBe("ASSOCIATION_NOT_FOUND");
  });
});

describe("associations in the municipality detail, the list and the exports", () => {
  const detail = async (ags: string, query = "") =>
    municipalityDetailSchema.parse((await get(`/api/municipalities/${ags}${query}`)).json());

  it("GET /api/municipalities/:ags names its association, or null", async () => {
    expect((await detail("14625080")).association).toEqual({ key: KLOSTERWASSER, name: "Am Klosterwasser", type: "verwaltungsverband" });
    expect((await detail("14521120")).association).toEqual({ key: "145215103", name: "Burkhardtsdorf", type: "verwaltungsgemeinschaft" });
    expect((await detail("14511000")).association).toBeNull();
    // A dissolved municipality shows the association of its last day; its successor belongs to none.
    expect((await detail("14522450")).association).toMatchObject({ key: OSTRAU_VG, name: "Ostrau" });
    expect((await detail("14522275")).association).toBeNull();
  });

  it("GET /api/municipalities?association= lists the members on the date", async () => {
    const now = municipalityListSchema.parse((await get(`/api/municipalities?association=${KLOSTERWASSER}&sort=ags`)).json());
    expect(now.total).toBe(5);
    expect(now.items.map((m) => m.ags)).toEqual(["14625080", "14625350", "14625440", "14625470", "14625500"]);
    const then = municipalityListSchema.parse((await get(`/api/municipalities?association=${OSTRAU_VG}&asOf=2022-12-31`)).json());
    expect(then.items.map((m) => m.ags)).toEqual(["14522450", "14522620"]);
    const gone = municipalityListSchema.parse((await get(`/api/municipalities?association=${OSTRAU_VG}`)).json());
    expect(gone.total).toBe(0);
    // Combined with the other filters.
    const towns = municipalityListSchema.parse((await get("/api/municipalities?association=146255231&type=stadt")).json());
    expect(towns.items.map((m) => m.ags)).toEqual(["14625450"]);
  });

  it("refuses a malformed association filter with the field named", async () => {
    const body = await error("/api/municipalities?association=1462555", 400);
    expect(body.issues?.map((i) => i.path)).toContain("querystring.association");
    await error("/api/export/municipalities.csv?association=x", 400);
  });

  it("the CSV export filters by association and has the association column", async () => {
    const res = await get(`/api/export/municipalities.csv?association=${KLOSTERWASSER}&sort=ags`);
    const [header, ...rows] = parseCsv(res.body);
    const column = header?.indexOf("Verwaltungsgemeinschaft/-verband") ?? -1;
    expect(column).toBeGreaterThan(0);
    expect(rows.map((r) => [r[0], r[column]])).toEqual([
      ["14625080", "Am Klosterwasser"],
      ["14625350", "Am Klosterwasser"],
      ["14625440", "Am Klosterwasser"],
      ["14625470", "Am Klosterwasser"],
      ["14625500", "Am Klosterwasser"],
    ]);
    const all = parseCsv((await get("/api/export/municipalities.csv")).body);
    const named = all.slice(1).filter((r) => r[column] !== "");
    expect(named).toHaveLength(179);
    expect(all.find((r) => r[0] === "14511000")?.[column]).toBe("");
  });

  it("the XLSX export has the association column and names the filter", async () => {
    const res = await get(`/api/export/municipalities.xlsx?association=${KLOSTERWASSER}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Gemeinden");
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    const column = header.indexOf("Verwaltungsgemeinschaft/-verband") + 1;
    expect(column).toBeGreaterThan(0);
    expect(sheet?.rowCount).toBe(6);
    expect(sheet?.getRow(2).getCell(column).value).toBe("Am Klosterwasser");
    const notes = book.getWorksheet("Hinweise");
    const texts: string[] = [];
    notes?.eachRow((row) => texts.push((row.values as unknown[]).join(" ")));
    expect(texts.join("\n")).toContain(`Verwaltungsgemeinschaft/-verband ${KLOSTERWASSER}`);
  });
});

describe("access: like the registry's reads", () => {
  it("anonymous readers need public access; signed-in readers always read", async () => {
    const account = await addAccount(t.database.db, { email: "leser@smr.test.example", role: "smr" });
    try {
      await writePublicAccess(t.database.db, false, fixedClock());
      for (const url of ["/api/associations", `/api/associations/${KLOSTERWASSER}`]) {
        expect((await t.app.inject({ url })).statusCode).toBe(401);
        const signedIn = await sessionFor(t.app, account.id);
        expect((await t.app.inject({ url, headers: signedIn.headers })).statusCode).toBe(200);
      }
    } finally {
      await writePublicAccess(t.database.db, true, fixedClock());
    }
    expect((await t.app.inject({ url: "/api/associations" })).statusCode).toBe(200);
  });
});

describe("after a directory import with association changes", () => {
  let s: TestApp;
  beforeAll(async () => {
    s = await createTestApp();
  });
  afterAll(async () => {
    await s.close();
  });
  const read = async (url: string) => {
    const res = await s.app.inject({ url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<unknown>();
  };

  it("the reads follow the import at once (cached answers included), with members over time", async () => {
    const before = associationListSchema.parse(await read("/api/associations"));
    expect(before.items.some((a) => a.key === "147305399")).toBe(false);

    const edited = parseGv100ad(editedDirectory2026(SYNTHETIC_CHANGES));
    await importDirectory(s.database.db, edited, { land: "14", dryRun: false, source: "synthetic" });

    const after = associationListSchema.parse(await read("/api/associations"));
    expect(after.items).toHaveLength(70);
    expect(after.items.find((a) => a.key === "147305399")?.members.map((m) => m.ags)).toEqual(["14730010", "14730030"]);
    expect(after.items.some((a) => a.key === "147305302")).toBe(false);
    expect(after.items.find((a) => a.key === KLOSTERWASSER)?.name).toBe("Am Klosterwasser (umbenannt)");

    const burkhardtsdorf = associationDetailSchema.parse(await read("/api/associations/145215103"));
    expect(burkhardtsdorf.members.map((m) => [m.ags, m.validFrom, m.validTo])).toEqual([
      ["14521040", null, null],
      ["14521120", null, null],
      ["14521230", null, null],
      ["14521340", "2026-06-01", null],
    ]);
    const baerenstein = associationDetailSchema.parse(await read("/api/associations/145215101"));
    expect(baerenstein.members.map((m) => [m.ags, m.validFrom, m.validTo])).toEqual([
      ["14521060", null, null],
      ["14521340", null, "2026-06-01"],
    ]);
    expect(associationDetailSchema.parse(await read("/api/associations/147305302")).validTo).toBe("2026-06-01");

    const königswalde = (query: string) => read(`/api/municipalities/14521340${query}`).then((b) => municipalityDetailSchema.parse(b).association?.key);
    expect(await königswalde("")).toBe("145215103");
    expect(await königswalde("?asOf=2026-05-31")).toBe("145215101");
    const listed = (query: string) => read(`/api/municipalities?association=145215101${query}`).then((b) => municipalityListSchema.parse(b).total);
    expect(await listed("")).toBe(1);
    expect(await listed("&asOf=2026-05-31")).toBe(2);
  });

  it("a change of the association tables alone (as the seed into an existing registry) reaches cached reads", async () => {
    const name = async () =>
      associationListSchema.parse(await read("/api/associations")).items.find((a) => a.key === "145215103")?.name;
    const detail = async () => municipalityDetailSchema.parse(await read("/api/municipalities/14521120")).association?.name;
    expect(await name()).toBe("Burkhardtsdorf");
    expect(await detail()).toBe("Burkhardtsdorf");
    await s.database.db.execute(sql`update associations set name = 'Burkhardtsdorf (neu)' where key = '145215103'`);
    expect(await name()).toBe("Burkhardtsdorf (neu)");
    expect(await detail()).toBe("Burkhardtsdorf (neu)");
  });
});
