import { type EventInput, STATUSES, STATUS_TRANSITIONS, type Status, type TransitionFrom, isAllowedTransition } from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { type EventFacts, decideEvent } from "./status-rules.js";

/** The transition table of the issue, written out independently of the exported data. */
const ALLOWED: Record<TransitionFrom, Status[]> = {
  initial: ["none", "drafting", "council_adopted"],
  none: ["drafting", "council_adopted"],
  drafting: ["none", "council_adopted"],
  council_adopted: ["funding_eligible", "updating", "none"],
  funding_eligible: ["council_adopted", "updating", "none"],
  updating: ["council_adopted", "none"],
};
const FROM: TransitionFrom[] = ["initial", ...STATUSES];
const PAIRS = FROM.flatMap((from) => STATUSES.map((to) => [from, to, ALLOWED[from].includes(to)] as const));

const TODAY = "2026-11-25";

function facts(from: TransitionFrom, extra: Partial<EventFacts> = {}): EventFacts {
  return { today: TODAY, existsOnDate: true, stateOnDate: { status: from, conceptKind: "INSEK", adoptionOnRecord: true }, ...extra };
}

/** A status event that satisfies every rule but the transition. */
function change(to: Status, extra: Partial<EventInput> = {}): EventInput {
  return {
    type: "status",
    status: to,
    effectiveDate: "2024-05-01",
    source: "smr",
    ...(to === "council_adopted" ? { councilResolutionDate: "2024-04-20" } : {}),
    ...extra,
  };
}

function codes(input: EventInput, f: EventFacts): string[] {
  const decision = decideEvent(input, f);
  return decision.ok ? [] : decision.issues.map((i) => i.code);
}

describe("transition table", () => {
  it("has a row for initial and every status", () => {
    expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...FROM].sort());
    expect(PAIRS).toHaveLength(6 * 5);
  });

  it.each(PAIRS)("%s -> %s allowed: %s", (from, to, allowed) => {
    expect(isAllowedTransition(from, to)).toBe(allowed);
    expect(codes(change(to), facts(from))).toEqual(allowed ? [] : ["INVALID_TRANSITION"]);
  });

  it("never allows same to same (that is a confirmation)", () => {
    for (const status of STATUSES) expect(isAllowedTransition(status, status)).toBe(false);
  });
});

describe("decideEvent", () => {
  it("defaults the effective date to today and inherits the concept kind in force", () => {
    const decision = decideEvent({ type: "status", status: "none", source: "municipality" }, facts("drafting"));
    expect(decision).toEqual({ ok: true, event: { effectiveDate: TODAY, conceptKind: null } });
    const inherited = decideEvent(change("council_adopted"), facts("drafting"));
    expect(inherited).toEqual({ ok: true, event: { effectiveDate: "2024-05-01", conceptKind: "INSEK" } });
    const own = decideEvent(change("council_adopted", { conceptKind: "INGEKO" }), facts("drafting"));
    expect(own.ok && own.event.conceptKind).toBe("INGEKO");
  });

  it("needs a concept kind when the status in force names none", () => {
    const f = facts("none", { stateOnDate: { status: "none", conceptKind: null, adoptionOnRecord: false } });
    expect(codes(change("drafting"), f)).toEqual(["CONCEPT_KIND_REQUIRED"]);
    expect(codes(change("drafting", { conceptKind: "INGEKO" }), f)).toEqual([]);
  });

  it("bounds the effective date by 1990-01-01 and today", () => {
    expect(codes(change("drafting", { effectiveDate: "1989-12-31" }), facts("initial"))).toEqual(["EFFECTIVE_DATE_OUT_OF_RANGE"]);
    expect(codes(change("drafting", { effectiveDate: "1990-01-01" }), facts("initial"))).toEqual([]);
    expect(codes(change("drafting", { effectiveDate: TODAY }), facts("initial"))).toEqual([]);
    expect(codes(change("drafting", { effectiveDate: "2026-11-26" }), facts("initial"))).toEqual(["EFFECTIVE_DATE_OUT_OF_RANGE"]);
  });

  it("checks the resolution date of an adoption", () => {
    expect(codes(change("council_adopted", { councilResolutionDate: null }), facts("drafting"))).toEqual(["COUNCIL_RESOLUTION_REQUIRED"]);
    expect(codes(change("council_adopted", { councilResolutionDate: "2024-05-02" }), facts("drafting"))).toEqual([
      "COUNCIL_RESOLUTION_AFTER_EFFECTIVE",
    ]);
    expect(codes(change("council_adopted", { councilResolutionDate: "2024-05-01" }), facts("drafting"))).toEqual([]);
  });

  it("names a resolution after today as such, also when the effective date was left empty (today)", () => {
    const future = { type: "status", status: "council_adopted", source: "municipality", councilResolutionDate: "2026-12-01" } as const;
    const decision = decideEvent(future, facts("drafting"));
    expect(decision).toEqual({
      ok: false,
      issues: [{ path: "body.councilResolutionDate", code: "COUNCIL_RESOLUTION_IN_FUTURE", message: "a council resolution cannot lie in the future (today is 2026-11-25)" }],
    });
    expect(codes({ ...future, effectiveDate: "2026-11-01" }, facts("drafting"))).toEqual(["COUNCIL_RESOLUTION_IN_FUTURE"]);
  });

  it("lets only the ministry recognise a funding basis, and only on top of an adoption", () => {
    expect(codes(change("funding_eligible", { source: "fs_inge" }), facts("council_adopted"))).toEqual(["FUNDING_ELIGIBLE_BY_SMR_ONLY"]);
    const noAdoption = facts("council_adopted", { stateOnDate: { status: "council_adopted", conceptKind: "INSEK", adoptionOnRecord: false } });
    expect(codes(change("funding_eligible"), noAdoption)).toEqual(["ADOPTION_REQUIRED"]);
    expect(codes(change("updating"), noAdoption)).toEqual(["PREVIOUS_ADOPTION_REQUIRED"]);
  });

  it("refuses events on dates the municipality did not exist, before any state-dependent rule", () => {
    expect(codes(change("funding_eligible"), facts("initial", { existsOnDate: false }))).toEqual(["MUNICIPALITY_NOT_EXISTING_ON_DATE"]);
  });

  it("checks what a correction names", () => {
    expect(codes(change("drafting"), facts("initial", { superseded: { found: false, alreadySuperseded: false } }))).toEqual([
      "SUPERSEDED_EVENT_NOT_FOUND",
    ]);
    expect(codes(change("drafting"), facts("initial", { superseded: { found: true, alreadySuperseded: true } }))).toEqual([
      "EVENT_ALREADY_SUPERSEDED",
    ]);
  });

  it("takes confirmations only for today, and only as confirmations", () => {
    const f: EventFacts = { today: TODAY, existsOnDate: true };
    expect(decideEvent({ type: "confirmation", source: "municipality" }, f)).toEqual({
      ok: true,
      event: { effectiveDate: TODAY, conceptKind: null },
    });
    expect(codes({ type: "confirmation", source: "municipality", effectiveDate: "2026-11-24" }, f)).toEqual(["CONFIRMATION_NOT_TODAY"]);
    expect(codes({ type: "confirmation", source: "municipality", councilResolutionDate: "2020-01-01", horizonYear: 2030 }, f)).toEqual([
      "VALIDATION_FAILED",
      "VALIDATION_FAILED",
    ]);
    expect(codes({ type: "confirmation", source: "municipality" }, { today: TODAY, existsOnDate: false })).toEqual([
      "MUNICIPALITY_NOT_EXISTING_ON_DATE",
    ]);
  });
});
