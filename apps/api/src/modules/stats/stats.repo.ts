import {
  type ByStatus,
  type DistrictStats,
  type DistrictType,
  type Figures,
  type Rules,
  SIZE_CLASSES,
  STATUSES,
  type StatsFilterQuery,
  type StatusMap,
  type StatusMapItem,
} from "@insek/contracts";
import { type Db, queryPrepared } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { recordsOn } from "../insek-state/insek-state.sql.js";
import { monthsBetween } from "./timeline-range.js";

/** Aggregates of the records `r` (columns of recordsOn) in one group; see `toFigures`. */
interface CoverageRow {
  total: number;
  population: number;
  by_none: number;
  by_drafting: number;
  by_council_adopted: number;
  by_funding_eligible: number;
  by_updating: number;
  covered_count: number;
  covered_share: number;
  covered_population: number;
  covered_population_share: number;
}
type FiguresRow = CoverageRow & { expiring: number; stale: number };

/**
 * Counts, coverage and shares of one group of records `r`. `count(r.ags)` and the filters ignore
 * the all-null row of an empty group (left joins), so empty groups come out as zeros; a share is
 * 0 when its denominator is 0.
 */
const coverageFigures = sql`
  count(r.ags)::int as total,
  coalesce(sum(r.population), 0)::int as population,
  (count(*) filter (where r.status = 'none'))::int as by_none,
  (count(*) filter (where r.status = 'drafting'))::int as by_drafting,
  (count(*) filter (where r.status = 'council_adopted'))::int as by_council_adopted,
  (count(*) filter (where r.status = 'funding_eligible'))::int as by_funding_eligible,
  (count(*) filter (where r.status = 'updating'))::int as by_updating,
  (count(*) filter (where r.current))::int as covered_count,
  coalesce((count(*) filter (where r.current))::float8 / nullif(count(r.ags), 0), 0)::float8 as covered_share,
  coalesce(sum(r.population) filter (where r.current), 0)::int as covered_population,
  coalesce((sum(r.population) filter (where r.current))::float8 / nullif(sum(r.population), 0), 0)::float8
    as covered_population_share`;

/** All figures of one group (the timeline leaves out expiring and stale, and with them the activity lookups). */
const figures = sql`${coverageFigures},
  (count(*) filter (where r.expiring))::int as expiring,
  (count(*) filter (where r.stale))::int as stale`;

/** The columns of `figures` from a left-joined group `g`, zero where the group is missing. */
const figureColumns = sql.raw(
  [
    "total", "population", "by_none", "by_drafting", "by_council_adopted", "by_funding_eligible", "by_updating",
    "covered_count", "covered_share", "covered_population", "covered_population_share", "expiring", "stale",
  ]
    .map((c) => `coalesce(g.${c}, 0) as ${c}`)
    .join(", "),
);

/** Set by the demo seeding; the flag travels with every figure so that nobody mistakes demo data for real data. */
const demoFlag = sql`exists (select 1 from app_settings where key = 'demo_data')`;

function byStatus(row: CoverageRow): ByStatus {
  return {
    none: row.by_none,
    drafting: row.by_drafting,
    council_adopted: row.by_council_adopted,
    funding_eligible: row.by_funding_eligible,
    updating: row.by_updating,
  };
}

function coverage(row: CoverageRow) {
  return {
    count: row.covered_count,
    share: row.covered_share,
    population: row.covered_population,
    populationShare: row.covered_population_share,
  };
}

function toFigures(row: FiguresRow): Figures {
  return {
    total: row.total,
    population: row.population,
    byStatus: byStatus(row),
    covered: coverage(row),
    expiring: row.expiring,
    stale: row.stale,
  };
}

/**
 * The registry condition (on `m`, municipalities) of the optional statistics filters, for recordsOn's
 * `where`. A size class compares the registry population, like the size classes of districtStatsOn.
 */
