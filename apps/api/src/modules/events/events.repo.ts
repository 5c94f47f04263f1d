import type { ConceptKind, EventSource, EventType, Rules, Status, StatusEvent } from "@insek/contracts";
import { type Db, queryPrepared, queryRows, type schema } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { type RecordRow, recordsFromHistory, recordsOn } from "../records/records.sql.js";
import { existsOn } from "../registry/validity.js";

interface EventRow {
  id: number | string;
  ags: string;
  type: string;
  status: string | null;
  concept_kind: string | null;
  effective_date: string;
  recorded_at: string;
  recorded_by: string | null;
  source: string;
  note: string | null;
  note_internal: boolean;
  council_resolution_date: string | null;
  document_url: string | null;
  horizon_year: number | null;
  supersedes: number | string | null;
  superseded_by: number | string | null;
  version: number;
  concept_id: number | string | null;
  predecessor_name: string | null;
}

/**
 * Who recorded an event, as readers see it (history JSON and events.csv alike): an account's display name
 * (recorded_by_user_id), "Aktualisierungslink" for an answer through an update-request link (channel
 * `update_request`), otherwise null. `e` is the alias of the status_events row.
 */
export function recordedByName(e: SQL): SQL {
  return sql`coalesce(
    (select u.display_name from users u where u.id = ${e}.recorded_by_user_id),
    case when ${e}.recorded_via = 'update_request' then 'Aktualisierungslink' end)`;
}

const eventColumns = sql`e.id, e.ags, e.type, e.status, e.concept_kind, e.effective_date::text as effective_date,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, ${recordedByName(sql`e`)} as recorded_by, e.source,
  e.note, e.note_internal, e.council_resolution_date::text as council_resolution_date, e.document_url, e.horizon_year, e.supersedes,
  (select s.id from status_events s where s.supersedes = e.id) as superseded_by, e.version, e.concept_id`;

function toStatusEvent(row: EventRow): StatusEvent {
  const id = (value: number | string | null) => (value === null ? null : Number(value));
  return {
    id: Number(row.id),
    ags: row.ags,
    type: row.type as EventType,
    status: row.status as Status | null,
    conceptKind: row.concept_kind as ConceptKind | null,
    effectiveDate: row.effective_date,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
    source: row.source as EventSource,
    note: row.note,
    noteInternal: row.note_internal,
    councilResolutionDate: row.council_resolution_date,
    documentUrl: row.document_url,
    horizonYear: row.horizon_year,
    supersedes: id(row.supersedes),
    supersededBy: id(row.superseded_by),
    conceptId: id(row.concept_id),
    version: row.version,
    predecessor: row.predecessor_name === null ? null : { ags: row.ags, name: row.predecessor_name },
  };
}

/**
 * The municipality's events and those of its predecessors (every municipality whose successor chain leads
 * to it), by effective date, then id.
 */
export async function eventHistory(db: Db, ags: string): Promise<StatusEvent[]> {
  const rows = await queryRows<EventRow>(
    db,
    sql`with recursive lineage(ags) as (
          select ${ags}::char(8)
          union
          select m.ags from municipalities m join lineage l on m.successor_ags = l.ags
        )
        select ${eventColumns}, case when e.ags <> ${ags} then m.name end as predecessor_name
        from status_events e
        join lineage l on l.ags = e.ags
        join municipalities m on m.ags = e.ags
        order by e.effective_date, e.id`,
  );
  return rows.map(toStatusEvent);
}

export async function eventById(db: Db, id: number): Promise<StatusEvent | undefined> {
  const [row] = await queryRows<EventRow>(
    db,
    sql`select ${eventColumns}, null as predecessor_name from status_events e where e.id = ${id}`,
  );
  return row ? toStatusEvent(row) : undefined;
}

/**
 * Takes the next record version: only from `expected` (optimistic concurrency), or from whatever the
 * version is (`"current"`, for imports inside their own transaction). The row stays locked until the
 * transaction ends, so concurrent writers to the same municipality queue here. In the same statement:
 * whether the municipality exists on `date` (from the row as locked, i.e. the newest committed registry
 * state). Undefined: the version was not `expected` or the municipality is unknown (tell them apart with
 * municipalities.repo `municipalityExists`, only on this rare path).
 */
