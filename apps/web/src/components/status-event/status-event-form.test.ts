import type { InsekRecord } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { initialFormValues, selectableStatuses, serverIssues, validateRecordForm } from "./status-event-form";

const record: InsekRecord = {
  status: "drafting",
  conceptKind: "INSEK",
  statusSince: "2024-01-01",
  councilResolutionDate: null,
  currentUntil: null,
  current: false,
  expiring: false,
  stale: false,
  lastActivityAt: null,
  lastConfirmedAt: null,
  source: "municipality",
  documentUrl: null,
  horizonYear: 2035,
  version: 3,
};

describe("validateRecordForm", () => {
  const options = { internalNoteAllowed: false };

  it("asks for a status first", () => {
    const result = validateRecordForm(initialFormValues(record), options);
    expect(result.issues).toEqual([expect.objectContaining({ field: "status", kind: "required" })]);
  });

  it("builds the event input, leaving empty fields out", () => {
    const values = { ...initialFormValues(record), status: "council_adopted", councilResolutionDate: "2025-05-06" };
    expect(validateRecordForm(values, options).input).toEqual({
      type: "status",
      status: "council_adopted",
      conceptKind: "INSEK",
      councilResolutionDate: "2025-05-06",
      horizonYear: 2035,
    });
  });

  it("reports a bad link and year at their fields", () => {
    const values = { ...initialFormValues(record), status: "none", documentUrl: "ftp://x", horizonYear: "20x5" };
    const fields = validateRecordForm(values, options).issues?.map((issue) => [issue.field, issue.kind]);
    expect(fields).toEqual(expect.arrayContaining([["documentUrl", "url"], ["horizonYear", "number"]]));
  });

  it("sends the internal flag only where allowed", () => {
    const values = { ...initialFormValues(record), status: "none", note: "x", noteInternal: true };
    expect(validateRecordForm(values, options).input).not.toHaveProperty("noteInternal");
    expect(validateRecordForm(values, { internalNoteAllowed: true }).input).toHaveProperty("noteInternal", true);
  });
});

describe("serverIssues", () => {
  it("maps body.<field> to the form field", () => {
    expect(serverIssues([{ path: "body.councilResolutionDate", code: "COUNCIL_RESOLUTION_REQUIRED", message: "m" }])).toEqual([
      { field: "councilResolutionDate", kind: "councilResolutionRequired", message: "m" },
    ]);
    expect(serverIssues([{ path: "body.note", code: "SOMETHING_NEW", message: "m" }])).toEqual([
      { field: "note", kind: null, message: "m" },
    ]);
    expect(serverIssues([{ path: "headers.if-match", code: "x", message: "m" }])[0]?.field).toBeNull();
  });
});

describe("selectableStatuses", () => {
  it("offers allowed transitions, funding eligibility only to SMR", () => {
    expect(selectableStatuses("council_adopted", "municipality")).toEqual(["none", "updating"]);
    expect(selectableStatuses("council_adopted", "smr")).toEqual(["none", "funding_eligible", "updating"]);
  });
});
