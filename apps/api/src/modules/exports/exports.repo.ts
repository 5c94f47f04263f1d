import type { ConceptKind, EventSource, EventType, Rules, Status } from "@insek/contracts";
import { type Db, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { isoTimestamp } from "../../lib/timestamps.js";
import { recordedByName } from "../events/events.repo.js";
import { demoDataFlag } from "../settings/settings.repo.js";
import { runningMeasuresOn } from "../funding/funding.repo.js";
import { type MunicipalityFilters, matchingAgs } from "../municipalities/municipalities.repo.js";

export interface EventExportRow {
  id: number;
  ags: string;
  name: string;
  /** The exported municipality whose history this event belongs to (itself, or its successor). */
  historyOfAgs: string;
  historyOfName: string;
  type: EventType;
  status: Status | null;
  conceptKind: ConceptKind | null;
  effectiveDate: string;
  councilResolutionDate: string | null;
  documentUrl: string | null;
  horizonYear: number | null;
  source: EventSource;
  recordedAt: string;
  /** As in the history (recordedByName): a display name, "Aktualisierungslink", or null. */
  recordedBy: string | null;
  note: string | null;
  supersedes: number | null;
  supersededBy: number | null;
  version: number;
  conceptId: number | null;
}

interface RawEventRow extends Omit<EventExportRow, "recordedAt" | "id" | "supersedes" | "supersededBy" | "conceptId"> {
  conceptId: number | string | null;
  id: number | string;
  recordedAt: Date | string;
  supersedes: number | string | null;
  supersededBy: number | string | null;
}

/** What the reader may see beyond the public record (lib/access.ts: canSeeNames, canSeeInternal). */
export interface EventVisibility {
  names: boolean;
  internalNotes: boolean;
}

const toNumber = (v: number | string | null) => (v === null ? null : Number(v));

/**
 * The status history of the municipalities matching the list filters on `asOf`, including the
 * events of their predecessors that had merged into them by then (as on the history page),
 * effective on or before `asOf`; corrections and the events they supersede both appear, linked.
 * Ordered like the municipality list (`sort`), then by effective date and id. Who recorded an event and
 * internal notes are left out for readers who may not see them.
 */
export async function listEventsForExport(
  db: Db,
  rules: Rules,
  filters: MunicipalityFilters,
  visible: EventVisibility,
): Promise<EventExportRow[]> {
  const rows = await queryRows<RawEventRow>(
    db,
    sql`with recursive targets as (${matchingAgs(rules, filters)}),
      lineage (ags, target, ord) as (
        select t.ags, t.ags, t.ord from targets t
        union all
        select m.ags, l.target, l.ord
        from lineage l
        join municipalities m on m.successor_ags = l.ags and m.valid_to <= ${filters.asOf}::date
      )
      select e.id, e.ags, m.display_name as "name", l.target as "historyOfAgs", tm.display_name as "historyOfName",
        e.type, e.status, e.concept_kind as "conceptKind", e.effective_date::text as "effectiveDate",
        e.council_resolution_date::text as "councilResolutionDate", e.document_url as "documentUrl",
        e.horizon_year as "horizonYear", e.source, e.recorded_at as "recordedAt",
        case when ${visible.names} then ${recordedByName(sql`e`)} end as "recordedBy",
        case when ${visible.internalNotes} or not e.note_internal then e.note end as note,
        e.supersedes, s.id as "supersededBy", e.version, e.concept_id as "conceptId"
      from lineage l
      join status_events e on e.ags = l.ags
      join municipalities m on m.ags = e.ags
      join municipalities tm on tm.ags = l.target
      left join status_events s on s.supersedes = e.id
      where e.effective_date <= ${filters.asOf}::date
      order by l.ord, e.effective_date, e.id`,
  );
  return rows.map((r) => ({
    ...r,
    id: Number(r.id),
    recordedAt: isoTimestamp(r.recordedAt),
    supersedes: toNumber(r.supersedes),
    supersededBy: toNumber(r.supersededBy),
    conceptId: toNumber(r.conceptId),
  }));
}

/** Whether the database holds the synthetic demo history (the exports say so). */
export async function hasDemoData(db: Db): Promise<boolean> {
  const [row] = await queryRows<{ demo: boolean }>(
    db,
    sql`select ${demoDataFlag} as demo`,
  );
  return row?.demo ?? false;
}

/** The running measures of a municipality on a date, per programme (decision 0034). */
export interface MunicipalityMeasures {
  /** Programme id -> running measures; `needsConcept`: the programme asks for a current town-wide concept. */
  programmes: { id: string; running: number; needsConcept: boolean }[];
}

/**
 * The measures running on `asOf` by the municipality they belong to on that date (after mergers), with the
 * definition of GET /api/stats/funding (funding.repo's runningMeasuresOn). At risk is then the record's
 * business: a programme that asks for a concept, and no current one or one expiring.
 */
export async function runningMeasuresByMunicipality(db: Db, asOf: string): Promise<Map<string, MunicipalityMeasures>> {
  const rows = await queryRows<{ ags: string; programme_id: string; needs_concept: boolean; running: number }>(
    db,
    sql`select x.owner_ags as ags, x.programme_id, bool_or(x.needs_concept) as needs_concept, count(*)::int as running
        from (${runningMeasuresOn(asOf)}) x
        group by x.owner_ags, x.programme_id
        order by x.owner_ags, x.programme_id`,
  );
  const byAgs = new Map<string, MunicipalityMeasures>();
  for (const row of rows) {
    const entry = byAgs.get(row.ags) ?? { programmes: [] };
    entry.programmes.push({ id: row.programme_id, running: Number(row.running), needsConcept: row.needs_concept });
    byAgs.set(row.ags, entry);
  }
  return byAgs;
}
