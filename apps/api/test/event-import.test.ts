import {
  EVENT_IMPORT_CONTENT_TYPES,
  errorResponseSchema,
  eventImportFailedSchema,
  eventImportResultSchema,
  municipalityDetailSchema,
  statusEventListSchema,
} from "@insek/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerHeaders } from "./helpers/accounts.js";
import { storedRecordedBy } from "./helpers/recorded-by.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
let writer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  writer = await writerHeaders(t.app);
});
afterAll(async () => {
  await t.close();
});

const HEADER = "AGS;Status;Konzeptart;Wirksam ab;Ratsbeschluss;Dokument;Planungshorizont;Notiz;Quelle";

function upload(payload: string | Buffer, options: { dryRun?: string; contentType?: string } = {}) {
  const query = options.dryRun === undefined ? "" : `?dryRun=${options.dryRun}`;
  return t.app.inject({
    method: "POST",
    url: `/api/import/events${query}`,
    headers: { ...writer, "content-type": options.contentType ?? "text/csv; charset=utf-8" },
    payload,
  });
}

async function eventCount(): Promise<number> {
  const result: unknown = await t.database.db.execute(sql`select count(*)::int as n from status_events`);
  return (result as { rows: { n: number }[] }).rows[0]?.n ?? -1;
}

async function record(ags: string) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}` });
  return municipalityDetailSchema.parse(res.json());
}

async function history(ags: string) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}/events`, headers: writer });
  return statusEventListSchema.parse(res.json()).items;
}

const mixed = [
  HEADER,
  "14522010;in Erstellung;INSEK;01.03.2019;;;2035;Auftakt;Gemeinde",
  "14522010;beschlossen;;2021-06-15;10.06.2021;https://example.org/insek.pdf;;;",
  "14522010;in Fortschreibung;;2025-01-01;;;;;",
  "14522020;als Fördergrundlage anerkannt;INSEK;2022-01-01;;;;;smr",
  "14522999;drafting;INSEK;2020-01-01;;;;;",
  "1452201;drafting;INSEK;31.02.2020;;;;;presse",
  "",
  "14522035;council_adopted;INGEKO;2020-05-01;2020-05-02;;;;",
].join("\n");

