import { readFileSync } from "node:fs";
import { errorResponseSchema, measureImportFailedSchema, measureImportResultSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor, writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/** POST /api/measures/import with the programme lists in test/fixtures/funding (decision 0034). */

let t: TestApp;
let smr: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  smr = await writerHeaders(t.app);
});
afterAll(async () => {
  await t.close();
});

const fixture = (name: string) => readFileSync(new URL(`./fixtures/funding/${name}`, import.meta.url));

function multipart(file: { name: string; content: Buffer; field?: string } | null, fields: Record<string, string> = {}) {
  const boundary = `----insek${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "file"}"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      file.content,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function upload(name: string, options: { dryRun?: boolean; query?: string; headers?: Record<string, string>; content?: Buffer } = {}) {
  const body = multipart({ name, content: options.content ?? fixture(name) });
  const query = [`dryRun=${options.dryRun ?? false}`, options.query].filter(Boolean).join("&");
  return t.app.inject({
    method: "POST",
    url: `/api/measures/import?${query}`,
    headers: { ...(options.headers ?? smr), "content-type": body.contentType },
    payload: body.payload,
  });
}

interface Counts {
  measures: number;
  amounts: number;
  audit: number;
}

async function counts(): Promise<Counts> {
  const [row] = await queryRows<Counts>(
    t.database.db,
    sql`select (select count(*)::int from measures) as measures, (select count(*)::int from measure_amounts) as amounts,
          (select count(*)::int from audit_log where action like 'measure%') as audit`,
  );
  return row ?? { measures: -1, amounts: -1, audit: -1 };
}

async function measuresNamed(name: string) {
  return queryRows<{ id: number; ags: string; programmeId: string; state: string; startYear: number; origin: string; year: number; federal: string }>(
    t.database.db,
    sql`select m.id::int as id, m.ags, m.programme_id as "programmeId", m.state, m.start_year as "startYear", m.origin, a.year, a.federal::text as federal
        from measures m left join measure_amounts a on a.measure_id = m.id where m.name = ${name} order by m.ags, a.year`,
  );
}

describe("a programme list as CSV", () => {
  it("a dry run reports every row, matching umlauts, suffixes and variants, and writes nothing", async () => {
    const before = await counts();
    const res = await upload("programmliste-2024.csv", { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const result = measureImportResultSchema.parse(res.json());
    expect(result).toMatchObject({ dryRun: true, applied: false });
    expect(result.rows.map((r) => [r.row, r.ags, r.programmeId, r.outcome])).toEqual([
      [2, "14626290", "lebendige-zentren", "created"], // Große Kreisstadt Löbau
      [3, "14627060", "lebendige-zentren", "created"], // Grossenhain
      [4, "14522180", "sozialer-zusammenhalt", "created"], // Freiberg, Universitätsstadt
      [5, null, null, "skipped"], // Bayern
      [7, "14521440", "wachstum-nachhaltige-erneuerung", "created"], // Kurort Oberwiesenthal (line 6 is empty)
      [8, "14626600", "stadtumbau-ost", "created"], // Weisswasser/OL, SUO
      [9, "14523340", "wachstum-nachhaltige-erneuerung", "created"], // Reichenbach/Vogtl., WNE
    ]);
    expect(result.rows[0]).toMatchObject({ year: 2024, federal: 1_234_567.89, measureId: null, errors: [] });
    expect(result.rows[3]?.reason).toMatchObject({ field: "Land", code: "IMPORT_ROW_NOT_SAXONY" });
    // Oberwiesenthal has fewer than the programme's 2,001 inhabitants: accepted, flagged.
    expect(result.rows[4]?.flags).toContain("below_min_population");
    expect(result.summary).toEqual({ total: 7, ok: 6, skipped: 1, failed: 0, created: 6, updated: 0, unchanged: 0 });
    expect(await counts()).toEqual(before);
  });

  it("a real run writes the measures with their federal amount of the list's year, audited", async () => {
    const before = await counts();
    const res = await upload("programmliste-2024.csv");
    expect(res.statusCode, res.body).toBe(200);
    const result = measureImportResultSchema.parse(res.json());
    expect(result).toMatchObject({ dryRun: false, applied: true });
    expect(result.rows.filter((r) => r.outcome === "created").every((r) => typeof r.measureId === "number")).toBe(true);
    const after = await counts();
    expect(after.measures - before.measures).toBe(6);
    expect(after.amounts - before.amounts).toBe(6);
    // One entry per measure written and one for the import.
    expect(after.audit - before.audit).toBe(7);
    expect(await measuresNamed("Altstadt")).toEqual([
      expect.objectContaining({ ags: "14626290", programmeId: "lebendige-zentren", state: "running", startYear: 2024, origin: "import", year: 2024, federal: "1234567.89" }),
    ]);
    expect((await measuresNamed("Innenstadt"))[0]).toMatchObject({ ags: "14627060", federal: "250000.00" });
  });

  it("the same list again finds its measures: nothing new, nothing duplicated", async () => {
    const before = await counts();
    const res = await upload("programmliste-2024.csv");
    const result = measureImportResultSchema.parse(res.json());
    expect(result.summary).toMatchObject({ created: 0, updated: 0, unchanged: 6, skipped: 1 });
    expect((await counts()).measures).toBe(before.measures);
    expect((await counts()).amounts).toBe(before.amounts);
  });

  it("a list with unusable rows: each with its line and code; the real run writes none of its rows (422)", async () => {
    const before = await counts();
    const res = await upload("programmliste-2024-fehler.csv");
    expect(res.statusCode, res.body).toBe(422);
    const failed = measureImportFailedSchema.parse(res.json());
    expect(failed).toMatchObject({ code: "IMPORT_INVALID", applied: false, dryRun: false });
    const issues = failed.rows.map((r) => [r.row, r.outcome, [...r.errors.map((e) => `${e.field}:${e.code}`), ...(r.reason ? [`${r.reason.field}:${r.reason.code}`] : [])]]);
    expect(issues).toEqual([
      [2, "created", []],
      [3, "error", ["Gemeinde:IMPORT_MUNICIPALITY_NOT_FOUND"]],
      [4, "error", ["Gemeinde:IMPORT_MUNICIPALITY_AMBIGUOUS"]],
      [5, "skipped", ["Land:IMPORT_ROW_NOT_SAXONY"]],
      [6, "error", ["Programm:IMPORT_PROGRAMME_UNKNOWN"]],
      [7, "error", ["Bundesfinanzhilfe:IMPORT_AMOUNT_INVALID"]],
      [8, "error", ["Maßnahme:IMPORT_ROW_DUPLICATE"]],
    ]);
    expect(failed.rows[2]?.errors[0]?.message).toContain("14521450, 14523300");
    expect(failed.rows[6]?.errors[0]?.message).toContain("line 2");
    expect(failed.summary).toMatchObject({ total: 7, ok: 1, skipped: 1, failed: 5 });
    // All or nothing: not even the good row 2 (Pirna) was written.
    expect(await counts()).toEqual(before);
    expect(await measuresNamed("Altstadt")).toHaveLength(1);

    const dry = await upload("programmliste-2024-fehler.csv", { dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(measureImportResultSchema.parse(dry.json()).rows.map((r) => r.outcome)).toEqual(failed.rows.map((r) => r.outcome));
  });

  it("without a year in the file, its name or the query, each row says so; ?year= supplies it", async () => {
    const content = fixture("programmliste-2024.csv");
    const res = await upload("liste.csv", { dryRun: true, content });
    const result = measureImportResultSchema.parse(res.json());
    expect(result.rows.filter((r) => r.outcome !== "skipped").every((r) => r.errors.some((e) => e.field === "Jahr" && e.code === "IMPORT_YEAR_MISSING"))).toBe(true);
    const withYear = measureImportResultSchema.parse((await upload("liste.csv", { dryRun: true, content, query: "year=2025" })).json());
    expect(withYear.rows.filter((r) => r.outcome === "updated")).toHaveLength(6);
    expect(withYear.rows.every((r) => r.outcome === "skipped" || r.year === 2025)).toBe(true);
  });
});

describe("a programme list as XLSX", () => {
  it("finds the header below a title, reads typed and German amounts, AGS, Jahr, Landkreis and Zustand, with sheet row numbers", async () => {
    const res = await upload("programmliste-2023.xlsx", { dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    const result = measureImportResultSchema.parse(res.json());
    expect(result.rows.map((r) => [r.row, r.ags, r.programmeId, r.year, r.federal, r.outcome])).toEqual([
      [4, "14626290", "lebendige-zentren", 2023, 980_000.5, "updated"], // the measure of the 2024 list: a year's amount added
      [5, "14523300", "sozialer-zusammenhalt", 2023, 120_000, "created"], // Oelsnitz, in the Vogtlandkreis
      [6, "14626110", "staedtebaulicher-denkmalschutz", 2019, 1_500_000, "created"],
      [7, "14612000", "lebendige-zentren", 2023, 100, "error"], // AGS of Dresden, name Leipzig
      [8, "14628260", "lebendige-zentren", 2023, 50_000, "created"], // Neustadt i. Sa., Land from the merged cell above
    ]);
    expect(result.rows[3]?.errors).toEqual([expect.objectContaining({ field: "Gemeinde", code: "IMPORT_AGS_NAME_MISMATCH" })]);
  });

  it("a real run with one bad row writes nothing; without it, the amounts are added to the existing measure", async () => {
    const before = await counts();
    expect((await upload("programmliste-2023.xlsx")).statusCode).toBe(422);
    expect(await counts()).toEqual(before);

    // The same workbook without its bad row (row 7), re-saved.
    const ExcelJS = (await import("exceljs")).default;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fixture("programmliste-2023.xlsx") as unknown as ArrayBuffer);
    workbook.worksheets[0]?.spliceRows(7, 1);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload("programmliste-2023.xlsx", { content });
    expect(res.statusCode, res.body).toBe(200);
    expect(measureImportResultSchema.parse(res.json()).summary).toMatchObject({ created: 3, updated: 1, failed: 0 });
    const altstadt = await measuresNamed("Altstadt");
    expect(altstadt.map((a) => [a.ags, a.year, a.federal, a.startYear])).toEqual([
      ["14626290", 2023, "980000.50", 2023],
      ["14626290", 2024, "1234567.89", 2023],
    ]);
    const [stadtkern] = await measuresNamed("Stadtkern");
    expect(stadtkern).toMatchObject({ ags: "14628260", state: "settled" });
    const [goerlitz] = await measuresNamed("Historische Altstadt");
    expect(goerlitz).toMatchObject({ state: "fully_funded", startYear: 2019, federal: "1500000.00" });
  });
});

describe("the upload itself", () => {
  const post = (payload: Buffer | string, contentType: string, headers = smr) =>
    t.app.inject({ method: "POST", url: "/api/measures/import?dryRun=true", headers: { ...headers, "content-type": contentType }, payload });

  it("a malformed multipart body is 400, not 500", async () => {
    const truncated = multipart({ name: "a.csv", content: fixture("programmliste-2024.csv") }).payload.subarray(0, 120);
    const cases = [
      post(truncated, "multipart/form-data; boundary=----nothere"),
      post("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nAGS", "multipart/form-data; boundary=x"),
      post("garbage", "multipart/form-data"),
    ];
    for (const res of await Promise.all(cases)) {
      expect(res.statusCode, res.body).toBe(400);
      expect(errorResponseSchema.parse(res.json()).code).toMatch(/BAD_REQUEST|IMPORT_UNREADABLE/);
    }
  });

  it("no file is 422 IMPORT_FILE_REQUIRED; another content type 415; a PDF 415; a file without the columns 400", async () => {
    const none = multipart(null, { note: "x" });
    const res = await post(none.payload, none.contentType);
    expect(res.statusCode).toBe(422);
    expect(errorResponseSchema.parse(res.json()).code).toBe("IMPORT_FILE_REQUIRED");
    const other = multipart({ name: "a.csv", content: fixture("programmliste-2024.csv"), field: "upload" });
    expect((await post(other.payload, other.contentType)).statusCode).toBe(422);
    expect((await post("Land;Gemeinde\n", "text/csv")).statusCode).toBe(415);
    const pdf = await upload("a.pdf", { dryRun: true, content: Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "latin1") });
    expect(pdf.statusCode, pdf.body).toBe(415);
    const columns = await upload("a.csv", { dryRun: true, content: Buffer.from("Land;Gemeinde\nSachsen;Löbau\n") });
    expect(columns.statusCode).toBe(400);
    expect(errorResponseSchema.parse(columns.json())).toMatchObject({ code: "IMPORT_UNREADABLE" });
    expect(errorResponseSchema.parse(columns.json()).message).toContain("Bundesfinanzhilfe");
  });

  it("is SMR's and FS INGE's: municipalities 403, anonymous 401; an advisor's rows outside their portfolio are refused", async () => {
    const municipality = await writerHeaders(t.app, { role: "municipality", ags: ["14626290"] });
    expect((await upload("programmliste-2024.csv", { dryRun: true, headers: municipality })).statusCode).toBe(403);
    expect((await upload("programmliste-2024.csv", { dryRun: true, headers: {} })).statusCode).toBe(401);
    const advisor = await addAccount(t.database.db, { email: "fs-inge-import@test.example", role: "advisor", password: null });
    await assign(t.database.db, advisor.id, ["14626290", "14627060"], "2026-01-01");
    const res = await upload("programmliste-2024.csv", { dryRun: true, headers: (await bearerFor(t.app, advisor.id)).headers });
    expect(res.statusCode).toBe(200);
    const rows = measureImportResultSchema.parse(res.json()).rows;
    expect(rows.filter((r) => r.ok && r.outcome !== "skipped").map((r) => r.ags)).toEqual(["14626290", "14627060"]);
    expect(rows.filter((r) => r.errors.some((e) => e.code === "OUT_OF_SCOPE"))).toHaveLength(4);
  });
});