export async function claimVersionOn(
  db: Db,
  ags: string,
  expected: number | "current",
  date: string,
): Promise<{ version: number; existsOnDate: boolean } | undefined> {
  const condition: SQL = expected === "current" ? sql`true` : sql`record_version = ${expected}`;
  const [row] = await queryPrepared<{ record_version: number; exists_on_date: boolean }>(
    db,
    sql`update municipalities set record_version = record_version + 1
        where ags = ${ags} and ${condition}
        returning record_version, ${existsOn(date)} as exists_on_date`,
  );
  return row ? { version: row.record_version, existsOnDate: row.exists_on_date } : undefined;
}

/** Whether the municipality exists on `date`; undefined when it is unknown. Reads only (no version claim). */
export async function existsOnDate(db: Db, ags: string, date: string): Promise<boolean | undefined> {
  const [row] = await queryRows<{ exists_on_date: boolean }>(db, sql`select ${existsOn(date)} as exists_on_date from municipalities where ags = ${ags}`);
  return row?.exists_on_date;
}

/** What the status rules need of the history, read in one statement (see `readRuleFacts` in the service). */
export interface HistoryFacts {
  /**
   * The event named by `supersedes` (when one is named): whether it belongs to `ags`, whether it is already
   * corrected, and its source (who may correct it depends on that).
   */
  target?: { found: boolean; superseded: boolean; source: EventSource | null };
  /** The record on the date without the corrected event (when asked for and the municipality exists then). */
  record?: RecordRow;
}

/**
 * One statement for what the rules need of the history: the event named by `corrected` (if any: whether
 * it is an event of `ags`, and whether a later event already corrects it) and, when `withRecord`, the
 * record on `date` (the one definition: `recordsOn`, or for a correction `recordsFromHistory` computed over
 * the history without that event when it is a live event of this municipality: a CTE named
 * `status_events` hides the table and leaves out the corrected event and the events it had itself
 * replaced, so they do not come back to life).
 */
export async function historyFacts(
  db: Db,
  rules: Rules,
  ags: string,
  date: string,
  corrected: number | null,
  withRecord: boolean,
): Promise<HistoryFacts> {
  const target = sql`select e.id, e.source,
            exists (select 1 from public.status_events s where s.supersedes = e.id) as superseded
          from public.status_events e where e.id = ${corrected ?? -1} and e.ags = ${ags}`;
  if (!withRecord) {
    if (corrected === null) return {};
    const [row] = await queryPrepared<{ superseded: boolean; source: EventSource }>(db, target);
    return { target: { found: row !== undefined, superseded: row?.superseded ?? false, source: row?.source ?? null } };
  }
  if (corrected === null) {
    // Not a correction: the record as it stands (the derived tables; this writer holds the version claim,
    // so they hold every event committed before it).
    const [record] = await queryPrepared<RecordRow>(db, recordsOn(date, rules, sql`m.ags = ${ags}`));
    return record ? { record } : {};
  }
  // A correction is checked against the record without the corrected event and without what that one
  // had replaced: the history with those events left out (shadowing status_events), so the record is
  // computed from the history itself.
  const rows = await queryPrepared<RecordRow & { target_found: boolean; target_superseded: boolean; target_source: EventSource | null; has_record: boolean }>(
    db,
    sql`with recursive target as (${target}),
        replaced(id, supersedes) as (
          select e.id, e.supersedes from public.status_events e join target t on t.id = e.id and not t.superseded
          union
          select e.id, e.supersedes from public.status_events e join replaced r on e.id = r.supersedes
        ),
        status_events as (
          select * from public.status_events
          where ags = ${ags} and id not in (select id from replaced)
        )
        select exists (select 1 from target) as target_found,
          coalesce((select t.superseded from target t), false) as target_superseded,
          (select t.source from target t) as target_source,
          r.ags is not null as has_record, r.*
        from (select 1) one
        left join (${recordsFromHistory(date, rules, sql`m.ags = ${ags}`)}) r on true`,
  );
  const [row] = rows;
  if (!row) throw new Error("history facts returned no row");
  const { target_found, target_superseded, target_source, has_record, ...record } = row;
  return {
    target: { found: target_found, superseded: target_superseded, source: target_source },
    ...(has_record ? { record } : {}),
  };
}

