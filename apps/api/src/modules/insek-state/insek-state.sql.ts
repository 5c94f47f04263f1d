import type { Rules } from "@insek/contracts";
import { type SQL, sql } from "drizzle-orm";

/**
 * The one definition of a municipality's INSEK record on a date, computed in the database.
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
  return records(sql`${date}::date`, undefined, rules, where, undefined, registryColumns);
}

/**
 * Further `municipalities` columns a caller may have `recordsOn` pass through unchanged (under their
 * own names), so that it need not join the records back to `municipalities`: the planner cannot
 * estimate how many records a status or stale filter keeps, and with that join it chose to rescan
 * the filtered records once per municipality (see docs/benchmarks.md, api-findings).
 */
export type RegistryColumn = "sort_key" | "area_ha" | "population_date" | "valid_from" | "valid_to" | "successor_ags";

/**
 * `recordsOn` for many dates in one statement: one row per date of `dates` (a query whose single
 * column is a date) and municipality existing on that date, with the same rules and columns as
 * `recordsOn` plus `on_date` first. `where` may refer to `m` (municipalities) and `p.on_date`.
 */
export function recordsOnDates(dates: SQL, rules: Rules, where: SQL = sql`true`): SQL {
  return records(sql`p.on_date`, dates, rules, where, sql`r.on_date`);
}

/** `on`: the date as an SQL expression (a parameter, or the `dates` row's date: `p.on_date` in `base`, `r.on_date` after). */
function records(on: SQL, dates: SQL | undefined, rules: Rules, where: SQL, onRow: SQL = on, registryColumns: readonly RegistryColumn[] = []): SQL {
  const extraBase = sql.join(registryColumns.map((c) => sql`, m.${sql.identifier(c)}`));
  const extraOut = sql.join(registryColumns.map((c) => sql`, r.${sql.identifier(c)}`));
  // Not materialised, so that each lookup per municipality and date is one probe into the status
  // indexes (status_events_status_idx, status_events_adopted_idx; migration 0007);
  // `not in` over an uncorrelated subquery is one hashed set per statement (with `not exists` the
  // planner chose a merge anti-join over the whole supersedes index for every single lookup).
  return sql`
    with live as not materialized (
      select e.* from status_events e
      where e.id not in (select s.supersedes from status_events s where s.supersedes is not null)
    ),
    base as (
      select ${dates ? sql`p.on_date, ` : sql``}m.ags, m.name, m.display_name, m.type, m.district_key, m.population, m.record_version${extraBase},
        st.status, st.concept_kind, st.effective_date as status_since, st.source, st.document_url, st.horizon_year,
        ad.council_resolution_date,
        act.last_activity_at, conf.last_confirmed_at
      from ${dates ? sql`(${dates}) p(on_date) cross join municipalities m` : sql`municipalities m`}
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
      -- "Recorded on or before the date" (Berlin time) as a bound on the column itself: before
      -- midnight (Berlin) at the start of the next day. Germany never switches clocks at midnight, so
      -- that instant is unambiguous and both forms select the same rows; this one lets an index on
      -- (ags, recorded_at) answer each maximum with one probe instead of reading every event. As
      -- aggregates the two lookups stay separate subqueries: evaluated once per row (a scalar
      -- subquery would be repeated for each use of its column) and left out where unused.
      left join lateral (
        select max(e.recorded_at) as last_activity_at
        from status_events e
        where e.ags = m.ags and e.recorded_at < ((${on} + 1)::timestamp at time zone 'Europe/Berlin')
      ) act on true
      left join lateral (
        select max(e.recorded_at) as last_confirmed_at
        from status_events e
        where e.ags = m.ags and e.type = 'confirmation' and e.recorded_at < ((${on} + 1)::timestamp at time zone 'Europe/Berlin')
      ) conf on true
      where (m.valid_from is null or m.valid_from <= ${on})
        and (m.valid_to is null or m.valid_to > ${on})
        and ${where}
    ),
    rec as (
      select b.*,
        coalesce(b.status, 'none') as status_or_none,
        case when b.status in ('council_adopted', 'funding_eligible', 'updating') and b.council_resolution_date is not null
          then (b.council_resolution_date + make_interval(years => ${rules.currencyYears}))::date - 1
        end as current_until
      from base b
    )
    select ${dates ? sql`r.on_date::text as on_date, ` : sql``}r.ags, r.name, r.display_name, r.type, r.district_key, r.population,
      r.status_or_none as status, r.concept_kind, r.status_since::text as status_since, r.source,
      r.document_url, r.horizon_year, r.council_resolution_date::text as council_resolution_date,
      r.current_until::text as current_until,
      coalesce(r.current_until >= ${onRow}, false) as current,
      coalesce(r.current_until >= ${onRow}
        and r.current_until < (${onRow} + make_interval(months => ${rules.expiringMonths}))::date, false) as expiring,
      (r.last_activity_at is null
        or (r.last_activity_at at time zone 'Europe/Berlin')::date <= (${onRow} - make_interval(months => ${rules.staleMonths}))::date) as stale,
      r.last_activity_at, r.last_confirmed_at, r.record_version as version${extraOut}
    from rec r`;
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
