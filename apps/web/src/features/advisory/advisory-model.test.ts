import type { PortfolioItem } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { consultationServerIssues, emptyConsultationValues, toConsultationInput, validateConsultation } from "./consultation-form-model";
import { matchesFlag, sortPortfolio } from "./portfolio-model";
import { recentQuarters } from "./quarters";

function item(name: string, changes: Partial<PortfolioItem> = {}, record: Partial<PortfolioItem["record"]> = {}): PortfolioItem {
  return {
    ags: `146270${String(name.length).padStart(2, "0")}`,
    name,
    type: "gemeinde",
    districtKey: "14627",
    districtName: "Meißen",
    population: 1000,
    record: {
      status: "none",
      conceptKind: null,
      statusSince: null,
      councilResolutionDate: null,
      currentUntil: null,
      current: false,
      expiring: false,
      stale: false,
      lastActivityAt: null,
      lastConfirmedAt: null,
      source: null,
      documentUrl: null,
      horizonYear: null,
      version: 1,
      ...record,
    },
    assignedFrom: "2024-03-01",
    assignedTo: null,
    lastContact: null,
    nextContact: null,
    overdue: false,
    followUpDue: false,
    pendingReviews: 0,
    ...changes,
  };
}

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

describe("portfolio model", () => {
  const items = [
    item("Riesa", { lastContact: "2026-10-01", nextContact: "2026-11-20", overdue: true, followUpDue: true }),
    item("Coswig", { lastContact: "2026-11-11" }, { status: "council_adopted", stale: true }),
    item("Großenhain", { pendingReviews: 2 }, { status: "drafting", expiring: true }),
  ];

  it("sorts by name, by last contact (never contacted last, either direction) and by status", () => {
    expect(sortPortfolio(items, "name", false).map((i) => i.name)).toEqual(["Coswig", "Großenhain", "Riesa"]);
    expect(sortPortfolio(items, "lastContact", false).map((i) => i.name)).toEqual(["Riesa", "Coswig", "Großenhain"]);
    expect(sortPortfolio(items, "lastContact", true).map((i) => i.name)).toEqual(["Coswig", "Riesa", "Großenhain"]);
    expect(sortPortfolio(items, "status", false).map((i) => i.name)).toEqual(["Riesa", "Großenhain", "Coswig"]);
  });

  it("filters by flag", () => {
    const names = (flag: Parameters<typeof matchesFlag>[1]) => items.filter((i) => matchesFlag(i, flag)).map((i) => i.name);
    expect(names("any")).toHaveLength(3);
    expect(names("overdue")).toEqual(["Riesa"]);
    expect(names("followUp")).toEqual(["Riesa"]);
    expect(names("stale")).toEqual(["Coswig"]);
    expect(names("expiring")).toEqual(["Großenhain"]);
    expect(names("pending")).toEqual(["Großenhain"]);
  });
});

describe("recentQuarters", () => {
  it("counts back across year ends, newest first", () => {
    expect(recentQuarters("2026-11-25", 6)).toEqual(["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3"]);
    expect(recentQuarters("2027-01-01", 2)).toEqual(["2027-Q1", "2026-Q4"]);
  });
});
