import { type Rules, STATUSES, type StatsFilterQuery } from "@insek/contracts";
import { type Db, queryPrepared } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { monthsBetween } from "./timeline-range.js";
import { coveredUntil, monthEnds, type PointRow, pointColumns, stretches } from "./timeline.sql.js";

/**
 * The timeline as a sweep over the stretches (`stretches`) reaching into the range instead of a
 * record per (date, municipality). Each stretch adds 1 (and its population) at the first point on or
 * after its start and takes it away at the first point on or after its end; running sums over the
 * points give the same counts as evaluating recordsOn on each point (the timeline tests compare every
 * point with the summary of its date), but the work grows with the periods in the range, not with
 * points × municipalities. Answers every range and filter; the unfiltered timeline usually comes from
 * the monthly roll-up instead (timeline-rollup.ts).
 *
 * Points are numbered from 0 in date order; a date's index is that of the first point on or after
 * it (`n`, none, after the last), found by binary search (`width_bucket`). A stretch adds to the
 * coverage from its start to where its adoption lapses (clamped to the stretch).
 */
function timelineSweepSql(rules: Rules, from: string, to: string, filters: StatsFilterQuery): SQL {
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
        ${stretches(rules, filters, sql`(select points[1] from pa)`)},
        marks as materialized (
          select ${pointIndex(sql`x.s`)} as i_s, ${pointIndex(sql`x.e`)} as i_e,
            ${pointIndex(coveredUntil("x"))} as i_l, x.status,
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
        select ${pointColumns}
        from totals t
        order by t.on_date`;
}

/** The points of the range by the sweep (any range, any filters). */
export async function timelineBySweep(db: Db, rules: Rules, from: string, to: string, filters: StatsFilterQuery): Promise<PointRow[]> {
  return db.transaction(async (tx) => {
    // At national scale the planner prices the sweep above jit_above_cost, and JIT compiling then
    // costs more than the statement (an earlier formulation: 4 points ~470 ms with JIT, ~7 ms without).
    await tx.execute(sql`set local jit = off`);
    return queryPrepared<PointRow>(tx, timelineSweepSql(rules, from, to, filters));
  });
}