export type NewEventRow = typeof schema.statusEvents.$inferInsert;

/** The event to write, every column given (`recordedAt` an ISO instant). */
export type EventToWrite = Required<Omit<NewEventRow, "id" | "recordedAt">> & { recordedAt: string };

/** An audit entry written with the event; the event's id is added to its details as `eventId`. */
export interface EventAuditEntry {
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  address: string | null;
  requestId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/**
 * Inserts the event and, in the same statement, its audit entry; answers the event as stored (the
 * columns of `eventById`, from `RETURNING`, not read again). A violated unique constraint surfaces as
 * the driver's error (see `isUniqueViolation`).
 */
export async function insertEventWithAudit(db: Db, row: EventToWrite, entry: EventAuditEntry | undefined): Promise<StatusEvent> {
  const inserted = await insertEvent(db, row, entry);
  if (!inserted) throw new Error("insert returned no row");
  return inserted;
}

/** A write of the batched path: the event (`row.version` is `expected + 1`) and its audit entry. */
export interface ClaimedWrite {
  row: EventToWrite;
  expected: number;
  entry: EventAuditEntry | undefined;
}

/**
 * The version claims, the events and their audit entries of several writes (one per municipality, no
 * correction among them) in one statement; answers the events written, as stored (the columns of
 * `eventById`). A write is left out, with nothing of it written, when its municipality's version was
 * not `expected` or the municipality does not exist on the event's date (its caller then takes the full
 * path, which tells 404, 412 and 422 apart). Each claim takes its row lock in the statement itself; a
 * concurrent writer's commit is re-checked against `expected` (PostgreSQL re-evaluates the condition on
 * the newest row version), so no second writer can build on the same version. The rows travel as one
 * JSON parameter, so the statement (and its prepared plan) is the same for any number of writes.
 */
export async function claimAndInsertEvents(db: Db, writes: readonly ClaimedWrite[]): Promise<StatusEvent[]> {
  if (writes.length === 0) return [];
  const rows = writes.map(({ row, expected, entry }) => ({
    ags: row.ags,
    expected,
    type: row.type,
    status: row.status,
    concept_kind: row.conceptKind,
    effective_date: row.effectiveDate,
    recorded_at: row.recordedAt,
    recorded_by: row.recordedBy,
    recorded_by_user_id: row.recordedByUserId,
    recorded_via: row.recordedVia,
    update_request_id: row.updateRequestId,
    source: row.source,
    note: row.note,
    note_internal: row.noteInternal,
    council_resolution_date: row.councilResolutionDate,
    document_url: row.documentUrl,
    horizon_year: row.horizonYear,
    concept_id: row.conceptId,
    version: row.version,
    audit_at: entry?.at.toISOString() ?? null,
    actor_user_id: entry?.actorUserId ?? null,
    actor_label: entry?.actorLabel ?? null,
    address: entry?.address ?? null,
    request_id: entry?.requestId ?? null,
    action: entry?.action ?? null,
    target: entry?.target ?? null,
    details: entry?.details ?? null,
  }));
  const inserted = await queryPrepared<EventRow>(
    db,
    sql`with v as materialized (
          select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as v(ags char(8), expected int, type text, status text,
            concept_kind text, effective_date date, recorded_at timestamptz, recorded_by text, recorded_by_user_id uuid,
            recorded_via text, update_request_id bigint, source text, note text,
            note_internal boolean, council_resolution_date date, document_url text, horizon_year int, concept_id bigint, version int,
            audit_at timestamptz, actor_user_id uuid, actor_label text, address text, request_id text, action text, target text,
            details jsonb)
        ),
        claim as (
          update municipalities set record_version = municipalities.record_version + 1
          from v
          where municipalities.ags = v.ags and municipalities.record_version = v.expected and v.version = v.expected + 1
            and ${existsOn(sql`v.effective_date`)}
          returning municipalities.ags
        ),
        e as (
          insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, recorded_by, recorded_by_user_id,
            recorded_via, update_request_id, source, note, note_internal, council_resolution_date, document_url, horizon_year, supersedes, version,
            concept_id)
          select v.ags, v.type, v.status, v.concept_kind, v.effective_date, v.recorded_at, v.recorded_by, v.recorded_by_user_id,
            v.recorded_via, v.update_request_id, v.source, v.note,
            v.note_internal, v.council_resolution_date, v.document_url, v.horizon_year, null, v.version, v.concept_id
          from v join claim on claim.ags = v.ags
          returning *
        ),
        audited as (
          insert into audit_log (at, actor_user_id, actor_label, address, request_id, action, target, details)
          select v.audit_at, v.actor_user_id, v.actor_label, v.address, v.request_id, v.action, v.target,
            v.details || jsonb_build_object('eventId', e.id)
          from e join v on v.ags = e.ags
          where v.action is not null
        )
        select ${eventColumns}, null as predecessor_name from e`,
  );
  return inserted.map(toStatusEvent);
}

/**
 * The records on `date` (`recordsOn`, with their versions) of the named municipalities that exist then;
 * one statement, the same for any number of municipalities.
 */
export async function recordsOfOn(db: Db, rules: Rules, date: string, ags: readonly string[]): Promise<RecordRow[]> {
  if (ags.length === 0) return [];
  return queryPrepared<RecordRow>(db, recordsOn(date, rules, sql`m.ags = any(${sql.param(ags)}::char(8)[])`));
}

async function insertEvent(db: Db, row: EventToWrite, entry: EventAuditEntry | undefined): Promise<StatusEvent | undefined> {
  const auditInsert = entry
    ? sql`, audited as (
          insert into audit_log (at, actor_user_id, actor_label, address, request_id, action, target, details)
          select ${entry.at.toISOString()}::timestamptz, ${entry.actorUserId}::uuid, ${entry.actorLabel}::text, ${entry.address}::text,
            ${entry.requestId}::text, ${entry.action}::text, ${entry.target}::text,
            ${JSON.stringify(entry.details)}::jsonb || jsonb_build_object('eventId', e.id)
          from e
        )`
    : sql``;
  const values = sql`${row.ags}::char(8), ${row.type}::text, ${row.status}::text, ${row.conceptKind}::text, ${row.effectiveDate}::date,
    ${row.recordedAt}::timestamptz, ${row.recordedBy}::text, ${row.recordedByUserId}::uuid,
    ${row.recordedVia}::text, ${row.updateRequestId}::bigint, ${row.source}::text, ${row.note}::text, ${row.noteInternal}::boolean,
    ${row.councilResolutionDate}::date, ${row.documentUrl}::text, ${row.horizonYear}::int, ${row.supersedes}::bigint, ${row.version}::int,
    ${row.conceptId}::bigint`;
  const [inserted] = await queryPrepared<EventRow>(
    db,
    sql`with e as (
          insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, recorded_by, recorded_by_user_id,
            recorded_via, update_request_id, source, note, note_internal, council_resolution_date, document_url, horizon_year, supersedes, version,
            concept_id)
          values (${values})
          returning *
        )${auditInsert}
        select ${eventColumns}, null as predecessor_name from e`,
  );
  return inserted ? toStatusEvent(inserted) : undefined;
}

/** True for a unique violation of the named constraint, as either driver reports it (possibly wrapped). */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint: name } = e as Error & { code?: unknown; constraint?: unknown };
    if (code === "23505") return name === constraint;
  }
  return false;
}

export const VERSION_CONSTRAINT = "status_events_version_uq";
export const SUPERSEDES_CONSTRAINT = "status_events_supersedes_uq";
