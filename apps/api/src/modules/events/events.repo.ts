import type { ConceptKind, EventSource, EventType, Rules, Status, StatusEvent } from "@insek/contracts";
import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { type RecordRow, recordsOn } from "../insek-state/insek-state.sql.js";
import { existsOn } from "../registry/validity.js";

const { statusEvents } = schema;

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
  predecessor_name: string | null;
}

const eventColumns = sql`e.id, e.ags, e.type, e.status, e.concept_kind, e.effective_date::text as effective_date,
  to_char(e.recorded_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as recorded_at, coalesce((select u.display_name from users u where u.id::text = e.recorded_by), case when e.recorded_by like 'update-request:%' then 'Aktualisierungslink' end) as recorded_by, e.source,
  e.note, e.note_internal, e.council_resolution_date::text as council_resolution_date, e.document_url, e.horizon_year, e.supersedes,
  (select s.id from status_events s where s.supersedes = e.id) as superseded_by, e.version`;

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
    version: row.version,
    predecessor: row.predecessor_name === null ? null : { ags: row.ags, name: row.predecessor_name },
  };
}

export async function municipalityExists(db: Db, ags: string): Promise<boolean> {
  const rows = await queryRows<{ ags: string }>(db, sql`select ags from municipalities where ags = ${ags}`);
  return rows.length > 0;
}

export async function existsOnDate(db: Db, ags: string, date: string): Promise<boolean> {
  const [row] = await queryRows<{ exists: boolean }>(
    db,
    sql`select ${existsOn(date)} as exists from municipalities where ags = ${ags}`,
  );
  return row?.exists ?? false;
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

/** The event `id` if it belongs to `ags`, and whether a later event already corrects it. */
export async function eventOf(db: Db, ags: string, id: number) {
  const [row] = await queryRows<{ superseded: boolean }>(
    db,
    sql`select exists (select 1 from status_events s where s.supersedes = e.id) as superseded
        from status_events e where e.id = ${id} and e.ags = ${ags}`,
  );
  return row ? { superseded: row.superseded } : undefined;
}

/**
 * Takes the next record version: only from `expected` (optimistic concurrency), or from whatever the
 * version is (`"current"`, for imports inside their own transaction). The row stays locked until the
 * transaction ends, so concurrent writers to the same municipality queue here. Undefined: the version
 * was not `expected` (or the municipality is unknown).
 */
export async function claimNextVersion(db: Db, ags: string, expected: number | "current"): Promise<number | undefined> {
  const condition: SQL = expected === "current" ? sql`true` : sql`record_version = ${expected}`;
  const [row] = await queryRows<{ record_version: number }>(
    db,
    sql`update municipalities set record_version = record_version + 1
        where ags = ${ags} and ${condition}
        returning record_version`,
  );
  return row?.record_version;
}

/**
 * The record on `date` (the one definition, `recordsOn`) computed over the history without the event
 * being corrected: a CTE named `status_events` hides the table from `recordsOn` and leaves out that
 * event and the events it had itself replaced (so they do not come back to life).
 */
export async function recordWithout(
  db: Db,
  rules: Rules,
  ags: string,
  date: string,
  corrected: number | null,
): Promise<RecordRow | undefined> {
  const [row] = await queryRows<RecordRow>(
    db,
    sql`with recursive replaced(id, supersedes) as (
          select id, supersedes from public.status_events where id = ${corrected ?? -1}
          union
          select e.id, e.supersedes from public.status_events e join replaced r on e.id = r.supersedes
        ),
        status_events as (
          select * from public.status_events
          where ags = ${ags} and id not in (select id from replaced)
        )
        select r.* from (${recordsOn(date, rules, sql`m.ags = ${ags}`)}) r`,
  );
  return row;
}

export type NewEventRow = typeof statusEvents.$inferInsert;

export async function insertEvent(db: Db, row: NewEventRow): Promise<number> {
  const [inserted] = await db.insert(statusEvents).values(row).returning({ id: statusEvents.id });
  if (!inserted) throw new Error("insert returned no row");
  return inserted.id;
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
