import type { EventInput, EventSource, EventType, Rules, Status, StatusEvent } from "@insek/contracts";
import type { Db } from "@insek/db";
import type { Clock } from "../../lib/clock.js";
import type { EventAuditEntry, NewEventRow } from "./events.repo.js";

/*
 * The types the write path shares (events.service, write-batch, event-row and the modules that record
 * events): kept apart so that none of those files needs another only for its types.
 */

export interface EventDeps {
  db: Db;
  clock: Clock;
  rules: Rules;
  /** Groups the plain writes of concurrent requests (write-batch.ts); without it each is written alone. */
  writes?: PlainEventWriter | undefined;
}

/** Writes a plain event, or answers undefined when the full path must (write-batch.ts `EventWriteBatcher`). */
export interface PlainEventWriter {
  write(write: PlainWrite): Promise<EventCreated | undefined>;
}

/** How an event reached the history (status_events.recorded_via, decision 0024). */
export type RecordedVia = NonNullable<NewEventRow["recordedVia"]>;

/**
 * Who records the event: the account (recorded_by_user_id), the channel it came through, the update
 * request behind it (a link answer or its review), and its default source.
 */
export interface EventActor {
  userId: string | null;
  via: RecordedVia;
  updateRequestId?: number | null;
  defaultSource: EventSource;
  /** The concept record the event belongs to (a council resolution recorded on a concept, decision 0027). */
  conceptId?: number | null;
  /**
   * The sources of the events this actor may correct (`supersedes`): those of events it may record itself
   * (event-visibility.ts `correctableSources`), so that no one undoes an event they could not have made.
   */
  correctable: readonly EventSource[];
  /**
   * The audit entry, written in the same statement as the event (its details get the event's `eventId`).
   * Preferred over `afterWrite` for a plain audit entry: it saves a round trip per event.
   */
  auditEntry?: (written: EventWritten) => EventAuditEntry;
  /** Written in the same transaction as the event (e.g. an audit entry that needs more than `auditEntry` gives). */
  afterWrite?: (tx: Db, created: EventCreated) => Promise<void>;
}

/** The event about to be written, as its audit entry may describe it (the id comes from the database). */
export interface EventWritten {
  type: EventType;
  status: Status | null;
  effectiveDate: string;
  supersedes: number | null;
  version: number;
}

export interface EventCreated {
  event: StatusEvent;
  version: number;
}

/** A plain write (a status change or confirmation, no correction) on top of record version `expectedVersion`. */
export interface PlainWrite {
  ags: string;
  input: EventInput & { source: EventSource };
  expectedVersion: number;
  actor: EventActor;
}
