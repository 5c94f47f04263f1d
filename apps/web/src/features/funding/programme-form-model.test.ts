import { describe, expect, it } from "vitest";
import { emptyProgrammeValues, validateProgrammeForm } from "./programme-form-model";

describe("validateProgrammeForm", () => {
  it("builds the API's body: thresholds and years as numbers (a thousands dot allowed), empty as null", () => {
    const result = validateProgrammeForm({ ...emptyProgrammeValues(), id: "lebendige-zentren", name: " Lebendige Zentren ", minPopulation: "2.001", periodFrom: "2020" });
    expect(result.fields).toBeUndefined();
    expect(result.fields ? null : result.input).toEqual({
      id: "lebendige-zentren",
      name: "Lebendige Zentren",
      level: "federal",
      requirements: { townWideConcept: true, areaConcept: false, minPopulation: 2001 },
      jointConceptAllowed: true,
      period: { from: 2020, to: null },
      source: null,
      notes: null,
      active: true,
    });
  });

  it("names the fields in error, in the form's order", () => {
    const result = validateProgrammeForm({ ...emptyProgrammeValues(), id: "Kein Slug", name: "", minPopulation: "viele", periodTo: "1800" });
    expect(result.fields).toEqual(["id", "name", "minPopulation", "periodTo"]);
  });
});
