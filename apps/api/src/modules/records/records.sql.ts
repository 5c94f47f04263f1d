import type { Rules } from "@insek/contracts";
import { type SQL, sql } from "drizzle-orm";

/**
 * The one definition of a municipality's INSEK record on a date, computed in the database from the
 * tables derived from the history (record_latest, record_periods; migration 0008, decision 0011), or
 * straight from the history (`recordsFromHistory`); both end in the same rules (`recordRules`).
 *
 * - Superseded events (named by a later correction) never count.
 * - Status = the latest status event effective on or before the date (effective date, then id);
 *   no event yet = "none". A successor's status comes from its own events; its predecessors'
 *   events stay in its history only.
 * - The adoption on record = the latest `council_adopted` event effective on or before the date.
 * - Current = status is adopted, funding-eligible or updating, and the date lies before
 *   resolution + currencyYears. Expiring = current and lapsing within expiringMonths.
 * - Stale = nobody changed or confirmed the record (recorded on or before the date) within
 *   staleMonths.
 *
 * Columns: ags, name, display_name, type, district_key, population, status, concept_kind,
 * status_since, source, document_url, horizon_year, council_resolution_date, current_until,
 * current, expiring, stale, last_activity_at, last_confirmed_at, version; then the requested
 * `registryColumns`.
 */
export function recordsOn(date: string, rules: Rules, where: SQL = sql`true`, registryColumns: readonly RegistryColumn[] = []): SQL {
  return records(sql`${date}::date`, rules, where, registryColumns);
}

/**
 * Further `municipalities` columns a caller may have `recordsOn` pass through unchanged (under their
 * own names), so that it need not join the records back to `municipalities`: the planner cannot
 * estimate how many records a status or stale filter keeps, and with that join it chose to rescan
 * the filtered records once per municipality (see docs/benchmarks.md, api-findings).
 */
export type RegistryColumn =
  | "sort_key"
  | "area_ha"
  | "population_date"
  | "valid_from"
  | "valid_to"
  | "successor_ags"
  /** The name of the municipality's district (`districts.name`), joined with the registry rows for the same reason. */
  | "district_name";

/** A pass-through column as `base` selects it. */
function registrySource(column: RegistryColumn): SQL {
  return column === "district_name" ? sql`, dn.name as district_name` : sql`, m.${sql.identifier(column)}`;
}

/**
 * The same records as `recordsOn`, computed straight from `status_events` (lateral lookups per
 * municipality) instead of the derived tables. For the write path's check of a correction, which
 * evaluates the record with events left out by shadowing `status_events` with a CTE of that name
 * (the derived tables cannot leave events out), and the reference the derived tables are tested
 * against (test/derived-records.test.ts). Slower at scale; same rules (`recordRules`).
 */
export function recordsFromHistory(date: string, rules: Rules, where: SQL = sql`true`): SQL {
  const on = sql`${date}::date`;
  const recordedBy = recordedByEndOf(on);
  // `not in` over an uncorrelated subquery is one hashed set per statement (with `not exists` the
  // planner chose a merge anti-join over the whole supersedes index for every single lookup).
  return sql`
    with live as not materialized (
      select e.* from status_events e
      where e.id not in (select s.supersedes from status_events s where s.supersedes is not null)
    ),
    known as (
      select m.ags, m.name, m.display_name, m.type, m.district_key, m.population, m.record_version,
        st.status, st.concept_kind, st.effective_date as status_since, st.source, st.document_url, st.horizon_year,
        ad.council_resolution_date, act.last_activity_at, conf.last_confirmed_at
      from municipalities m
      left join lateral (
        select e.status, e.concept_kind, e.effective_date, e.source, e.document_url, e.horizon_year
        from live e
        where e.ags = m.ags and e.type = 'status' and e.effective_date <= ${on}
        order by e.effective_date desc, e.id desc
        limit 1
      ) st on true
      left join lateral (
        select e.council_resolution_date
        from live e
        where e.ags = m.ags and e.type = 'status' and e.status = 'council_adopted' and e.effective_date <= ${on}
        order by e.effective_date desc, e.id desc
        limit 1
      ) ad on true
      left join lateral (
        select max(e.recorded_at) as last_activity_at
        from status_events e
        where e.ags = m.ags and e.recorded_at < ${recordedBy}
      ) act on true
      left join lateral (
        select max(e.recorded_at) as last_confirmed_at
        from status_events e
        where e.ags = m.ags and e.type = 'confirmation' and e.recorded_at < ${recordedBy}
      ) conf on true
      where (m.valid_from is null or m.valid_from <= ${on})
        and (m.valid_to is null or m.valid_to > ${on})
        and ${where}
    ),
    ${recordRules(on, rules, sql``)}`;
}

/**
 * "Recorded on or before the date" (Berlin time) as a bound on the column itself: before midnight
 * (Berlin) at the start of the next day. Germany never switches clocks at midnight, so that instant is
 * unambiguous (pinned by test/record-activity-bound.test.ts). As an uncorrelated scalar subquery it is
 * computed once per statement (an init plan), not per row.
 */
function recordedByEndOf(on: SQL): SQL {
  return sql`(select ((${on} + 1)::timestamp at time zone 'Europe/Berlin'))`;
}

