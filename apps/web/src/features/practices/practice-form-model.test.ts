import type { PracticeDetail } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { emptyPracticeValues, parseLinks, practiceChanges, practiceServerIssues, practiceValues, validatePracticeForm } from "./practice-form-model";
import { entriesPerMunicipality } from "./practice-map-model";

const filled = emptyPracticeValues({
  title: " Dorfladen ",
  summary: "Ein Laden.",
  description: "Erster Absatz\n\n- eins\n- zwei",
  municipalities: [{ ags: "14627060", name: "Großenhain" }],
  topics: ["services"],
  phase: "completed",
  contactOffice: "Bauamt",
  links: "Projektseite: https://example.org/a\nhttps://example.org/b",
});

describe("the practice form's model", () => {
  it("reads link lines with and without a label and names the lines without an address", () => {
    expect(parseLinks("Projektseite – https://example.org/a\n\n https://example.org/b \nnur Text")).toEqual({
      links: [
        { url: "https://example.org/a", label: "Projektseite" },
        { url: "https://example.org/b", label: null },
      ],
      badLines: [4],
    });
  });

  it("answers the common mistakes at their fields before sending", () => {
    const result = validatePracticeForm(emptyPracticeValues({ summary: "x".repeat(301), periodFrom: "2024-05-01", periodTo: "2023-01-01", links: "kein Link", contactEmail: "a@b.de" }));
    expect(result.issues?.map((issue) => [issue.field, issue.kind])).toEqual([
      ["title", "required"],
      ["summary", "tooLong"],
      ["description", "required"],
      ["ags", "requiredChoice"],
      ["topics", "requiredChoice"],
      ["phase", "required"],
      ["periodTo", "periodOrder"],
      ["links", "linkLine"],
      ["contact", "required"],
    ]);
  });

  it("builds the body with the description as HTML and empty fields as null", () => {
    const result = validatePracticeForm(filled);
    expect(result.input).toEqual({
      title: "Dorfladen",
      summary: "Ein Laden.",
      description: "<p>Erster Absatz</p>\n<ul><li>eins</li><li>zwei</li></ul>",
      ags: ["14627060"],
      conceptId: null,
      topics: ["services"],
      phase: "completed",
      periodFrom: null,
      periodTo: null,
      partners: null,
      outcome: null,
      transferability: null,
      contact: { office: "Bauamt", email: null, phone: null },
      links: [
        { url: "https://example.org/a", label: "Projektseite" },
        { url: "https://example.org/b", label: null },
      ],
      programmeIds: [],
      measureIds: [],
    });
  });

  it("sends the concept as its id and the funding sorted, whatever order it was ticked in", () => {
    const result = validatePracticeForm({ ...filled, conceptId: "7", programmeIds: ["lebendige-zentren", "sozialer-zusammenhalt"], measureIds: [12, 3] });
    expect(result.input).toMatchObject({ conceptId: 7, programmeIds: ["lebendige-zentren", "sozialer-zusammenhalt"], measureIds: [3, 12] });
  });

  it("sends a changed concept or funding in an edit, and nothing of them when only their order differs", () => {
    const before = { ...filled, conceptId: "7", programmeIds: ["sozialer-zusammenhalt", "lebendige-zentren"], measureIds: [3, 12] };
    const reordered = validatePracticeForm({ ...before, programmeIds: ["lebendige-zentren", "sozialer-zusammenhalt"], measureIds: [12, 3] });
    if (!reordered.input) throw new Error("invalid");
    expect(practiceChanges(before, reordered.input, before.criteria)).toEqual({});
    const changed = validatePracticeForm({ ...before, conceptId: "", programmeIds: ["lebendige-zentren"], measureIds: [3, 12, 5] });
    if (!changed.input) throw new Error("invalid");
    expect(practiceChanges(before, changed.input, before.criteria)).toEqual({ conceptId: null, programmeIds: ["lebendige-zentren"], measureIds: [3, 5, 12] });
  });

  it("reads the concept and the funding of a stored entry", () => {
    const stored = {
      title: "Laden",
      summary: "Ein Laden.",
      descriptionHtml: "<p>Text</p>",
      municipalities: [{ ags: "14627060", name: "Großenhain, Stadt" }],
      concept: { id: 9, title: "INSEK Großenhain 2030", kind: "insek", scope: "municipal", status: "adopted" },
      topics: ["services"],
      phase: "completed",
      periodFrom: null,
      periodTo: null,
      partners: null,
      outcome: null,
      transferability: null,
      contact: null,
      links: [],
      funding: {
        programmes: [
          { id: "lebendige-zentren", name: "Lebendige Zentren" },
          { id: "sozialer-zusammenhalt", name: "Sozialer Zusammenhalt" },
        ],
        measures: [{ id: 4, name: "Markt", ags: "14627060" }],
      },
      criteria: { innovative: false, exemplary: false, cooperative: false },
      revision: null,
    } as unknown as PracticeDetail;
    expect(practiceValues(stored)).toMatchObject({ conceptId: "9", programmeIds: ["lebendige-zentren", "sozialer-zusammenhalt"], measureIds: [4] });
    expect(practiceValues({ ...stored, concept: null, funding: { programmes: [], measures: [] } })).toMatchObject({ conceptId: "", programmeIds: [], measureIds: [] });
  });

  it("sends only what changed in an edit (an untouched contact keeps a consented name), criteria only when changed", () => {
    const changed = validatePracticeForm({ ...filled, summary: "Neu." });
    if (!changed.input) throw new Error("invalid");
    expect(practiceChanges(filled, changed.input, filled.criteria)).toEqual({ summary: "Neu." });
    expect(practiceChanges(filled, changed.input, { ...filled.criteria, innovative: true })).toEqual({
      summary: "Neu.",
      criteria: { innovative: true, exemplary: false, cooperative: false },
    });
  });

  it("edits an open revision's content rather than the published one", () => {
    const published = {
      title: "Alt",
      summary: "Alt.",
      descriptionHtml: "<p>Alt</p>",
      municipalities: [{ ags: "14627060", name: "Großenhain, Stadt" }],
      topics: ["services"],
      phase: "completed",
      periodFrom: null,
      periodTo: null,
      partners: null,
      outcome: null,
      transferability: null,
      contact: null,
      links: [],
      criteria: { innovative: false, exemplary: true, cooperative: false },
      revision: {
        state: "draft",
        returnComment: null,
        updatedAt: "2026-01-01T00:00:00Z",
        content: {
          title: "Neu",
          summary: "Neu.",
          descriptionHtml: '<p>Neu mit <a href="https://example.org">Link</a></p>',
          ags: ["14627060"],
          conceptId: null,
          topics: ["youth"],
          phase: "implementation",
          periodFrom: "2025-01-01",
          periodTo: null,
          partners: null,
          outcome: null,
          transferability: null,
          contact: { office: "Bauamt", email: null, phone: null, person: null, consentAt: null },
          links: [{ url: "https://example.org/x", label: "X" }],
          programmeIds: [],
          measureIds: [],
        },
      },
    } as unknown as PracticeDetail;
    const values = practiceValues(published);
    expect(values).toMatchObject({
      title: "Neu",
      description: "Neu mit [Link](https://example.org)",
      municipalities: [{ ags: "14627060", name: "Großenhain, Stadt" }],
      topics: ["youth"],
      phase: "implementation",
      periodFrom: "2025-01-01",
      contactOffice: "Bauamt",
      links: "X https://example.org/x",
      conceptId: "",
      programmeIds: [],
      measureIds: [],
      criteria: { exemplary: true },
    });
  });

  it("places the server's codes on their fields", () => {
    expect(practiceServerIssues("PRACTICE_LINK_NOT_HTTP", "no", [])).toEqual([{ field: "links", code: "PRACTICE_LINK_NOT_HTTP", message: "no" }]);
    expect(practiceServerIssues("PRACTICE_CONCEPT_NOT_FOUND", "no", [])[0]?.field).toBe("conceptId");
    expect(practiceServerIssues("PRACTICE_MEASURE_NOT_FOUND", "no", [])[0]?.field).toBe("measureIds");
    expect(practiceServerIssues("VALIDATION", "bad", [{ path: "body.summary", message: "too long" }])).toEqual([{ field: "summary", code: "VALIDATION", message: "too long" }]);
  });
});

describe("the map's points", () => {
  it("counts entries per municipality, an entry about two for each", () => {
    const counts = entriesPerMunicipality([
      { municipalities: [{ ags: "1", name: "A" }] },
      { municipalities: [{ ags: "1", name: "A" }, { ags: "2", name: "B" }] },
    ]);
    expect([...counts.entries()]).toEqual([
      ["1", { name: "A", count: 2 }],
      ["2", { name: "B", count: 1 }],
    ]);
  });
});
