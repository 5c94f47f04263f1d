import {
  type ConceptKind,
  ERROR_CODES,
  type EventInput,
  type MunicipalityDetail,
  type Rules,
  type EventSource,
  type StatusEvent,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError } from "../../lib/errors.js";
import { municipalityNotFound } from "../municipalities/ags-param.js";
import { findMunicipality, municipalityExists } from "../municipalities/municipalities.repo.js";
import * as repo from "./events.repo.js";
import { type EventFacts, decideEvent, effectiveDateOf } from "./status-rules.js";
import { eventToWrite, toRuleFacts } from "./event-row.js";
import type { EventActor, EventCreated, EventDeps, PlainWrite } from "./events.types.js";
import { writePlainEvents } from "./write-batch.js";

/** The version a change built on is not the record's version any more (412). */
export class StaleVersionError extends AppError {
  constructor() {
    super(412, ERROR_CODES.versionMismatch, "The record has changed since you read it: reload it and apply your change again");
  }
}

/** 412 with the municipality as it is now, so that the client can show what changed. */
export class VersionMismatchError extends StaleVersionError {
  constructor(readonly current: MunicipalityDetail) {
    super();
  }
}

/** The municipality's history with its predecessors' events (marked). */
export async function listEvents(db: Db, ags: string): Promise<StatusEvent[]> {
  if (!(await municipalityExists(db, ags))) throw municipalityNotFound(ags);
  return repo.eventHistory(db, ags);
}

/**
 * Records a status change or a confirmation on top of record version `expectedVersion`, in one
 * transaction: the version is claimed first (412 when it moved on), then the rules are checked (422),
 * then the event is written with the new version.
 */
export async function recordEvent(
  deps: EventDeps,
  ags: string,
  input: EventInput,
  expectedVersion: number,
  actor: EventActor,
): Promise<EventCreated> {
  try {
    const written = await tryBatchedWrite(deps, ags, input, expectedVersion, actor);
    if (written) return written;
    return await deps.db.transaction((tx) => recordEventIn(tx, deps, ags, input, expectedVersion, actor));
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    const current = await findMunicipality(deps.db, deps.rules, ags, todayInSaxony(deps.clock));
    if (!current) throw municipalityNotFound(ags);
    throw new VersionMismatchError(current);
  }
}

/**
 * The usual write, a plain confirmation or status change (no correction, nothing to write besides the
 * event and its audit entry), through the batched path (write-batch.ts): without an explicit
 * transaction, together with the plain writes of other requests in flight. Undefined when that path
 * did not write it (record read at another version, version moved on, unknown municipality, not
 * existing on the date, a rule broken): the full path then answers, with the same rules and errors.
 */
async function tryBatchedWrite(
  deps: EventDeps,
  ags: string,
  given: EventInput,
  expectedVersion: number,
  actor: EventActor,
): Promise<EventCreated | undefined> {
  if ((given.supersedes ?? null) !== null || actor.afterWrite) return undefined;
  const write: PlainWrite = { ags, input: { ...given, source: given.source ?? actor.defaultSource }, expectedVersion, actor };
  if (deps.writes) return deps.writes.write(write);
  const [created] = await writePlainEvents(deps, [write]);
  return created;
}

/**
 * Records one event inside the caller's transaction, with every rule of the POST route. `expected`:
 * the record version the change builds on, or "current" (bulk import, which holds its own transaction).
 */
export async function recordEventIn(
  tx: Db,
  deps: EventDeps,
  ags: string,
  given: EventInput,
  expected: number | "current",
  actor: EventActor,
): Promise<EventCreated> {
  const input = { ...given, source: given.source ?? actor.defaultSource };
  const today = todayInSaxony(deps.clock);
  const effectiveDate = effectiveDateOf(input, today);
  // One statement: the version claim (which locks the municipality's row) and its existence on the date.
  const claimed = await repo.claimVersionOn(tx, ags, expected, effectiveDate);
  if (claimed === undefined) {
    if (!(await municipalityExists(tx, ags))) throw municipalityNotFound(ags);
    throw new StaleVersionError();
  }
  const { version } = claimed;

  // Read after the claim, in a statement of its own: it sees every event committed before the row lock was granted.
  const decided = await decideOrRefuse(tx, deps.rules, ags, input, effectiveDate, today, claimed.existsOnDate, actor);
  const event = await writeEvent(tx, deps, ags, input, decided, version, actor);
  const created = { event, version };
  await actor.afterWrite?.(tx, created);
  return created;
}

