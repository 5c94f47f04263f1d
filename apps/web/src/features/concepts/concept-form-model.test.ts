import { describe, expect, it } from "vitest";
import { conceptServerIssues, emptyConceptValues, validateConceptForm } from "./concept-form-model";

const A = { ags: "14521030", name: "Burkhardtsdorf" };
const B = { ags: "14521250", name: "Gornsdorf" };

describe("validateConceptForm", () => {
  it("builds the body of a joint concept: members as AGS, the lead, participation and empty fields as null", () => {
    const checked = validateConceptForm(
      emptyConceptValues({
        title: "  Gemeinsames INGEKO  ",
        kind: "INGEKO",
        scope: "joint",
        members: [A, B],
        leadAgs: B.ags,
        parentId: "7",
        horizonYear: "2035",
        participation: [{ key: 1, date: "2025-03-01", format: "workshop" }],
      }),
    );
    expect(checked.issues).toBeNull();
    expect(checked.input).toEqual({
      title: "Gemeinsames INGEKO",
      kind: "INGEKO",
      scope: "joint",
      members: [A.ags, B.ags],
      leadAgs: B.ags,
      // A parent belongs to area concepts only: a joint concept never sends one.
      parentId: null,
      updatesId: null,
      horizonYear: 2035,
      participation: [{ date: "2025-03-01", format: "workshop" }],
      note: null,
    });
  });

  it("answers the rules between fields before sending", () => {
    const joint = validateConceptForm(emptyConceptValues({ title: "X", kind: "INSEK", scope: "joint", members: [A] }));
    expect(joint.issues).toEqual([expect.objectContaining({ field: "members", kind: "membersTwo" })]);

    const area = validateConceptForm(emptyConceptValues({ title: "X", kind: "INSEK", scope: "area", members: [A, B] }));
    expect(area.issues?.map((issue) => [issue.field, issue.kind])).toEqual([
      ["members", "membersOne"],
      ["kind", "kindScope"],
      ["parentId", "parentRequired"],
    ]);

    const empty = validateConceptForm(emptyConceptValues({ participation: [{ key: 1, date: "", format: "online" }], horizonYear: "20x5" }));
    expect(empty.issues?.map((issue) => issue.field)).toEqual(["title", "kind", "scope", "members", "horizonYear", "participation"]);
  });

  it("leaves the year's range to the contract", () => {
    const checked = validateConceptForm(emptyConceptValues({ title: "X", kind: "INSEK", scope: "municipal", members: [A], horizonYear: "1900" }));
    expect(checked.issues).toEqual([expect.objectContaining({ field: "horizonYear", kind: "horizonYearInvalid" })]);
  });
});

describe("conceptServerIssues", () => {
  it("places a code without issues on its field, and issues on the field their path names", () => {
    expect(conceptServerIssues("CONCEPT_PARENT_NOT_TOWN_WIDE", "Parent must be town-wide", [])).toEqual([
      { field: "parentId", code: "CONCEPT_PARENT_NOT_TOWN_WIDE", message: "Parent must be town-wide" },
    ]);
    expect(
      conceptServerIssues("VALIDATION_FAILED", "Invalid", [
        { path: "body.participation.0.date", code: "PARTICIPATION_DATE_IN_FUTURE", message: "Future" },
        { path: "body.title", code: "too_big", message: "Too long" },
        { path: "body.somethingElse", code: "x", message: "Other" },
      ]),
    ).toEqual([
      { field: "participation", code: "PARTICIPATION_DATE_IN_FUTURE", message: "Future" },
      { field: "title", code: "VALIDATION_FAILED", message: "Too long" },
      { field: null, code: "VALIDATION_FAILED", message: "Other" },
    ]);
  });
});
