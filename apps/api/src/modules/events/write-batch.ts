import { isDatabaseUnavailable } from "@insek/db";
import { todayInSaxony } from "../../lib/clock.js";
import type { RecordRow } from "../records/records.sql.js";
import { eventToWrite, toRuleFacts } from "./event-row.js";
import * as repo from "./events.repo.js";
import type { EventCreated, EventDeps, PlainEventWriter, PlainWrite } from "./events.types.js";
import { type EventFacts, decideEvent, effectiveDateOf } from "./status-rules.js";

/**
 * Writes plain events of several requests together, in two statements whatever their number: the
 * records (with their versions) of the municipalities that get a status change, then the version
 * claims, events and audit entries of every write the rules accept (`claimAndInsertEvents`). Each
 * claim only succeeds on the version its record was read at, and every write to a municipality's
 * history raises that version, so the history a change was checked against is the history it is
 * appended to. One write per municipality: a further one is not written here. Answers, per write, the
 * event written, or undefined when this path did not write it (read at another version, version moved
 * on, unknown municipality, not existing on the date, a rule broken, the statement refused by the
 * database as a whole, e.g. a deadlock with another instance): the caller then takes the full path,
 * which answers with every rule and error. Nothing is written unless the claim, the event and its audit
 * entry are written together. A database that cannot be reached rejects every write.
 */
export async function writePlainEvents(deps: Pick<EventDeps, "db" | "clock" | "rules">, writes: readonly PlainWrite[]): Promise<(EventCreated | undefined)[]> {
  const results: (EventCreated | undefined)[] = writes.map(() => undefined);
  const today = todayInSaxony(deps.clock);
  const first = new Set<number>();
  const seen = new Set<string>();
  writes.forEach((w, i) => {
    if (!seen.has(w.ags)) first.add(i);
    seen.add(w.ags);
  });
  // The status changes need their record on their date: one statement per date (nearly always today).
  const changesOn = new Map<string, string[]>();
  writes.forEach((w, i) => {
    if (!first.has(i) || w.input.type !== "status") return;
    const date = effectiveDateOf(w.input, today);
    const list = changesOn.get(date);
    if (list) list.push(w.ags);
    else changesOn.set(date, [w.ags]);
  });
  const records = new Map<string, RecordRow>();
  const accepted: { index: number; write: repo.ClaimedWrite }[] = [];
  try {
    for (const [date, ags] of changesOn) for (const record of await repo.recordsOfOn(deps.db, deps.rules, date, ags)) records.set(record.ags, record);
    writes.forEach((w, index) => {
      if (!first.has(index)) return;
      const write = buildClaimedWrite(w, today, records.get(w.ags), deps.clock);
      if (write) accepted.push({ index, write });
    });
    const written = new Map((await repo.claimAndInsertEvents(deps.db, accepted.map((a) => a.write))).map((event) => [event.ags, event]));
    for (const { index, write } of accepted) {
      const event = written.get(write.row.ags);
      if (event) results[index] = { event, version: write.row.version };
    }
    return results;
  } catch (error) {
    if (refusedStatement(error)) return writes.map(() => undefined);
    throw error;
  }
}

/**
 * The row and audit entry of a write the rules accept on the record as read, or undefined (the full path
 * answers it: also when building it throws, so that such an error is its own request's, not the batch's).
 */
function buildClaimedWrite(w: PlainWrite, today: string, record: RecordRow | undefined, clock: EventDeps["clock"]): repo.ClaimedWrite | undefined {
  // A correction never takes this path: the full path checks the corrected event and who may correct it.
  if ((w.input.supersedes ?? null) !== null) return undefined;
  try {
    let facts: EventFacts = { today, existsOnDate: true }; // existence on the date is a condition of the claim
    if (w.input.type === "status") {
      if (!record || Number(record.version) !== w.expectedVersion) return undefined;
      facts = toRuleFacts(today, true, w.input, undefined, record);
    }
    const decision = decideEvent(w.input, facts);
    if (!decision.ok) return undefined;
    const { row, entry } = eventToWrite(clock, w.ags, w.input, decision.event, w.expectedVersion + 1, w.actor);
    return { row, expected: w.expectedVersion, entry };
  } catch {
    return undefined;
  }
}

