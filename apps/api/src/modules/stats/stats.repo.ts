import {
  type ByStatus,
  type DistrictStats,
  type DistrictType,
  type Figures,
  type Rules,
  SIZE_CLASSES,
  type StatsFilterQuery,
  type StatusMap,
  type StatusMapItem,
} from "@insek/contracts";
import { type Db, queryRows } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { recordsOn } from "../insek-state/insek-state.sql.js";

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
  const [row] = await queryRows<FiguresRow & { demo: boolean }>(
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
    SIZE_CLASSES.map((c, i) => sql`(${c.key}::text, ${i}::int, ${c.min}::int, ${c.max}::int)`),
    sql`, `,
  );
  const rows = await queryRows<GroupRow>(
    db,
    sql`with r as materialized (
          select ags, district_key, population, status, current, expiring, stale
          from (${recordsOn(asOf, rules, statsFilter(filters))}) x
        ),
        classes (key, ord, min, max) as (values ${classes})
        select g.*, ${demoFlag} as demo from (
          select 'district' as dimension, d.key::text as key, 0 as ord, d.name, d.type as district_type, ${figures}
          from districts d left join r on r.district_key = d.key
          group by d.key, d.name, d.type
          union all
          select 'size', c.key, c.ord, null, null, ${figures}
          from classes c left join r on r.population >= c.min and (c.max is null or r.population < c.max)
          group by c.key, c.ord
        ) g
        order by g.dimension, g.ord, g.key`,
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
 * The columns of `recordsOnDates` that the coverage figures use (on_date, ags, population, status,
 * current), computed the same way (superseded events never count; status = the latest status event
 * effective on or before the date, by effective date then id; adoption = the latest
 * `council_adopted` event; current = adopted, funding-eligible or updating and before resolution +
 * currencyYears), but as validity intervals per event joined to the dates, not as two index
 * lookups per date and municipality: on the embedded database a five-year series (66 dates × 418
 * municipalities) takes about a third of the time. The timeline tests compare every point with the
 * summary (recordsOn) of its date, so the two definitions cannot drift apart unnoticed.
 */
function coverageOnDates(dates: SQL, rules: Rules, where: SQL): SQL {
  return sql`
    with live as materialized (
      select e.ags, e.status, e.effective_date, e.id, e.council_resolution_date
      from status_events e
      where e.type = 'status' and e.id not in (select s.supersedes from status_events s where s.supersedes is not null)
    ),
    st as materialized (
      select ags, status, effective_date as since,
        lead(effective_date) over (partition by ags order by effective_date, id) as until
      from live
    ),
    ad as materialized (
      select ags, council_resolution_date, effective_date as since,
        lead(effective_date) over (partition by ags order by effective_date, id) as until
      from live where status = 'council_adopted'
    ),
    base as (
      select p.on_date, m.ags, m.population, st.status, ad.council_resolution_date
      from (${dates}) p(on_date) cross join municipalities m
      left join st on st.ags = m.ags and st.since <= p.on_date and (st.until is null or p.on_date < st.until)
      left join ad on ad.ags = m.ags and ad.since <= p.on_date and (ad.until is null or p.on_date < ad.until)
      where (m.valid_from is null or m.valid_from <= p.on_date)
        and (m.valid_to is null or m.valid_to > p.on_date)
        and ${where}
    )
    select b.on_date::text as on_date, b.ags, b.population, coalesce(b.status, 'none') as status,
      coalesce(
        b.status in ('council_adopted', 'funding_eligible', 'updating') and b.council_resolution_date is not null
          and (b.council_resolution_date + make_interval(years => ${rules.currencyYears}))::date - 1 >= b.on_date,
        false) as current
    from base b`;
}

function timelineSql(rules: Rules, from: string, to: string, filters: StatsFilterQuery): SQL {
  return sql`with points (on_date) as (${monthEnds(from, to)})
        select p.on_date::text as date, ${coverageFigures}, ${demoFlag} as demo
        from points p
        left join (${coverageOnDates(sql`select on_date from points`, rules, statsFilter(filters))}) r on r.on_date = p.on_date::text
        group by p.on_date
        order by p.on_date`;
}

type PointRow = CoverageRow & { date: string; demo: boolean };

/** One point per month end (see monthEnds): the municipalities existing on that date and their records then. */
export async function timeline(db: Db, rules: Rules, from: string, to: string, filters: StatsFilterQuery = {}) {
  const rows = await db.transaction(async (tx) => {
    // The planner prices the per-point lookups above jit_above_cost even for a few points, and JIT
    // compiling then costs more than it saves (measured: 4 points ~470 ms with JIT, ~7 ms without;
    // 71 points over a demo-sized history ~700 ms against ~140 ms).
    await tx.execute(sql`set local jit = off`);
    return queryRows<PointRow>(tx, timelineSql(rules, from, to, filters));
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
  const rows = await queryRows<StatusMapRow>(
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