export function statsFilter(filters: StatsFilterQuery): SQL {
  const conditions: SQL[] = [];
  if (filters.district) conditions.push(sql`m.district_key = ${filters.district}`);
  if (filters.type) conditions.push(sql`m.type = ${filters.type}`);
  if (filters.sizeClass) {
    const size = SIZE_CLASSES.find((c) => c.key === filters.sizeClass);
    if (!size) throw new Error(`unknown size class ${filters.sizeClass}`);
    conditions.push(
      size.max === null
        ? sql`m.population >= ${size.min}`
        : sql`m.population >= ${size.min} and m.population < ${size.max}`,
    );
  }
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/** Statewide figures (or those of the filtered part) over the municipalities that exist on `asOf`. */
export async function summaryOn(db: Db, rules: Rules, asOf: string, filters: StatsFilterQuery = {}) {
  const [row] = await queryPrepared<FiguresRow & { demo: boolean }>(
    db,
    sql`select ${figures}, ${demoFlag} as demo from (${recordsOn(asOf, rules, statsFilter(filters))}) r`,
  );
  if (!row) throw new Error("summary query returned no row");
  return { asOf, ...toFigures(row), rules, demo: row.demo };
}

/** A row of the districts statement: one district or one size class. */
type GroupRow = FiguresRow & { demo: boolean } & (
    | { dimension: "district"; key: string; name: string; district_type: DistrictType }
    | { dimension: "size"; key: string; name: null; district_type: null }
  );

/**
 * The figures per district (all 13, by key) and per size class (SIZE_CLASSES, in their order), in
 * one statement over one evaluation of recordsOn. A municipality without a known population falls
 * in no size class (the classes then add up to less than the total): the registry has a
 * population for every municipality existing since 2023, only some dissolved earlier lack one.
 * With filters (as for summaryOn) only the matching municipalities are counted; every district and
 * size class is still listed, those outside the filter with zeros.
 */
export async function districtStatsOn(db: Db, rules: Rules, asOf: string, filters: StatsFilterQuery = {}) {
  const classes = sql.join(
    SIZE_CLASSES.map((c, i) => sql`(${c.key}::text, ${i}::int)`),
    sql`, `,
  );
  // The size class of each record as a key (classes are contiguous). One pass groups the records both
  // by district and by size class (grouping sets); every district and class is then listed, those
  // without records with zeros.
  const sizeClassOf = sql`case ${sql.join(
    SIZE_CLASSES.map((c) =>
      c.max === null
        ? sql`when x.population >= ${c.min}::int then ${c.key}::text`
        : sql`when x.population >= ${c.min}::int and x.population < ${c.max}::int then ${c.key}::text`,
    ),
    sql` `,
  )} end`;
  const rows = await queryPrepared<GroupRow>(
    db,
    sql`with g as (
          select grouping(r.district_key) as by_size, r.district_key, r.size_class, ${figures}
          from (
            select ags, district_key, population, status, current, expiring, stale, ${sizeClassOf} as size_class
            from (${recordsOn(asOf, rules, statsFilter(filters))}) x
          ) r
          group by grouping sets ((r.district_key), (r.size_class))
        ),
        classes (key, ord) as (values ${classes})
        select z.*, ${demoFlag} as demo from (
          select 'district' as dimension, d.key::text as key, 0 as ord, d.name, d.type as district_type, ${figureColumns}
          from districts d left join g on g.by_size = 0 and g.district_key = d.key
          union all
          select 'size', c.key, c.ord, null, null, ${figureColumns}
          from classes c left join g on g.by_size = 1 and g.size_class = c.key
        ) z
        order by z.dimension, z.ord, z.key`,
  );
  const items: DistrictStats["items"] = [];
  const bySize = new Map<string, FiguresRow>();
  for (const row of rows) {
    if (row.dimension === "district") items.push({ key: row.key, name: row.name, type: row.district_type, ...toFigures(row) });
    else bySize.set(row.key, row);
  }
  const sizeClasses = SIZE_CLASSES.map((c) => {
    const row = bySize.get(c.key);
    if (!row) throw new Error(`size class ${c.key} missing from the result`);
    return { key: c.key, min: c.min, max: c.max, ...toFigures(row) };
  });
  return { asOf, rules, demo: rows[0]?.demo ?? false, items, sizeClasses };
}

/**
 * Month ends from `from`'s month to `to`'s month, the last one replaced by `to`. Computed on
 * `timestamp` (without time zone) so that the session's time zone plays no part.
 */
function monthEnds(from: string, to: string): SQL {
  return sql`
    select case when m = date_trunc('month', ${to}::date::timestamp) then ${to}::date
                else (m + interval '1 month' - interval '1 day')::date end
    from generate_series(date_trunc('month', ${from}::date::timestamp), date_trunc('month', ${to}::date::timestamp),
                         interval '1 month') m`;
}

/**
 * The timeline as a sweep over validity intervals instead of a record per (date, municipality).
 * Every municipality (filtered) contributes its stretch without a status (from its start to its
 * first status period, `record_latest.first_status_since`) and each status period intersected with
 * its own existence. Each such piece adds 1 (and its population) at
 * the first point on or after its start and takes it away at the first point on or after its end;
 * running sums over the points give the same counts as evaluating recordsOn on each point (the
 * timeline tests compare every point with the summary of its date), but the work grows with the
 * periods in the range, not with points × municipalities.
 *
 * Points are numbered from 0 in date order; a date's index is that of the first point on or after
 * it (`n`, none, after the last), found by binary search (`width_bucket`). A piece adds to the
 * coverage from its start to where its adoption lapses (resolution + currencyYears, clamped to the
 * piece).
 */
function timelineSql(rules: Rules, from: string, to: string, filters: StatsFilterQuery): SQL {
  const n = monthsBetween(from, to);
  // The first point on or after d: the number of points before d (dates are whole days).
  const pointIndex = (d: SQL) => sql`width_bucket(${d} - 1, pa.points)`;
  const byStatusSums = sql.join(
    STATUSES.map((status) => sql`sum(dn) filter (where status = ${status}) as ${sql.identifier(`d_${status}`)}`),
    sql`, `,
  );
  const running = (column: string) => sql`coalesce(sum(s.${sql.identifier(column)}) over w, 0)::int`;
  const byStatusRunning = sql.join(
    STATUSES.map((status) => sql`${running(`d_${status}`)} as ${sql.identifier(`by_${status}`)}`),
    sql`, `,
  );
  return sql`with points (on_date) as (${monthEnds(from, to)}),
        pa as (select array_agg(on_date order by on_date) as points from points),
        mun as (
          select m.ags, coalesce(m.population, 0) as pop,
            coalesce(m.valid_from, '-infinity'::date) as vf, coalesce(m.valid_to, 'infinity'::date) as vt,
            l.first_status_since
          from municipalities m
          left join record_latest l on l.ags = m.ags
          where ${statsFilter(filters)}
        ),
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
          where p.valid_to is null or p.valid_to > (select points[1] from pa)
        ),
        marks as materialized (
          select ${pointIndex(sql`x.s`)} as i_s, ${pointIndex(sql`x.e`)} as i_e,
            ${pointIndex(sql`greatest(x.s, least(x.e, coalesce(x.lapse, x.s)))`)} as i_l, x.status,
            count(*) as c, sum(x.pop) as pop
          from spans x cross join pa
          where x.s < x.e
          group by 1, 2, 3, 4
        ),
        deltas as (
          select i_s as i, status, c as dn, pop as dp, case when i_s < i_l then c else 0 end as cn,
            case when i_s < i_l then pop else 0 end as cp
          from marks where i_s < i_e
          union all
          select i_e, status, -c, -pop, 0, 0 from marks where i_s < i_e and i_e < ${n}::int
          union all
          select i_l, status, 0, 0, -c, -pop from marks where i_s < i_l and i_l < ${n}::int
        ),
        steps as (
          select i, sum(dn) as d_total, sum(dp) as d_population, ${byStatusSums},
            sum(cn) as d_covered, sum(cp) as d_covered_population
          from deltas group by i
        ),
        totals as (
          select pt.on_date, ${running("d_total")} as total, ${running("d_population")} as population, ${byStatusRunning},
            ${running("d_covered")} as covered_count, ${running("d_covered_population")} as covered_population
          from (select on_date, (row_number() over (order by on_date) - 1)::int as i from points) pt
          left join steps s on s.i = pt.i
          window w as (order by pt.i)
        )
        select t.on_date::text as date, t.total, t.population, t.by_none, t.by_drafting, t.by_council_adopted,
          t.by_funding_eligible, t.by_updating, t.covered_count,
          coalesce(t.covered_count::float8 / nullif(t.total, 0), 0)::float8 as covered_share,
          t.covered_population,
          coalesce(t.covered_population::float8 / nullif(t.population, 0), 0)::float8 as covered_population_share,
          ${demoFlag} as demo
        from totals t
        order by t.on_date`;
}

type PointRow = CoverageRow & { date: string; demo: boolean };

/** One point per month end (see monthEnds): the municipalities existing on that date and their records then. */
export async function timeline(db: Db, rules: Rules, from: string, to: string, filters: StatsFilterQuery = {}) {
  const rows = await db.transaction(async (tx) => {
    // At national scale the planner prices the sweep above jit_above_cost, and JIT compiling then
    // costs more than the statement (an earlier formulation: 4 points ~470 ms with JIT, ~7 ms without).
    await tx.execute(sql`set local jit = off`);
    return queryPrepared<PointRow>(tx, timelineSql(rules, from, to, filters));
  });
  return {
    from,
    to,
    rules,
    demo: rows[0]?.demo ?? false,
    points: rows.map((row) => ({ date: row.date, total: row.total, byStatus: byStatus(row), covered: coverage(row) })),
  };
}

interface StatusMapRow {
  ags: string;
  display_name: string;
  district_key: string;
  district_name: string;
  type: StatusMapItem["type"];
  population: number | null;
  status: StatusMapItem["status"];
  current: boolean;
  demo: boolean;
}

/** Every municipality existing on `asOf` with its status (recordsOn) and registry facts, by AGS. */
export async function statusMapOn(db: Db, rules: Rules, asOf: string): Promise<StatusMap> {
  const rows = await queryPrepared<StatusMapRow>(
    db,
    sql`select r.ags, r.display_name, r.district_key, d.name as district_name, r.type, r.population, r.status, r.current,
          ${demoFlag} as demo
        from (${recordsOn(asOf, rules)}) r
        join districts d on d.key = r.district_key
        order by r.ags`,
  );
  return {
    asOf,
    demo: rows[0]?.demo ?? false,
    items: rows.map((row) => ({
      ags: row.ags,
      displayName: row.display_name,
      districtKey: row.district_key,
      districtName: row.district_name,
      type: row.type,
      population: row.population,
      status: row.status,
      current: row.current,
    })),
  };
}
