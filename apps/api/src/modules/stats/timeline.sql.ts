import type { Rules, StatsFilterQuery } from "@insek/contracts";
import { type SQL, sql } from "drizzle-orm";
import { demoDataFlag } from "../settings/settings.repo.js";
import { allOf, type CoverageRow, registryConditions } from "./stats.repo.js";

/**
 * Month ends from `from`'s month to `to`'s month, the last one replaced by `to`. Computed on
 * `timestamp` (without time zone) so that the session's time zone plays no part.
 */
export function monthEnds(from: string, to: string): SQL {
  return sql`
    select case when m = date_trunc('month', ${to}::date::timestamp) then ${to}::date
                else (m + interval '1 month' - interval '1 day')::date end
    from generate_series(date_trunc('month', ${from}::date::timestamp), date_trunc('month', ${to}::date::timestamp),
                         interval '1 month') m`;
}

/**
 * The stretches of the records, as two CTEs `mun` and `spans`: every municipality (filtered)
 * contributes its stretch without a status (from its start to its first status period,
 * `record_latest.first_status_since`) and each status period intersected with its own existence.
 * A `spans` row: `pop` (the registry population, 0 if unknown), `status`, `s` (first day), `e` (first
 * day after; `infinity` while open), `lapse` (resolution + currencyYears for the adopted statuses,
 * else null). A stretch counts on the days d with s <= d < e, and as covered on those before its
 * lapse. Both the timeline sweep and the monthly roll-up are sums over these stretches, so they cannot
 * disagree on what a record is; the timeline tests compare them with recordsOn on every point.
 *
 * With an association filter a municipality contributes only while it is a member: `mun` has a row per
 * membership of the association, its stretch cut to the membership (valid_to the first day without, as
 * for municipalities), so each point counts the members on its own date, as the list does on that date.
 *
 * `periodsAfter`: leave out status periods that ended on or before this date (they add nothing later).
 */
export function stretches(rules: Rules, filters: StatsFilterQuery, periodsAfter?: SQL): SQL {
  const mun = filters.association
    ? sql`select m.ags, coalesce(m.population, 0) as pop,
            greatest(coalesce(m.valid_from, '-infinity'::date), coalesce(am.valid_from, '-infinity'::date)) as vf,
            least(coalesce(m.valid_to, 'infinity'::date), coalesce(am.valid_to, 'infinity'::date)) as vt,
            l.first_status_since
          from municipalities m
          join association_memberships am on am.ags = m.ags and am.association_key = ${filters.association}
          left join record_latest l on l.ags = m.ags
          where ${allOf(registryConditions(filters))}`
    : sql`select m.ags, coalesce(m.population, 0) as pop,
            coalesce(m.valid_from, '-infinity'::date) as vf, coalesce(m.valid_to, 'infinity'::date) as vt,
            l.first_status_since
          from municipalities m
          left join record_latest l on l.ags = m.ags
          where ${allOf(registryConditions(filters))}`;
  return sql`mun as (${mun}),
        spans as (
          select mu.pop, 'none'::text as status, mu.vf as s,
            least(mu.vt, coalesce(mu.first_status_since, 'infinity'::date)) as e, null::date as lapse
          from mun mu
          union all
          select mu.pop, p.status, greatest(mu.vf, p.valid_from), least(mu.vt, coalesce(p.valid_to, 'infinity'::date)),
            case when p.status in ('council_adopted', 'funding_eligible', 'updating')
              then (p.council_resolution_date + make_interval(years => ${rules.currencyYears}))::date end
          from record_periods p
          join mun mu on mu.ags = p.ags
          ${periodsAfter ? sql`where p.valid_to is null or p.valid_to > ${periodsAfter}` : sql``}
        )`;
}

/** The end of a stretch's covered part, clamped to the stretch (its start when it is never covered). */
export const coveredUntil = (x: string) =>
  sql.raw(`greatest(${x}.s, least(${x}.e, coalesce(${x}.lapse, ${x}.s)))`);

/**
 * The columns of a point from a row `t` of counts (on_date, total, population, by_<status>, covered_count,
 * covered_population): the shares computed from the counts, and the demo flag.
 */
export const pointColumns = sql`t.on_date::text as date, t.total, t.population, t.by_none, t.by_drafting,
  t.by_council_adopted, t.by_funding_eligible, t.by_updating, t.covered_count,
  coalesce(t.covered_count::float8 / nullif(t.total, 0), 0)::float8 as covered_share,
  t.covered_population,
  coalesce(t.covered_population::float8 / nullif(t.population, 0), 0)::float8 as covered_population_share,
  ${demoDataFlag} as demo`;

/** A point of the timeline as the statements return it (`pointColumns`). */
export type PointRow = CoverageRow & { date: string; demo: boolean };
