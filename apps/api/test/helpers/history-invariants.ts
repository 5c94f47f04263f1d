import { type Db, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";

/** Audit actions written in the same transaction as a status event (events routes, bulk import). */
export const EVENT_AUDIT_ACTIONS = ["status_event.created", "status_event.imported"] as const;

export interface HistoryInvariants {
  /** Number of status events in the database. */
  events: number;
  /** Number of audit entries of the event actions. */
  eventAudits: number;
  /** Every violated invariant, described (empty when the history is sound). */
  problems: string[];
}

/**
 * The invariants of the status history after any sequence of requests, crashes or outages:
 * - the versions of each municipality's events are 1..n without gaps or duplicates, and the
 *   municipality's record_version is n (a claimed version without its event is a half-written change);
 * - every event has exactly one audit entry naming it (written in its transaction), and every such
 *   audit entry names an existing event (no orphans).
 */
export async function historyInvariants(db: Db): Promise<HistoryInvariants> {
  const problems: string[] = [];
  const [counts] = await queryRows<{ events: string; audits: string }>(
    db,
    sql`select (select count(*) from status_events)::text as events,
               (select count(*) from audit_log where action in ('status_event.created', 'status_event.imported'))::text as audits`,
  );
  const versionProblems = await queryRows<{ ags: string; n: string; max: number | null; min: number | null; distinct_versions: string; record_version: number }>(
    db,
    sql`select m.ags, count(e.id)::text as n, max(e.version) as max, min(e.version) as min,
               count(distinct e.version)::text as distinct_versions, m.record_version
        from municipalities m left join status_events e on e.ags = m.ags
        group by m.ags, m.record_version
        having count(e.id) <> coalesce(max(e.version), 0)
            or count(distinct e.version) <> count(e.id)
            or (count(e.id) > 0 and min(e.version) <> 1)
            or m.record_version <> coalesce(max(e.version), 0)`,
  );
  for (const row of versionProblems) {
    problems.push(
      `municipality ${row.ags}: ${row.n} events, versions ${row.min ?? "-"}..${row.max ?? "-"} (${row.distinct_versions} distinct), record_version ${row.record_version}`,
    );
  }
  const unaudited = await queryRows<{ id: string }>(
    db,
    sql`select e.id::text as id from status_events e
        where (select count(*) from audit_log a
               where a.action in ('status_event.created', 'status_event.imported')
                 and (a.details->>'eventId')::bigint = e.id) <> 1
        limit 20`,
  );
  for (const row of unaudited) problems.push(`event ${row.id} does not have exactly one audit entry`);
  const orphans = await queryRows<{ id: string }>(
    db,
    sql`select a.id::text as id from audit_log a
        where a.action in ('status_event.created', 'status_event.imported')
          and not exists (select 1 from status_events e where e.id = (a.details->>'eventId')::bigint)
        limit 20`,
  );
  for (const row of orphans) problems.push(`audit entry ${row.id} names an event that does not exist`);
  return { events: Number(counts?.events ?? 0), eventAudits: Number(counts?.audits ?? 0), problems };
}

/** The ids of all status events, for checking that acknowledged writes are present. */
export async function eventIds(db: Db): Promise<Set<number>> {
  const rows = await queryRows<{ id: string }>(db, sql`select id::text as id from status_events`);
  return new Set(rows.map((r) => Number(r.id)));
}
