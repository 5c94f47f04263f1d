import type { ConceptKind, EventInput, EventSource, Status } from "@insek/contracts";
import type { Clock } from "../../lib/clock.js";
import type { RecordRow } from "../records/records.sql.js";
import type { EventAuditEntry, EventToWrite, HistoryFacts } from "./events.repo.js";
import type { EventActor } from "./events.types.js";
import type { EventFacts } from "./status-rules.js";

/** The rules' view of what was read of the history. */
export function toRuleFacts(
  today: string,
  existsOnDate: boolean,
  input: EventInput,
  target: HistoryFacts["target"],
  record: RecordRow | undefined,
): EventFacts {
  const corrected = input.supersedes ?? null;
  const facts: EventFacts = { today, existsOnDate };
  if (corrected !== null) facts.superseded = { found: target?.found ?? false, alreadySuperseded: target?.superseded ?? false };
  if (record) {
    facts.stateOnDate = {
      status: record.status_since === null ? "initial" : (record.status as Status),
      conceptKind: record.concept_kind as ConceptKind | null,
      // Every adoption carries its council resolution date (a rule of this service), so a resolution
      // date on record means an adoption on record.
      adoptionOnRecord: record.council_resolution_date !== null,
    };
  }
  return facts;
}

/**
 * recorded_by as releases before decision 0024 wrote it (the widen step keeps it filled until a later
 * release drops it): the account's id, or "update-request:<id>" for an answer through a link.
 */
function legacyRecordedBy(actor: EventActor): string | null {
  if (actor.userId !== null) return actor.userId;
  return actor.via === "update_request" && actor.updateRequestId != null ? `update-request:${actor.updateRequestId}` : null;
}

/** The row of an event the rules accepted, and its audit entry (when the actor writes one). */
export function eventToWrite(
  clock: Clock,
  ags: string,
  input: EventInput & { source: EventSource },
  decided: { conceptKind: ConceptKind | null; effectiveDate: string },
  version: number,
  actor: EventActor,
): { row: EventToWrite; entry: EventAuditEntry | undefined } {
  const status = input.type === "status" ? (input.status ?? null) : null;
  const supersedes = input.supersedes ?? null;
  return {
    row: {
      ags,
      type: input.type,
      status,
      conceptKind: decided.conceptKind,
      effectiveDate: decided.effectiveDate,
      recordedAt: clock().toISOString(),
      recordedBy: legacyRecordedBy(actor),
      recordedByUserId: actor.userId,
      recordedVia: actor.via,
      updateRequestId: actor.updateRequestId ?? null,
      source: input.source,
      note: input.note ?? null,
      noteInternal: input.noteInternal ?? false,
      councilResolutionDate: input.councilResolutionDate ?? null,
      documentUrl: input.documentUrl ?? null,
      horizonYear: input.horizonYear ?? null,
      supersedes,
      version,
      conceptId: actor.conceptId ?? null,
    },
    entry: actor.auditEntry?.({ type: input.type, status, effectiveDate: decided.effectiveDate, supersedes, version }),
  };
}