/** An error the database answered to a statement (a SQLSTATE), other than being unreachable: the statement wrote nothing. */
function refusedStatement(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return false;
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code } = e as { code?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return true;
  }
  return false;
}

interface Pending {
  write: PlainWrite;
  resolve: (created: EventCreated | undefined) => void;
  reject: (error: unknown) => void;
}

export interface WriteBatchOptions {
  /** Batches in flight at once (each holds one connection at a time). */
  concurrency: number;
  /** Writes per batch at most. */
  maxBatch: number;
}

/**
 * One batch in flight: measured on two cores (docs/benchmarks.md, api-findings), 1 gave the most
 * events per second (larger batches, less CPU per write) against 2 and 4; more instances add more.
 */
export const DEFAULT_WRITE_BATCH: WriteBatchOptions = { concurrency: 1, maxBatch: 100 };

/**
 * Groups the plain writes of concurrent requests into batches (`writePlainEvents`), group-commit style:
 * a write waits for nothing when fewer than `concurrency` batches are in flight (it goes with the
 * writes that arrived in the same turn of the event loop); otherwise it joins the next batch, which
 * leaves as soon as one in flight is done. A write to a municipality that already has one in the
 * batch or in flight waits for a later batch. Under light load every write is a batch of its own, as fast as before;
 * under load the statements per write fall with the batch size (docs/benchmarks.md).
 */
export class EventWriteBatcher implements PlainEventWriter {
  readonly #queue: Pending[] = [];
  /** Municipalities with a write in a batch in flight: their next write waits for that batch. */
  readonly #busy = new Set<string>();
  #inFlight = 0;
  #scheduled = false;
  #batches = 0;
  #writes = 0;

  constructor(
    private readonly deps: Pick<EventDeps, "db" | "clock" | "rules">,
    private readonly options: WriteBatchOptions = DEFAULT_WRITE_BATCH,
  ) {}

  /** Batches sent and the writes they carried, since the start (GET /metrics). */
  stats(): { batches: number; writes: number } {
    return { batches: this.#batches, writes: this.#writes };
  }

  write(write: PlainWrite): Promise<EventCreated | undefined> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ write, resolve, reject });
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#inFlight >= this.options.concurrency || this.#queue.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      while (this.#inFlight < this.options.concurrency) {
        const batch = this.#take();
        if (batch.length === 0) break;
        this.#send(batch);
      }
    });
  }

  /**
   * The next batch: queued writes in order, up to `maxBatch`, one per municipality and none of a
   * municipality with a write in flight (so that writes to one municipality are written in the order
   * they came, each on the history the one before left).
   */
  #take(): Pending[] {
    const batch: Pending[] = [];
    const municipalities = new Set<string>();
    for (let i = 0; i < this.#queue.length && batch.length < this.options.maxBatch; ) {
      const pending = this.#queue[i] as Pending;
      const { ags } = pending.write;
      if (municipalities.has(ags) || this.#busy.has(ags)) {
        i += 1;
        continue;
      }
      municipalities.add(ags);
      batch.push(pending);
      this.#queue.splice(i, 1);
    }
    return batch;
  }

  #send(batch: Pending[]): void {
    this.#inFlight += 1;
    this.#batches += 1;
    this.#writes += batch.length;
    for (const p of batch) this.#busy.add(p.write.ags);
    writePlainEvents(
      this.deps,
      batch.map((p) => p.write),
    )
      .then(
        (results) => batch.forEach((p, i) => p.resolve(results[i])),
        (error: unknown) => batch.forEach((p) => p.reject(error)),
      )
      .finally(() => {
        this.#inFlight -= 1;
        for (const p of batch) this.#busy.delete(p.write.ags);
        this.#schedule();
      });
  }
}
