import type { InsekRecord, StatusEvent } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import {
  correctionTarget,
  correctionValues,
  initialFormValues,
  selectableStatuses,
  serverIssues,
  validateRecordForm,
  withStatus,
} from "./status-event-form";

const record: InsekRecord = {
  status: "drafting",
  conceptKind: "INSEK",
  statusSince: "2024-01-01",
  councilResolutionDate: "2014-03-20",
  currentUntil: null,
  current: false,
  expiring: false,
  stale: false,
  lastActivityAt: null,
  lastConfirmedAt: null,
  source: "municipality",
  documentUrl: "https://example.org/insek.pdf",
  horizonYear: 2025,
  version: 3,
};
const TODAY = "2026-11-25";

describe("validateRecordForm", () => {
  const options = { internalNoteAllowed: false };

  it("asks for a status first", () => {
    const result = validateRecordForm(initialFormValues(record), options, TODAY);
    expect(result.issues).toEqual([expect.objectContaining({ field: "status", kind: "required" })]);
  });

  it("builds the event input, leaving empty fields out", () => {
    const values = { ...withStatus(initialFormValues(record), "council_adopted", record), councilResolutionDate: "2025-05-06" };
    expect(validateRecordForm(values, options, TODAY).input).toEqual({
      type: "status",
      status: "council_adopted",
      conceptKind: "INSEK",
      councilResolutionDate: "2025-05-06",
    });
  });

  it("checks the contracts' date rules before sending, at the field the user filled", () => {
    const adopted = withStatus(initialFormValues(record), "council_adopted", record);
    const kinds = (values: typeof adopted) => validateRecordForm(values, options, TODAY).issues?.map((issue) => [issue.field, issue.kind]);
    expect(kinds(adopted)).toEqual([["councilResolutionDate", "councilResolutionRequired"]]);
    // Future resolution, effective date left empty: named at the resolution date, as in the future.
    expect(kinds({ ...adopted, councilResolutionDate: "2026-12-01" })).toEqual([["councilResolutionDate", "councilResolutionInFuture"]]);
    expect(kinds({ ...adopted, councilResolutionDate: "2025-05-06", effectiveDate: "2025-05-01" })).toEqual([
      ["councilResolutionDate", "councilResolutionAfterEffective"],
    ]);
    expect(kinds({ ...adopted, councilResolutionDate: "2025-05-06", effectiveDate: "2026-11-26" })).toEqual([["effectiveDate", "effectiveDateOutOfRange"]]);
    // A half-typed date is named once, for its format.
    expect(kinds({ ...adopted, councilResolutionDate: "06.05.20" })).toEqual([["councilResolutionDate", "date"]]);
  });

  it("reports a bad link and year at their fields", () => {
    const values = { ...initialFormValues(record), status: "none", documentUrl: "ftp://x", horizonYear: "20x5" };
    const fields = validateRecordForm(values, options, TODAY).issues?.map((issue) => [issue.field, issue.kind]);
    expect(fields).toEqual(expect.arrayContaining([["documentUrl", "url"], ["horizonYear", "number"]]));
  });

  it("sends the internal flag only where allowed", () => {
    const values = { ...initialFormValues(record), status: "none", note: "x", noteInternal: true };
    expect(validateRecordForm(values, options, TODAY).input).not.toHaveProperty("noteInternal");
    expect(validateRecordForm(values, { internalNoteAllowed: true }, TODAY).input).toHaveProperty("noteInternal", true);
  });

  it("sends a correction with the entry it corrects", () => {
    const values = { ...initialFormValues(record), status: "none" };
    expect(validateRecordForm(values, { ...options, supersedes: 41 }, TODAY).input).toEqual({ type: "status", status: "none", conceptKind: "INSEK", supersedes: 41 });
  });
});

describe("the fields of a new status", () => {
  it("start empty: nothing of the previous concept is proposed for a new one", () => {
    const start = initialFormValues(record);
    expect(start).toMatchObject({ status: "", councilResolutionDate: "", documentUrl: "", horizonYear: "", conceptKind: "INSEK" });
    expect(withStatus(start, "council_adopted", record)).toMatchObject({ councilResolutionDate: "", documentUrl: "", horizonYear: "" });
  });

  it("propose the document and target year of the concept on record for its recognition or update, and keep what was typed", () => {
    const eligible = withStatus(initialFormValues(record), "funding_eligible", record);
    expect(eligible).toMatchObject({ documentUrl: "https://example.org/insek.pdf", horizonYear: "2025", councilResolutionDate: "" });
    expect(withStatus(eligible, "council_adopted", record)).toMatchObject({ documentUrl: "", horizonYear: "" });
    const typed = { ...eligible, horizonYear: "2040" };
    expect(withStatus(typed, "none", record)).toMatchObject({ documentUrl: "", horizonYear: "2040" });
  });
});

describe("correcting the last entry", () => {
  const event = (id: number, status: StatusEvent["status"], effectiveDate: string, extra: Partial<StatusEvent> = {}): StatusEvent => ({
    id,
    ags: "14627060",
    type: "status",
    status,
    conceptKind: "INSEK",
    effectiveDate,
    recordedAt: `${effectiveDate}T10:00:00Z`,
    recordedBy: null,
    source: "municipality",
    note: null,
    noteInternal: false,
    councilResolutionDate: null,
    documentUrl: null,
    horizonYear: null,
    supersedes: null,
    supersededBy: null,
    conceptId: null,
    version: id,
    predecessor: null,
    ...extra,
  });

  it("names the latest live status entry and the status before it", () => {
    const history = [
      event(1, "drafting", "2012-01-01"),
      event(2, "council_adopted", "2026-11-20", { councilResolutionDate: "2014-03-20" }),
      event(3, null, "2026-11-21", { type: "confirmation" }),
    ];
    expect(correctionTarget(history, "municipality")).toEqual({ event: history[1], before: "drafting" });
    // The status before may be chosen again: the correction builds on it.
    expect(selectableStatuses("drafting", "municipality")).toContain("council_adopted");
    expect(correctionValues(history[1] as StatusEvent)).toMatchObject({ status: "council_adopted", councilResolutionDate: "2014-03-20", effectiveDate: "2026-11-20" });
  });

  it("skips corrected entries and offers nothing the account may not correct", () => {
    const history = [event(1, "council_adopted", "2020-01-01", { supersededBy: 2 }), event(2, "drafting", "2020-01-01", { supersedes: 1 })];
    expect(correctionTarget(history, "municipality")).toEqual({ event: history[1], before: "initial" });
    const bySmr = [event(5, "funding_eligible", "2021-01-01", { source: "smr" })];
    expect(correctionTarget(bySmr, "municipality")).toBeNull();
    expect(correctionTarget(bySmr, "smr")?.event.id).toBe(5);
    expect(correctionTarget([], "smr")).toBeNull();
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