/** Writes the row and audit entry of an event the rules accepted, in `tx`; unique violations as API errors. */
async function writeEvent(
  tx: Db,
  deps: EventDeps,
  ags: string,
  input: EventInput & { source: EventSource },
  decided: { conceptKind: ConceptKind | null; effectiveDate: string },
  version: number,
  actor: EventActor,
): Promise<StatusEvent> {
  const { row, entry } = eventToWrite(deps.clock, ags, input, decided, version, actor);
  try {
    return await repo.insertEventWithAudit(tx, row, entry);
  } catch (error) {
    // Both guarded by the row lock taken with the version; kept as a last line should they ever race.
    if (repo.isUniqueViolation(error, repo.VERSION_CONSTRAINT)) throw new StaleVersionError();
    if (repo.isUniqueViolation(error, repo.SUPERSEDES_CONSTRAINT)) {
      throw new AppError(422, ERROR_CODES.eventAlreadySuperseded, "this event has already been corrected", [
        { path: "body.supersedes", code: ERROR_CODES.eventAlreadySuperseded, message: "this event has already been corrected" },
      ]);
    }
    throw error;
  }
}

/**
 * Checks an event against the status rules on the record as it stands, and writes nothing: the answers of
 * `recordEventIn` for an unknown municipality (404), a correction the actor may not make (403) and a broken
 * rule (422), without claiming a version (e.g. an update-request answer that waits for review).
 */
export async function checkEvent(db: Db, deps: Pick<EventDeps, "clock" | "rules">, ags: string, given: EventInput, actor: EventActor): Promise<void> {
  const input = { ...given, source: given.source ?? actor.defaultSource };
  const today = todayInSaxony(deps.clock);
  const effectiveDate = effectiveDateOf(input, today);
  const existsOnDate = await repo.existsOnDate(db, ags, effectiveDate);
  if (existsOnDate === undefined) throw municipalityNotFound(ags);
  await decideOrRefuse(db, deps.rules, ags, input, effectiveDate, today, existsOnDate, actor);
}

/** The status rules' decision on the history as read: the event as decided, or a 403/422 error. */
async function decideOrRefuse(
  db: Db,
  rules: Rules,
  ags: string,
  input: EventInput,
  effectiveDate: string,
  today: string,
  existsOnDate: boolean,
  actor: EventActor,
): Promise<{ conceptKind: ConceptKind | null; effectiveDate: string }> {
  const { facts, target } = await readRuleFacts(db, rules, ags, input, effectiveDate, today, existsOnDate);
  if (target?.found && target.source !== null && !actor.correctable.includes(target.source)) {
    const message = `an event with source ${target.source} can only be corrected by an account that may record it`;
    throw new AppError(403, ERROR_CODES.correctionNotAllowed, message, [{ path: "body.supersedes", code: ERROR_CODES.correctionNotAllowed, message }]);
  }
  const decision = decideEvent(input, facts);
  if (!decision.ok) {
    const [first] = decision.issues;
    throw new AppError(422, first?.code ?? ERROR_CODES.validation, first?.message ?? "The event breaks a status rule", decision.issues);
  }
  return decision.event;
}

/** Reads what the status rules need of the history (one statement) and gives it their shape (`toRuleFacts`). */
async function readRuleFacts(
  tx: Db,
  rules: Rules,
  ags: string,
  input: EventInput,
  effectiveDate: string,
  today: string,
  existsOnDate: boolean,
): Promise<{ facts: EventFacts; target: repo.HistoryFacts["target"] }> {
  const { target, record } = await repo.historyFacts(tx, rules, ags, effectiveDate, input.supersedes ?? null, input.type === "status" && existsOnDate);
  return { facts: toRuleFacts(today, existsOnDate, input, target, record), target };
}
