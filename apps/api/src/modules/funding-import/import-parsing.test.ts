import { describe, expect, it } from "vitest";
import { parseEuroCents } from "./amounts.js";
import { headerKey, measureColumnsOf } from "./import-columns.js";
import { isSaxony, readMeasureRow, yearOfFileName } from "./import-row.js";
import { ProgrammeIndex } from "./programme-match.js";

describe("parseEuroCents", () => {
  it.each([
    ["1.234.567,89", 123_456_789],
    ["1234567", 123_456_700],
    ["1.234.567", 123_456_700],
    ["1234567,5", 123_456_750],
    ["1234567.89", 123_456_789],
    ["250.000,00 €", 25_000_000],
    ["EUR 12 345,60", 1_234_560],
    ["0", 0],
  ])("reads %s", (text, cents) => {
    expect(parseEuroCents(text)).toBe(cents);
  });

  it.each(["", "-5", "1,234,567", "1.23.4", "12,345", "viel", "1.234,567"])("refuses %s", (text) => {
    expect(parseEuroCents(text)).toBeUndefined();
  });
});

describe("measureColumnsOf", () => {
  it("takes the headers in any order, case and spelling", () => {
    expect(headerKey("Bundesfinanzhilfe (in €)")).toBe("bundesfinanzhilfe");
    expect(headerKey("MASSNAHME")).toBe("massnahme");
    expect(measureColumnsOf(["bundesfinanzhilfe in EUR", "PROGRAMM", "Maßnahme", "Gemeinde", "Land", "Fördergebiet", "jahr"])).toEqual({
      amount: 0,
      programme: 1,
      name: 2,
      municipality: 3,
      land: 4,
      area: 5,
      year: 6,
    });
  });

  it("refuses a header without the required columns, naming them", () => {
    expect(() => measureColumnsOf(["Land", "Gemeinde", "Programm"])).toThrow(/"Maßnahme", "Bundesfinanzhilfe"/);
  });
});

describe("readMeasureRow", () => {
  const cells = (values: Record<string, string>) => (column: string) => values[column] ?? "";

  it("reads a row with the list's year", () => {
    expect(readMeasureRow(cells({ land: "Sachsen", municipality: "Löbau", name: "Altstadt", programme: "LZ", amount: "1.000,50", state: "ruhend" }), 2024)).toEqual({
      land: "Sachsen",
      municipality: "Löbau",
      name: "Altstadt",
      programme: "LZ",
      amountCents: 100_050,
      ags: undefined,
      year: 2024,
      district: undefined,
      area: undefined,
      state: "paused",
      errors: [],
    });
  });

  it("names the column and code of every unusable cell", () => {
    const read = readMeasureRow(cells({ municipality: "", name: "", programme: "LZ", amount: "viel", ags: "145", year: "24", state: "fertig" }), undefined);
    // Gemeinde may be empty where the row has an AGS (here a malformed one).
    expect(read.errors.map((e) => [e.field, e.code])).toEqual([
      ["Maßnahme", "IMPORT_VALUE_REQUIRED"],
      ["Bundesfinanzhilfe", "IMPORT_AMOUNT_INVALID"],
      ["AGS", "INVALID_AGS"],
      ["Jahr", "IMPORT_YEAR_INVALID"],
      ["Zustand", "IMPORT_STATE_UNKNOWN"],
    ]);
    expect(readMeasureRow(cells({ municipality: "Löbau", name: "A", programme: "LZ", amount: "1" }), undefined).errors.map((e) => e.code)).toEqual(["IMPORT_YEAR_MISSING"]);
  });

  it("knows Saxony and the year of a file name", () => {
    expect(["Sachsen", "SACHSEN", "Freistaat Sachsen", "SN", "14"].every(isSaxony)).toBe(true);
    expect(["Sachsen-Anhalt", "Bayern", "Niedersachsen"].some(isSaxony)).toBe(false);
    expect(yearOfFileName("Programmliste_Staedtebaufoerderung_2024.xlsx")).toBe(2024);
    expect(yearOfFileName("liste-2023-2024.csv")).toBeUndefined();
    expect(yearOfFileName(undefined)).toBeUndefined();
  });
});

describe("ProgrammeIndex", () => {
  const index = new ProgrammeIndex([
    { id: "lebendige-zentren", name: "Lebendige Zentren – Erhalt und Entwicklung der Orts- und Stadtkerne" },
    { id: "sozialer-zusammenhalt", name: "Sozialer Zusammenhalt – Zusammenleben im Quartier gemeinsam gestalten" },
    { id: "wachstum-nachhaltige-erneuerung", name: "Wachstum und nachhaltige Erneuerung – Lebenswerte Quartiere gestalten" },
    { id: "stadtumbau-ost", name: "Stadtumbau Ost" },
    { id: "soziale-stadt", name: "Soziale Stadt" },
    { id: "staedtebaulicher-denkmalschutz", name: "Städtebaulicher Denkmalschutz" },
  ]);

  it.each([
    ["Lebendige Zentren – Erhalt und Entwicklung der Orts- und Stadtkerne", "lebendige-zentren"],
    ["Lebendige Zentren", "lebendige-zentren"],
    ["lebendige-zentren", "lebendige-zentren"],
    ["LZ", "lebendige-zentren"],
    ["Sozialer Zusammenhalt", "sozialer-zusammenhalt"],
    ["Wachstum und nachhaltige Erneuerung", "wachstum-nachhaltige-erneuerung"],
    ["SUO", "stadtumbau-ost"],
    ["Stadtumbau Ost - Programmbereich Aufwertung", "stadtumbau-ost"],
    ["Staedtebaulicher Denkmalschutz", "staedtebaulicher-denkmalschutz"],
    ["Soziale Stadt", "soziale-stadt"],
  ])("finds %s", (text, id) => {
    expect(index.match(text)).toEqual({ id });
  });

  it("says what it does not know", () => {
    expect(index.match("Bundesgartenschau")).toEqual({ id: null, reason: "unknown", candidates: [] });
  });
});
