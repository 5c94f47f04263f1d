import { describe, expect, it } from "vitest";
import { consultationServerIssues, emptyConsultationValues, toConsultationInput, validateConsultation } from "./consultation-form-model";
import { recentQuarters } from "./quarters";

describe("consultation form model", () => {
  const filled = {
    ...emptyConsultationValues("2026-11-25"),
    kind: "seminar",
    municipalities: [
      { ags: "14627060", name: "Großenhain" },
      { ags: "14627210", name: "Radebeul" },
    ],
    topics: ["update"],
    summary: "  Seminar zur Fortschreibung  ",
  };

  it("accepts a complete consultation and sends the contract's shape", () => {
    const checked = validateConsultation(filled);
    expect(checked.issues).toBeNull();
    expect(checked.input).toMatchObject({ date: "2026-11-25", kind: "seminar", ags: ["14627060", "14627210"], summary: "Seminar zur Fortschreibung", internal: false });
    // "other" text only travels with the "other" topic.
    expect(toConsultationInput({ ...filled, topicOther: "x" }).topicOther).toBeNull();
    expect(toConsultationInput({ ...filled, topics: ["other"], topicOther: " Wohnen " }).topicOther).toBe("Wohnen");
  });

  it("names every missing required field once, as 'required'", () => {
    const checked = validateConsultation(emptyConsultationValues("2026-11-25"));
    expect(checked.input).toBeNull();
    const byField = new Map((checked.issues ?? []).map((issue) => [issue.field, issue.kind]));
    expect(Object.fromEntries(byField)).toEqual({ kind: "required", ags: "required", topics: "required", summary: "required" });
  });

  it("refuses a next contact before the consultation, at that field", () => {
    const checked = validateConsultation({ ...filled, nextContactDate: "2026-11-01" });
    expect(checked.issues).toEqual([expect.objectContaining({ field: "nextContactDate", kind: "dateOrder" })]);
  });

  it("maps the server's issue paths onto the fields", () => {
    expect(
      consultationServerIssues([
        { path: "body.ags.1", code: "UNKNOWN_MUNICIPALITY", message: "unknown municipality 14999999" },
        { path: "body.summary", code: "too_big", message: "too long" },
        { path: "query.x", code: "x", message: "other" },
        { path: "body.date", code: "VALIDATION_FAILED", message: "not after today" },
      ]),
    ).toEqual([
      { field: "ags", kind: null, message: "unknown municipality 14999999" },
      { field: "summary", kind: "tooLong", message: "too long" },
      { field: null, kind: null, message: "other" },
      { field: "date", kind: "notAfterToday", message: "not after today" },
    ]);
  });
});

describe("recentQuarters", () => {
  it("counts back across year ends, newest first", () => {
    expect(recentQuarters("2026-11-25", 6)).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3"]);
    expect(recentQuarters("2027-01-01", 2)).toEqual(["2027-Q1", "2026-Q4"]);
  });
});
