import { EVENT_IMPORT_CONTENT_TYPES, errorResponseSchema, eventImportResultSchema } from "@insek/contracts";
import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TABLE_LIMITS } from "../src/lib/uploads/upload-limits.js";
import { readTable } from "../src/modules/event-import/read-table.js";
import { writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";
import { dataRow, xlsxBomb, xlsxWithRows, zipOfTexts } from "./helpers/xlsx-files.js";

/**
 * The bounds of an upload (lib/uploads) on the bulk import, in process: each bound answers its own
 * code in the error shape, and nothing of the file is quoted back unbounded. The files here are small
 * enough that a regression fails a test rather than this process; the memory attacks themselves (zip
 * bombs of gigabytes, the 300 MB cell) run against a child process: upload-bomb.test.ts.
 */

let t: TestApp;
let writer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  writer = await writerHeaders(t.app);
});
afterAll(async () => {
  await t.close();
});

const XLSX = EVENT_IMPORT_CONTENT_TYPES.xlsx;
const HEADER = "AGS;Status;Konzeptart;Wirksam ab;Ratsbeschluss;Dokument;Planungshorizont;Notiz;Quelle";

function upload(payload: string | Buffer, contentType: string = "text/csv", dryRun = "true") {
  return t.app.inject({ method: "POST", url: `/api/import/events?dryRun=${dryRun}`, headers: { ...writer, "content-type": contentType }, payload });
}

async function eventCount(): Promise<number> {
  const result: unknown = await t.database.db.execute(sql`select count(*)::int as n from status_events`);
  return (result as { rows: { n: number }[] }).rows[0]?.n ?? -1;
}

function expectRefused(res: { statusCode: number; body: string; json: () => unknown; headers: Record<string, unknown> }, status: number, code: string) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(status);
  const body = errorResponseSchema.parse(res.json());
  expect(body).toMatchObject({ statusCode: status, code });
  expect(body.requestId).toBe(res.headers["x-request-id"]);
  // Never the file quoted back.
  expect(res.body.length).toBeLessThan(1000);
}

async function workbook(rows: unknown[][], sheets = 1): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const sheet = book.addWorksheet(`S${s + 1}`);
    for (const row of rows) sheet.addRow(row);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