describe("POST /api/import/events", () => {
  it("checks every row on a dry run (the default) and writes nothing", async () => {
    const before = await eventCount();
    const res = await upload(mixed);
    expect(res.statusCode, res.body).toBe(200);
    const result = eventImportResultSchema.parse(res.json());
    expect(result).toMatchObject({ dryRun: true, applied: false, summary: { total: 7, ok: 3, failed: 4 } });
    expect(result.rows.map((r) => [r.row, r.ags, r.ok])).toEqual([
      [2, "14522010", true],
      [3, "14522010", true],
      [4, "14522010", true],
      [5, "14522020", false],
      [6, "14522999", false],
      [7, "1452201", false],
      [9, "14522035", false],
    ]);
    const errors = Object.fromEntries(result.rows.map((r) => [r.row, r.errors.map((e) => [e.field, e.code])]));
    expect(errors[5]).toEqual([
      ["Status", "ADOPTION_REQUIRED"],
      ["Status", "INVALID_TRANSITION"],
    ]);
    expect(errors[6]).toEqual([["AGS", "MUNICIPALITY_NOT_FOUND"]]);
    expect(errors[7]).toEqual([
      ["AGS", "INVALID_AGS"],
      ["Wirksam ab", "VALIDATION_FAILED"],
      ["Quelle", "VALIDATION_FAILED"],
    ]);
    expect(errors[9]).toEqual([["Ratsbeschluss", "COUNCIL_RESOLUTION_AFTER_EFFECTIVE"]]);
    expect(await eventCount()).toBe(before);
    expect((await record("14522010")).version).toBe(0);
  });

  it("writes nothing on a real run with one bad row, and answers 422 IMPORT_INVALID with the rows", async () => {
    const before = await eventCount();
    const res = await upload(mixed, { dryRun: "false" });
    expect(res.statusCode, res.body).toBe(422);
    const body = eventImportFailedSchema.parse(res.json());
    expect(body).toMatchObject({ code: "IMPORT_INVALID", dryRun: false, applied: false, summary: { total: 7, ok: 3, failed: 4 } });
    expect(body.rows[0]).toMatchObject({ row: 2, ok: true });
    expect(await eventCount()).toBe(before);
    expect(await history("14522010")).toEqual([]);
    expect((await record("14522010")).version).toBe(0);
  });

  it("applies a good file: all rows, in file order, each building on the one before", async () => {
    const good = [
      HEADER,
      "14522010;in Erstellung;INSEK;01.03.2019;;;2035;Auftakt;Gemeinde",
      "14522010;beschlossen;;2021-06-15;10.06.2021;https://example.org/insek.pdf;;;",
      "14522010;Fördergrundlage;;2022-02-01;;;;;SMR",
      "14522020;kein Konzept;;2018-01-01;;;;;fs_inge",
    ].join("\r\n");
    const before = await eventCount();
    const res = await upload(`\uFEFF${good}`, { dryRun: "false" });
    expect(res.statusCode, res.body).toBe(200);
    expect(eventImportResultSchema.parse(res.json())).toMatchObject({ dryRun: false, applied: true, summary: { total: 4, ok: 4, failed: 0 } });
    expect(await eventCount()).toBe(before + 4);

    const events = await history("14522010");
    expect(events.map((e) => [e.status, e.conceptKind, e.effectiveDate, e.source, e.version])).toEqual([
      ["drafting", "INSEK", "2019-03-01", "municipality", 1],
      ["council_adopted", "INSEK", "2021-06-15", "import", 2],
      ["funding_eligible", "INSEK", "2022-02-01", "smr", 3],
    ]);
    expect(events[0]).toMatchObject({ note: "Auftakt", horizonYear: 2035, recordedAt: "2026-11-25T09:00:00.000Z", recordedBy: expect.stringMatching(/^writer-/) as unknown });
    expect(events[1]).toMatchObject({ councilResolutionDate: "2021-06-10", documentUrl: "https://example.org/insek.pdf" });
    for (const event of events) {
      const stored = await storedRecordedBy(t.app.deps.database.db, event.id);
      expect(stored).toMatchObject({ email: expect.stringMatching(/^writer-/) as unknown, via: "import", updateRequestId: null });
      expect(stored.legacy).toBe(stored.userId);
    }
    expect((await record("14522010")).record).toMatchObject({ status: "funding_eligible", currentUntil: "2031-06-09", version: 3 });
    expect((await record("14522020")).record).toMatchObject({ status: "none", source: "fs_inge", version: 1 });
  });

  it("reads comma-separated files and English keys", async () => {
    const csv = ["ags,status,conceptKind,effectiveDate", '14522050,drafting,INGEKO,"2024-01-01"'].join("\n");
    const res = await upload(csv, { dryRun: "false" });
    expect(res.statusCode, res.body).toBe(200);
    expect((await record("14522050")).record).toMatchObject({ status: "drafting", conceptKind: "INGEKO", source: "import" });
  });

  it("reads XLSX, with date cells, number cells and extra columns", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Status");
    sheet.addRow(["AGS", "Gemeinde", "Status", "Konzeptart", "Wirksam ab", "Ratsbeschluss", "Planungshorizont", "Quelle"]);
    sheet.addRow([14522060, "Burgstädt", "in Erstellung", "INSEK", new Date(Date.UTC(2019, 2, 1)), null, 2035, "fs_inge"]);
    sheet.addRow(["14522060", "Burgstädt", "beschlossen", null, "15.06.2021", new Date(Date.UTC(2021, 5, 10)), null, null]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());

    const dry = await upload(data, { contentType: EVENT_IMPORT_CONTENT_TYPES.xlsx });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(eventImportResultSchema.parse(dry.json()).rows.map((r) => [r.row, r.ok])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(await history("14522060")).toEqual([]);

    const real = await upload(data, { contentType: EVENT_IMPORT_CONTENT_TYPES.xlsx, dryRun: "false" });
    expect(real.statusCode, real.body).toBe(200);
    expect((await history("14522060")).map((e) => [e.status, e.effectiveDate, e.councilResolutionDate, e.horizonYear])).toEqual([
      ["drafting", "2019-03-01", null, 2035],
      ["council_adopted", "2021-06-15", "2021-06-10", null],
    ]);
  });

  it("reports rule errors of XLSX rows with the sheet's row numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Status");
    sheet.addRow(["AGS", "Status", "Konzeptart", "Wirksam ab"]);
    sheet.addRow([]);
    sheet.addRow(["14522450", "drafting", "INSEK", "2024-01-01"]);
    const data = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(data, { contentType: EVENT_IMPORT_CONTENT_TYPES.xlsx });
    const result = eventImportResultSchema.parse(res.json());
    expect(result.rows).toEqual([
      { row: 3, ags: "14522450", ok: false, errors: [{ field: "Wirksam ab", code: "MUNICIPALITY_NOT_EXISTING_ON_DATE", message: expect.any(String) as string }] },
    ]);
  });

  it.each([
    ["an empty file", "", "text/csv"],
    ["a file without the AGS column", "Gemeinde;Status\nOstrau;drafting", "text/csv"],
    ["a header without rows", HEADER, "text/csv"],
    ["text that is not UTF-8", Buffer.from([0x41, 0x47, 0x53, 0x3b, 0x53, 0x74, 0x61, 0x74, 0x75, 0x73, 0x0a, 0xe4, 0x3b, 0xfc]), "text/csv"],
    ["an unclosed quote", `${HEADER}\n"14522010;drafting`, "text/csv"],
    ["a CSV sent as XLSX", `${HEADER}\n14522010;drafting;INSEK;2020-01-01;;;;;`, EVENT_IMPORT_CONTENT_TYPES.xlsx],
  ])("answers 400 IMPORT_UNREADABLE to %s", async (_name, payload, contentType) => {
    const res = await upload(payload, { contentType });
    expect(res.statusCode, res.body).toBe(400);
    expect(errorResponseSchema.parse(res.json()).code).toBe("IMPORT_UNREADABLE");
  });

  it("answers 415 to other content types, 413 above 5 MB and 400 to a bad dryRun", async () => {
    const json = await t.app.inject({ method: "POST", url: "/api/import/events", headers: writer, payload: { rows: [] } });
    expect(json.statusCode).toBe(415);
    expect(errorResponseSchema.parse(json.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const plain = await upload(HEADER, { contentType: "text/plain" });
    expect(plain.statusCode).toBe(415);
    const big = await upload(`${HEADER}\n${"14522010;drafting;INSEK;2020-01-01;;;;x;\n".repeat(140_000)}`);
    expect(big.statusCode).toBe(413);
    expect(errorResponseSchema.parse(big.json()).code).toBe("PAYLOAD_TOO_LARGE");
    const bad = await upload(`${HEADER}\n14522010;drafting;INSEK;2020-01-01;;;;;`, { dryRun: "maybe" });
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).issues?.[0]?.path).toBe("querystring.dryRun");
  });
});
