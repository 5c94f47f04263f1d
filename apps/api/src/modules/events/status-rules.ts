import {
  type ConceptKind,
  ERROR_CODES,
  type EventInput,
  type TransitionFrom,
  councilResolutionIssues,
  effectiveDateIssues,
  isAllowedTransition,
} from "@insek/contracts";
import type { FieldIssue } from "../../lib/errors.js";


/** What the rules need to know about the municipality's history, read in the writing transaction. */
export interface EventFacts {
  /** Today in Saxony. */
  today: string;
  /** The municipality exists on the event's effective date. */
  existsOnDate: boolean;
  /** The event named by `supersedes`, when one is named. */
  superseded?: { found: boolean; alreadySuperseded: boolean };
  /**
   * The record on the effective date, without the superseded event (absent when the municipality does not
   * exist on that date). `status` "initial": no live status event on or before the date.
   */
  stateOnDate?: { status: TransitionFrom; conceptKind: ConceptKind | null; adoptionOnRecord: boolean };
}

/** The event as it will be stored: defaults applied, concept kind inherited. */
export interface ResolvedEvent {
  effectiveDate: string;
  conceptKind: ConceptKind | null;
}

export type EventDecision = { ok: true; event: ResolvedEvent } | { ok: false; issues: FieldIssue[] };

const STATUS_ONLY_FIELDS = ["conceptKind", "councilResolutionDate", "documentUrl", "horizonYear"] as const;

function issue(field: string, code: string, message: string): FieldIssue {
  return { path: `body.${field}`, code, message };
}

/** The effective date of an event: as given, or today. */
export function effectiveDateOf(input: Pick<EventInput, "effectiveDate">, today: string): string {
  return input.effectiveDate ?? today;
}

/**
 * Checks a new event against the status rules. Issues come in a fixed order (the first one names the
 * response's code): the event's own dates and references first, then what it requires of the history,
 * then the transition.
 */
export function decideEvent(input: EventInput, facts: EventFacts): EventDecision {
  const effectiveDate = effectiveDateOf(input, facts.today);
  const issues: FieldIssue[] = [];

  if (input.type === "confirmation") {
    if (effectiveDate !== facts.today) {
      issues.push(issue("effectiveDate", ERROR_CODES.confirmationNotToday, `a confirmation is effective today (${facts.today})`));
    }
    for (const field of STATUS_ONLY_FIELDS) {
      if (input[field] !== undefined && input[field] !== null) {
        issues.push(issue(field, ERROR_CODES.validation, "a confirmation changes nothing: record a status event instead"));
      }
    }
  } else {
    issues.push(...effectiveDateIssues(effectiveDate, facts.today));
  }

  const dateInRange = issues.every((i) => i.path !== "body.effectiveDate");
  if (dateInRange && !facts.existsOnDate) {
    issues.push(issue("effectiveDate", ERROR_CODES.municipalityNotExisting, `the municipality did not exist on ${effectiveDate}`));
  }
  const supersedesUsable = !facts.superseded || (facts.superseded.found && !facts.superseded.alreadySuperseded);
  if (facts.superseded && !facts.superseded.found) {
    issues.push(issue("supersedes", ERROR_CODES.supersededEventNotFound, "names no event of this municipality"));
  } else if (facts.superseded?.alreadySuperseded) {
    issues.push(issue("supersedes", ERROR_CODES.eventAlreadySuperseded, "this event has already been corrected"));
  }

  if (input.type === "confirmation" || input.status === undefined) {
    return issues.length > 0 ? { ok: false, issues } : { ok: true, event: { effectiveDate, conceptKind: null } };
  }
  const to = input.status;

  issues.push(...councilResolutionIssues(input, effectiveDate, facts.today));
  if (to === "funding_eligible" && input.source !== "smr") {
    issues.push(issue("source", ERROR_CODES.fundingEligibleBySmrOnly, "only the ministry (source smr) recognises a funding basis"));
  }

  // The rules below depend on the history on that date, which only means something once the date and the
  // corrected event are valid (each failure here has left an issue).
  if (!dateInRange || !facts.existsOnDate || !supersedesUsable) return { ok: false, issues };
  const state = facts.stateOnDate;
  if (!state) throw new Error(`no record on ${effectiveDate} although the municipality exists then`);

  if (to === "funding_eligible" && !state.adoptionOnRecord) {
    issues.push(issue("status", ERROR_CODES.adoptionRequired, `no adopted concept on record on ${effectiveDate}`));
  }
  if (to === "updating" && !state.adoptionOnRecord) {
    issues.push(issue("status", ERROR_CODES.previousAdoptionRequired, `an update needs an adopted concept on record on ${effectiveDate}`));
  }
  const conceptKind = input.conceptKind ?? (to === "none" ? null : state.conceptKind);
  if (to !== "none" && conceptKind === null) {
    issues.push(issue("conceptKind", ERROR_CODES.conceptKindRequired, "INSEK or INGEKO: the record on that date names none"));
  }
  if (!isAllowedTransition(state.status, to)) {
    issues.push(
      issue(
        "status",
        ERROR_CODES.invalidTransition,
        state.status === to
          ? `the status on ${effectiveDate} is already ${to}: record a confirmation instead`
          : `${state.status} cannot change to ${to}`,
      ),
    );
  }

  return issues.length > 0 ? { ok: false, issues } : { ok: true, event: { effectiveDate, conceptKind } };
}