describe("upload bounds of POST /api/import/events", () => {
  it("refuses a part that inflates to more than its directory declares (the sizes lie) with 413", async () => {
    // Small enough that a regression costs this process little (the large bombs: upload-bomb.test.ts).
    const liar = xlsxBomb({ unpackedMiB: 6, declaredSize: 4096 });
    expectRefused(await upload(liar, XLSX), 413, "UNPACKED_TOO_LARGE");
  });

  it("refuses a long cell and never quotes it back (the 300 MB cell: upload-bomb.test.ts)", async () => {
    expectRefused(await upload(xlsxWithRows(dataRow("14522010", "x".repeat(900_000), 2)), XLSX), 422, "CELL_TOO_LONG");
  });

  it("refuses a part packed tighter than any spreadsheet with 413 COMPRESSION_RATIO_TOO_HIGH", async () => {
    expectRefused(await upload(xlsxBomb({ unpackedMiB: 6 }), XLSX), 413, "COMPRESSION_RATIO_TOO_HIGH");
  });

  it("refuses an archive of more parts than a workbook has with 413 ARCHIVE_TOO_MANY_ENTRIES", async () => {
    const files = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`xl/part${i}.xml`, "<a/>"]));
    expectRefused(await upload(zipOfTexts(files), XLSX), 413, "ARCHIVE_TOO_MANY_ENTRIES");
  });

  it("refuses more worksheets, rows, columns or cell characters than an import takes with 422 and a code each", async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => dataRow("14522010", "drafting", i + 2)).join("");
    expectRefused(await upload(xlsxWithRows(rows(2), { sheets: TABLE_LIMITS.maxSheets + 1 }), XLSX), 422, "TOO_MANY_SHEETS");
    expectRefused(await upload(xlsxWithRows(rows(TABLE_LIMITS.maxRows + 1)), XLSX), 422, "TOO_MANY_ROWS");
    // One cell far to the right would make every row that wide.
    const wide = `<row r="1"><c r="A1" t="inlineStr"><is><t>AGS</t></is></c><c r="XFD1" t="inlineStr"><is><t>Status</t></is></c></row>`;
    expectRefused(await upload(xlsxWithRows(rows(1), { header: wide }), XLSX), 422, "TOO_MANY_COLUMNS");
    const long = "x".repeat(TABLE_LIMITS.maxCellChars + 1);
    // A shared string (ExcelJS writes text cells so) and an inline string.
    expectRefused(await upload(await workbook([["AGS", "Status"], ["14522010", long]]), XLSX), 422, "CELL_TOO_LONG");
    expectRefused(await upload(xlsxWithRows(dataRow("14522010", long, 2)), XLSX), 422, "CELL_TOO_LONG");
    // The largest workbook and CSV allowed are read (by the reader alone: applying 10,000 rows is another test's subject).
    expect((await readTable("xlsx", xlsxWithRows(rows(TABLE_LIMITS.maxRows)))).rows).toHaveLength(TABLE_LIMITS.maxRows);
    const csv = `${HEADER}\n${"14522010;drafting\n".repeat(TABLE_LIMITS.maxRows)}`;
    expect((await readTable("csv", Buffer.from(csv))).rows).toHaveLength(TABLE_LIMITS.maxRows);
  });

  it("bounds CSV the same way: rows, columns, cell and line length", async () => {
    const before = await eventCount();
    const row = "14522010;drafting;INSEK;2020-01-01;;;;;";
    expectRefused(await upload(`${HEADER}\n${`${row}\n`.repeat(TABLE_LIMITS.maxRows + 1)}`, "text/csv", "false"), 422, "TOO_MANY_ROWS");
    expectRefused(await upload(`${HEADER}${";x".repeat(TABLE_LIMITS.maxColumns)}\n${row}`), 422, "TOO_MANY_COLUMNS");
    expectRefused(await upload(`${HEADER}\n14522010;drafting;;;;;;${"n".repeat(TABLE_LIMITS.maxCellChars + 1)};`), 422, "CELL_TOO_LONG");
    expectRefused(await upload(`${HEADER}\n${";".repeat(TABLE_LIMITS.maxLineChars + 1)}`), 422, "LINE_TOO_LONG");
    // A quoted cell spanning lines is bounded as well.
    expectRefused(await upload(`${HEADER}\n14522010;drafting;;;;;;"${"a\n".repeat(TABLE_LIMITS.maxLineChars)}";`), 422, "CELL_TOO_LONG");
    expect(await eventCount()).toBe(before);
  });

  it("quotes a cell in a row error at most 200 characters long", async () => {
    const cell = `${"Ü".repeat(150)}${"z".repeat(TABLE_LIMITS.maxCellChars - 150)}`;
    for (const payload of [`${HEADER}\n14522010;${cell};INSEK;2020-01-01;;;;;`, `${HEADER}\n14522010;drafting;INSEK;${cell};;;;;`]) {
      const res = await upload(payload);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
      const result = eventImportResultSchema.parse(res.json());
      const message = result.rows[0]?.errors[0]?.message ?? "";
      expect(message).toContain("Ü".repeat(150));
      expect(message).not.toContain("z".repeat(201));
      expect(res.body.length).toBeLessThan(1000);
    }
    const agsCell = "9".repeat(TABLE_LIMITS.maxCellChars);
    const res = await upload(`${HEADER}\n${agsCell};drafting;INSEK;2020-01-01;;;;;`);
    expect(res.statusCode).toBe(200);
    expect(eventImportResultSchema.parse(res.json()).rows[0]?.ags?.length).toBeLessThan(260);
  });

  it("takes only content whose bytes are what the Content-Type says (415 CONTENT_TYPE_MISMATCH)", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ffa9f7a8d40000000049454e44ae426082", "hex");
    expectRefused(await upload(png, "text/csv"), 415, "CONTENT_TYPE_MISMATCH");
    expectRefused(await upload(await workbook([["AGS", "Status"]]), "text/csv"), 415, "CONTENT_TYPE_MISMATCH");
    expectRefused(await upload(zipOfTexts({ "readme.txt": "not a workbook" }), XLSX), 415, "CONTENT_TYPE_MISMATCH");
  });
});
