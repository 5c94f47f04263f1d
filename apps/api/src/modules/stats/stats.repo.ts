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
import { type Db, queryPrepared } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { membersOn } from "../associations/associations.repo.js";
import { recordsOn } from "../records/records.sql.js";
import { demoDataFlag } from "../settings/settings.repo.js";

/** Aggregates of the records `r` (columns of recordsOn) in one group; see `toFigures`. */
export interface CoverageRow {
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
export const coverageFigures = sql`
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


export function byStatus(row: CoverageRow): ByStatus {
  return {
    none: row.by_none,
    drafting: row.by_drafting,
    council_adopted: row.by_council_adopted,
    funding_eligible: row.by_funding_eligible,
    updating: row.by_updating,
  };
}

export function coverage(row: CoverageRow) {
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
 * The registry conditions (on `m`, municipalities) of the district, type and size class filters. A size
 * class compares the registry population, like the size classes of districtStatsOn. The association
 * filter depends on a date and is added by statsFilter (or, for the timeline, by `stretches`).
 */
export function registryConditions(filters: StatsFilterQuery): SQL[] {
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
  return conditions;
}

/** The conditions as one (`true` when there are none). */
export function allOf(conditions: SQL[]): SQL {
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` and `);
}

/**
 * The registry condition (on `m`, municipalities) of the optional statistics filters on `asOf`, for
 * recordsOn's `where`. The association filter keeps the members on `asOf`, as the list's filter does.
 */
export function statsFilter(filters: StatsFilterQuery, asOf: string): SQL {
  const conditions = registryConditions(filters);
  if (filters.association) conditions.push(sql`m.ags in (${membersOn(filters.association, asOf)})`);
  return allOf(conditions);
}

/** Statewide figures (or those of the filtered part) over the municipalities that exist on `asOf`. */
export async function summaryOn(db: Db, rules: Rules, asOf: string, filters: StatsFilterQuery = {}) {
  const [row] = await queryPrepared<FiguresRow & { demo: boolean }>(
    db,
    sql`select ${figures}, ${demoDataFlag} as demo from (${recordsOn(asOf, rules, statsFilter(filters, asOf))}) r`,
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
            from (${recordsOn(asOf, rules, statsFilter(filters, asOf))}) x
          ) r
          group by grouping sets ((r.district_key), (r.size_class))
        ),
        classes (key, ord) as (values ${classes})
        select z.*, ${demoDataFlag} as demo from (
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

/**
 * Every municipality existing on `asOf` with its status (recordsOn) and registry facts, by AGS; with
 * `association`, only its members on `asOf`.
 */
export async function statusMapOn(
  db: Db,
  rules: Rules,
  asOf: string,
  filters: Pick<StatsFilterQuery, "association"> = {},
): Promise<StatusMap> {
  const rows = await queryPrepared<StatusMapRow>(
    db,
    sql`select r.ags, r.display_name, r.district_key, d.name as district_name, r.type, r.population, r.status, r.current,
          ${demoDataFlag} as demo
        from (${recordsOn(asOf, rules, statsFilter(filters, asOf))}) r
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
