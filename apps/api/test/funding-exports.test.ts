import { atRiskListSchema } from "@insek/contracts";
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerHeaders } from "./helpers/accounts.js";
import { recordFixtureEvent } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/*
 * The funding columns of the municipality exports (decision 0034): programmes with a running measure on the
 * export's date, how many run, how many are at risk (as GET /api/measures/at-risk counts them). Test clock:
 * 2026-11-25; rules: current 10 years after the resolution, expiring within 12 months.
 *
 * - Leipzig adopted 2017-03-01: current until 2027-02-28, expiring. Measures: Lebendige Zentren 2020– (running,
 *   at risk: expiring), LEADER 2023– (running, needs no concept).
 * - Dresden adopted 2025-05-15: current. Sozialer Zusammenhalt 2021– (running); Lebendige Zentren 2010–2020 (settled).
 * - Chemnitz: no concept. Wachstum und nachhaltige Erneuerung 2022– (running, at risk); Soziale Stadt 2012– (paused).
 */

const LEIPZIG = "14713000";
const DRESDEN = "14612000";
const CHEMNITZ = "14511000";
const HEADERS = ["Programme", "Maßnahmen laufend", "Maßnahmen gefährdet"] as const;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const adopted = (ags: string, date: string) =>
    recordFixtureEvent(db, { ags, status: "council_adopted", effectiveDate: date, councilResolutionDate: date, recordedAt: `${date}T12:00:00Z` });
  await adopted(LEIPZIG, "2017-03-01");
  await adopted(DRESDEN, "2025-05-15");
  const smr = await writerHeaders(t.app);
  const measures = [
    { ags: LEIPZIG, programmeId: "lebendige-zentren", name: "Innenstadt", startYear: 2020, state: "running" },
    { ags: LEIPZIG, programmeId: "leader", name: "Ortsteile", startYear: 2023, state: "running" },
    { ags: DRESDEN, programmeId: "sozialer-zusammenhalt", name: "Prohlis", startYear: 2021, state: "running" },
    { ags: DRESDEN, programmeId: "lebendige-zentren", name: "Altstadt", startYear: 2010, endYear: 2020, state: "settled" },
    { ags: CHEMNITZ, programmeId: "wachstum-nachhaltige-erneuerung", name: "Sonnenberg", startYear: 2022, state: "running" },
    { ags: CHEMNITZ, programmeId: "soziale-stadt", name: "Hutholz", startYear: 2012, state: "paused" },
  ];
  for (const payload of measures) {
    const res = await t.app.inject({ method: "POST", url: "/api/measures", headers: smr, payload });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

function parseCsv(text: string): string[][] {
  return parse(text, { delimiter: ";", bom: true });
}

async function csvRows(query = ""): Promise<Map<string, Record<string, string>>> {
  const res = await t.app.inject({ url: `/api/export/municipalities.csv${query}` });
  expect(res.statusCode, res.body).toBe(200);
  const [header = [], ...records] = parseCsv(res.body);
  return new Map(records.map((r) => [r[0] ?? "", Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]))]));
}

describe("the municipality exports' funding columns", () => {
  it("CSV: appended after the existing columns; programmes, running and at risk on today", async () => {
    const res = await t.app.inject({ url: "/api/export/municipalities.csv" });
    const header = parseCsv(res.body)[0] ?? [];
    expect(header.slice(-3)).toEqual(HEADERS);
    expect(header.indexOf("Gebietskonzepte")).toBe(header.length - 4);

    const rows = await csvRows();
    const funding = (ags: string) => HEADERS.map((h) => rows.get(ags)?.[h]);
    expect(funding(LEIPZIG)).toEqual(["leader, lebendige-zentren", "2", "1"]);
    expect(funding(DRESDEN)).toEqual(["sozialer-zusammenhalt", "1", "0"]);
    expect(funding(CHEMNITZ)).toEqual(["wachstum-nachhaltige-erneuerung", "1", "1"]);
    expect(funding("14627060")).toEqual(["", "0", "0"]);

    // The at-risk column adds up to the at-risk list of the same day.
    const atRisk = atRiskListSchema.parse((await t.app.inject({ url: "/api/measures/at-risk" })).json());
    const sum = [...rows.values()].reduce((n, r) => n + Number(r["Maßnahmen gefährdet"]), 0);
    expect(sum).toBe(atRisk.total);
    expect(atRisk.total).toBe(2);
  });

  it("follows the export's date: in 2019 no running measure had started yet", async () => {
    const rows = await csvRows("?asOf=2019-06-30");
    for (const ags of [LEIPZIG, DRESDEN, CHEMNITZ]) {
      expect(HEADERS.map((h) => rows.get(ags)?.[h])).toEqual(["", "0", "0"]);
    }
    const in2023 = await csvRows("?asOf=2023-06-30&district=14713");
    expect(in2023.get(LEIPZIG)?.Programme).toBe("leader, lebendige-zentren");
    // Leipzig's adoption of 2017 was current and not yet expiring in mid-2023.
    expect(in2023.get(LEIPZIG)?.["Maßnahmen gefährdet"]).toBe("0");
  });

  it("XLSX: typed cells in the same columns, and a note on the sheet Hinweise", async () => {
    const res = await t.app.inject({ url: "/api/export/municipalities.xlsx?district=14511" });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet("Gemeinden");
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(-3)).toEqual(HEADERS);
    const row = sheet?.getRow(2);
    expect(row?.getCell(1).value).toBe(CHEMNITZ);
    expect(HEADERS.map((h) => row?.getCell(header.indexOf(h) + 1).value)).toEqual(["wachstum-nachhaltige-erneuerung", 1, 1]);
    const notes: string[] = [];
    book.getWorksheet("Hinweise")?.eachRow((r) => notes.push((r.values as unknown[]).slice(1).join(" | ")));
    expect(notes.join("\n")).toContain("Förderung | Programme: Programme mit einer am Stand laufenden Maßnahme");
  });

  it("GeoJSON: programmes, measuresRunning and measuresAtRisk as properties", async () => {
    const res = await t.app.inject({ url: "/api/export/municipalities.geojson" });
    const body = res.json<{ features: { id: string; properties: Record<string, unknown> }[] }>();
    const props = (ags: string) => body.features.find((f) => f.id === ags)?.properties;
    expect(props(LEIPZIG)).toMatchObject({ programmes: ["leader", "lebendige-zentren"], measuresRunning: 2, measuresAtRisk: 1 });
    expect(props(DRESDEN)).toMatchObject({ programmes: ["sozialer-zusammenhalt"], measuresRunning: 1, measuresAtRisk: 0 });
    expect(props("14627060")).toMatchObject({ programmes: [], measuresRunning: 0, measuresAtRisk: 0 });
    // The existing properties stay.
    expect(Object.keys(props(LEIPZIG) ?? {})).toEqual(expect.arrayContaining(["ags", "status", "current", "expiring", "asOf"]));
  });
});
