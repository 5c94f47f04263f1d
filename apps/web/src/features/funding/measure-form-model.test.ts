import { describe, expect, it } from "vitest";
import { emptyMeasureValues, euroInputText, measureServerIssues, parseEuro, validateMeasureForm } from "./measure-form-model";

describe("parseEuro", () => {
  it("reads amounts as people type them in German", () => {
    expect(parseEuro("125000")).toBe(125000);
    expect(parseEuro("125.000")).toBe(125000);
    expect(parseEuro("1.250.000,50")).toBe(1250000.5);
    expect(parseEuro("99,9")).toBe(99.9);
    expect(parseEuro("1 250 €")).toBe(1250);
    expect(parseEuro("12.5")).toBe(12.5);
  });

  it("refuses what is no amount (letters, three decimals, a sign)", () => {
    expect(parseEuro("")).toBeNull();
    expect(parseEuro("zwölf")).toBeNull();
    expect(parseEuro("1,234")).toBeNull();
    expect(parseEuro("-5")).toBeNull();
  });

  it("round-trips the input text of a stored amount", () => {
    for (const value of [0, 125000, 1250000.5, 0.01]) expect(parseEuro(euroInputText(value))).toBe(value);
  });
});

describe("validateMeasureForm", () => {
  const filled = {
    ...emptyMeasureValues(),
    programmeId: "lebendige-zentren",
    name: " Altstadt ",
    startYear: "2021",
    amounts: [{ key: 1, year: "2023", federal: "100.000", land: "50.000", municipal: "" }],
  };

  it("builds the API's body: trimmed text, years as numbers, empty choices as null, amounts in euro", () => {
    const result = validateMeasureForm("14612000", filled);
    expect(result.issues).toBeUndefined();
    expect(result.issues ? null : result.input).toEqual({
      ags: "14612000",
      programmeId: "lebendige-zentren",
      name: "Altstadt",
      area: null,
      startYear: 2021,
      endYear: null,
      state: "running",
      conceptId: null,
      areaConceptId: null,
      amounts: [{ year: 2023, federal: 100000, land: 50000, municipal: 0 }],
      note: null,
    });
  });

  it("names each missing or malformed field", () => {
    const result = validateMeasureForm("14612000", { ...emptyMeasureValues(), endYear: "20x", amounts: [{ key: 1, year: "2024", federal: "viel", land: "", municipal: "" }] });
    expect(result.issues?.map((issue) => [issue.field, issue.kind])).toEqual([
      ["programmeId", "required"],
      ["name", "required"],
      ["startYear", "required"],
      ["endYear", "year"],
      ["amounts", "euro"],
    ]);
  });
});

describe("measureServerIssues", () => {
  it("puts a rule's 422 code on its field", () => {
    expect(measureServerIssues("MEASURE_CONCEPT_NOT_COVERING", "not covering", [])).toEqual([
      { field: "conceptId", code: "MEASURE_CONCEPT_NOT_COVERING", message: "not covering" },
    ]);
    expect(measureServerIssues("VALIDATION_FAILED", "bad", [{ path: "body.endYear", code: "MEASURE_END_BEFORE_START", message: "end" }])).toEqual([
      { field: "endYear", code: "MEASURE_END_BEFORE_START", message: "end" },
    ]);
  });

  it("keeps an issue of no known field for the form", () => {
    expect(measureServerIssues("SOMETHING", "else", [])[0]?.field).toBeNull();
  });
});