/**
 * The rules on top of the facts: reads a CTE `known` (registry columns, record_version, status,
 * concept_kind, status_since, source, document_url, horizon_year, council_resolution_date,
 * last_activity_at, last_confirmed_at, then the pass-through registry columns) and selects the
 * record columns. Both access paths end in it, so the rules are written once.
 */
function recordRules(on: SQL, rules: Rules, extraOut: SQL): SQL {
  return sql`rec as (
      select b.*,
        coalesce(b.status, 'none') as status_or_none,
        case when b.status in ('council_adopted', 'funding_eligible', 'updating') and b.council_resolution_date is not null
          then (b.council_resolution_date + make_interval(years => ${rules.currencyYears}))::date - 1
        end as current_until
      from known b
    )
    select r.ags, r.name, r.display_name, r.type, r.district_key, r.population,
      r.status_or_none as status, r.concept_kind, r.status_since::text as status_since, r.source,
      r.document_url, r.horizon_year, r.council_resolution_date::text as council_resolution_date,
      r.current_until::text as current_until,
      coalesce(r.current_until >= ${on}, false) as current,
      coalesce(r.current_until >= ${on}
        and r.current_until < (${on} + make_interval(months => ${rules.expiringMonths}))::date, false) as expiring,
      (r.last_activity_at is null or r.last_activity_at < ${recordedByEndOf(sql`(${on} - make_interval(months => ${rules.staleMonths}))::date`)}) as stale,
      r.last_activity_at, r.last_confirmed_at, r.record_version as version${extraOut}
    from rec r`;
}

/** `on`: the date as an SQL expression. */
function records(on: SQL, rules: Rules, where: SQL, registryColumns: readonly RegistryColumn[]): SQL {
  const extraBase = sql.join(registryColumns.map(registrySource));
  const districtJoin = registryColumns.includes("district_name") ? sql`left join districts dn on dn.key = m.district_key` : sql``;
  const extraOut = sql.join(registryColumns.map((c) => sql`, r.${sql.identifier(c)}`));
  const recordedBy = recordedByEndOf(on);
  // Each part of the record comes from `record_latest` (one row per municipality, hash-joined) when it
  // applies to the date, which it always does for today; only otherwise is the period in force probed
  // (one row, whole) or the history searched. `offset 0` keeps `base` a subquery of its own, so
  // that each probe runs once per row however often its column is used below.
  return sql`
    with base as (
      select m.ags, m.name, m.display_name, m.type, m.district_key, m.population, m.record_version${extraBase},
        coalesce(l.status_since <= ${on}, false) as latest_applies,
        l.status as latest_status, l.concept_kind as latest_concept_kind, l.status_since as latest_since,
        l.source as latest_source, l.document_url as latest_document_url, l.horizon_year as latest_horizon_year,
        l.council_resolution_date as latest_resolution,
        case when l.status_since > ${on} then (
          select p from record_periods p where p.ags = m.ags and p.valid_from <= ${on} order by p.valid_from desc limit 1
        ) end as past,
        case when l.last_activity_at < ${recordedBy} then l.last_activity_at
          when l.last_activity_at is not null then (
            select max(e.recorded_at) from status_events e where e.ags = m.ags and e.recorded_at < ${recordedBy}
          ) end as last_activity_at,
        case when l.last_confirmed_at < ${recordedBy} then l.last_confirmed_at
          when l.last_confirmed_at is not null then (
            select max(e.recorded_at) from status_events e
            where e.ags = m.ags and e.type = 'confirmation' and e.recorded_at < ${recordedBy}
          ) end as last_confirmed_at
      from municipalities m
      left join record_latest l on l.ags = m.ags
      ${districtJoin}
      where (m.valid_from is null or m.valid_from <= ${on})
        and (m.valid_to is null or m.valid_to > ${on})
        and ${where}
      offset 0
    ),
    known as (
      select b.ags, b.name, b.display_name, b.type, b.district_key, b.population, b.record_version,
        case when b.latest_applies then b.latest_status else (b.past).status end as status,
        case when b.latest_applies then b.latest_concept_kind else (b.past).concept_kind end as concept_kind,
        case when b.latest_applies then b.latest_since else (b.past).valid_from end as status_since,
        case when b.latest_applies then b.latest_source else (b.past).source end as source,
        case when b.latest_applies then b.latest_document_url else (b.past).document_url end as document_url,
        case when b.latest_applies then b.latest_horizon_year else (b.past).horizon_year end as horizon_year,
        case when b.latest_applies then b.latest_resolution else (b.past).council_resolution_date end as council_resolution_date,
        b.last_activity_at, b.last_confirmed_at${sql.join(registryColumns.map((c) => sql`, b.${sql.identifier(c)}`))}
      from base b
    ),
    ${recordRules(on, rules, extraOut)}`;
}

/** A row of `recordsOn`, as both drivers return it. */
export interface RecordRow {
  ags: string;
  name: string;
  display_name: string;
  type: string;
  district_key: string;
  population: number | null;
  status: string;
  concept_kind: string | null;
  status_since: string | null;
  source: string | null;
  document_url: string | null;
  horizon_year: number | null;
  council_resolution_date: string | null;
  current_until: string | null;
  current: boolean;
  expiring: boolean;
  stale: boolean;
  last_activity_at: Date | string | null;
  last_confirmed_at: Date | string | null;
  version: number;
}
