import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.js";
import { columnOf, columnsOf, parseDate, parseRow } from "./import-row.js";
import { readCsv } from "./read-table.js";

const HEADER = ["AGS", "Status", "Konzeptart", "Wirksam ab", "Ratsbeschluss", "Dokument", "Planungshorizont", "Notiz", "Quelle"];
const columns = columnsOf(HEADER);

describe("columnsOf", () => {
  it("matches German headers and English field names in any case, ignoring other columns", () => {
    expect(columnsOf([" ags ", "Gemeinde", "STATUS", "wirksam  ab", "conceptKind"])).toEqual({
      ags: 0,
      status: 2,
      effectiveDate: 3,
      conceptKind: 4,
    });
  });

  it("refuses a header without AGS or Status as unreadable", () => {
    expect(() => columnsOf(["Gemeinde", "Status"])).toThrow(AppError);
    expect(() => columnsOf(["AGS"])).toThrow(/Status/);
  });
});

describe("parseDate", () => {
  it.each([
    ["2021-06-15", "2021-06-15"],
    ["15.06.2021", "2021-06-15"],
    ["1.3.2019", "2019-03-01"],
    ["2024-02-29", "2024-02-29"],
  ])("reads %s", (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(["31.02.2020", "2021-13-01", "15/06/2021", "2021-6-15", "gestern"])("refuses %s", (text) => {
    expect(parseDate(text)).toBeUndefined();
  });
});

describe("parseRow", () => {
  const row = (values: Partial<Record<(typeof HEADER)[number], string>>) => HEADER.map((h) => values[h] ?? "");

  it.each([
    ["keine Angabe", "none"],
    ["Kein Konzept", "none"],
    ["in Erstellung", "drafting"],
    ["beschlossen", "council_adopted"],
    ["Fördergrundlage", "funding_eligible"],
    ["als Fördergrundlage anerkannt", "funding_eligible"],
    ["in Fortschreibung", "updating"],
    ["council_adopted", "council_adopted"],
    ["UPDATING", "updating"],
  ])("reads the status %s as %s", (label, status) => {
    expect(parseRow(row({ AGS: "14511000", Status: label }), columns).input?.status).toBe(status);
  });

  it("builds the body of the POST route, with source import by default", () => {
    const parsed = parseRow(
      row({ AGS: "14511000", Status: "beschlossen", Konzeptart: "insek", "Wirksam ab": "15.06.2021", Ratsbeschluss: "2021-06-10", Dokument: "https://example.org/a.pdf", Planungshorizont: "2035", Notiz: "x" }),
      columns,
    );
    expect(parsed).toEqual({
      ags: "14511000",
      errors: [],
      input: {
        type: "status",
        status: "council_adopted",
        conceptKind: "INSEK",
        effectiveDate: "2021-06-15",
        councilResolutionDate: "2021-06-10",
        documentUrl: "https://example.org/a.pdf",
        horizonYear: 2035,
        note: "x",
        source: "import",
      },
    });
    expect(parseRow(row({ AGS: "14511000", Status: "drafting", Quelle: "FS INGE" }), columns).input?.source).toBe("fs_inge");
  });

  it("names the column of every malformed cell", () => {
    const parsed = parseRow(row({ AGS: "145", Status: "fertig", Konzeptart: "ISEK", "Wirksam ab": "morgen", Planungshorizont: "bald", Quelle: "Presse" }), columns);
    expect(parsed.input).toBeUndefined();
    expect(parsed.errors.map((e) => [e.field, e.code])).toEqual([
      ["AGS", "INVALID_AGS"],
      ["Status", "VALIDATION_FAILED"],
      ["Konzeptart", "VALIDATION_FAILED"],
      ["Wirksam ab", "VALIDATION_FAILED"],
      ["Planungshorizont", "VALIDATION_FAILED"],
      ["Quelle", "VALIDATION_FAILED"],
    ]);
    const contract = parseRow(row({ AGS: "14511000", Status: "drafting", Dokument: "ftp://x", Planungshorizont: "1800" }), columns);
    expect(contract.errors.map((e) => e.field)).toEqual(["Dokument", "Planungshorizont"]);
    expect(parseRow(row({}), columns).errors.map((e) => e.field)).toEqual(["AGS", "Status"]);
  });

  it("maps rule issue paths to columns", () => {
    expect(columnOf("body.councilResolutionDate")).toBe("Ratsbeschluss");
    expect(columnOf("body.supersedes")).toBe("supersedes");
    expect(columnOf("")).toBe("AGS");
  });
});

describe("readCsv", () => {
  it("reads semicolon and comma files, with or without BOM, with the file's line numbers", () => {
    const table = readCsv(Buffer.from("\uFEFFAGS;Status\r\n14511000;drafting\r\n\r\n14612000;\"in Erstellung\"\r\n"));
    expect(table).toEqual({
      header: ["AGS", "Status"],
      rows: [
        { line: 2, cells: ["14511000", "drafting"] },
        { line: 4, cells: ["14612000", "in Erstellung"] },
      ],
    });
    expect(readCsv(Buffer.from("AGS,Status,Notiz\n14511000,drafting,\"a; b, c\"")).rows[0]?.cells).toEqual(["14511000", "drafting", "a; b, c"]);
  });
});
