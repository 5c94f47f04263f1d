import { type Rules, STATUSES } from "@insek/contracts";
import { type Db, queryPrepared, queryRows } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { recordsOn } from "../records/records.sql.js";
import { coverageFigures } from "./stats.repo.js";
import { coveredUntil, monthEnds, type PointRow, pointColumns, stretches } from "./timeline.sql.js";

/**
 * The statewide timeline from the monthly roll-up (table `timeline_rollup`, migration 0009, decision
 * 0012): the counts on a month end before the horizon are running sums over at most a few hundred
 * month rows instead of a sweep over every status period in the range. The roll-up holds the deltas of
 * the stretches (`stretches`, the same as the sweep's) on days before its horizon, the first day of
 * the month it was built in, so the usual write, a status event effective this month, leaves it
 * valid; the database invalidates it (`timeline_rollup_touch`) when a change reaches before the
 * horizon, and the next read rebuilds it.
 */

/** The advisory lock (two keys) that orders rebuilds against writes reaching before the horizon (migration 0009). */
const LOCK = sql`1229869893, 9`;

/** The first day of the date's month. */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/**
 * Rebuilds the roll-up for `rules.currencyYears` with the horizon at the start of `today`'s month (or
 * the later horizon already there). False, without waiting, when another transaction holds the lock:
 * another rebuild, or a write reaching before the horizon that has not committed yet.
 */
export async function rebuildTimelineRollup(db: Db, rules: Rules, today: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [lock] = await queryRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${LOCK}) as locked`);
    if (!lock?.locked) return false;
    // The version before the deltas are read (in a later statement, so from a later snapshot): a change
    // committed in between is then in the deltas and raised the version, which costs one rebuild more,
    // never a stale answer.
    const [state] = await queryRows<{ version: string | number; horizon: string | null }>(
      tx,
      sql`select version, horizon::text as horizon from timeline_rollup_state where id = 1`,
    );
    if (!state) throw new Error("timeline_rollup_state has no row (migration 0009)");
    const wanted = monthStart(today);
    const horizon = state.horizon !== null && state.horizon > wanted ? state.horizon : wanted;
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`delete from timeline_rollup`);
    await tx.execute(sql`
      insert into timeline_rollup (month, status, count, population, covered_count, covered_population)
      with ${stretches(rules, {})},
      pieces as (select x.status, x.pop, x.s, x.e, ${coveredUntil("x")} as l from spans x where x.s < x.e),
      deltas (d, status, dn, dp, dc, dcp) as (
        select s, status, 1, pop, case when s < l then 1 else 0 end, case when s < l then pop else 0 end from pieces
        union all
        select e, status, -1, -pop, 0, 0 from pieces where e < 'infinity'::date
        union all
        select l, status, 0, 0, -1, -pop from pieces where s < l
      )
      select date_trunc('month', d::timestamp)::date, status, sum(dn), sum(dp), sum(dc), sum(dcp)
      from deltas
      where d < ${horizon}::date
      group by 1, 2
      having sum(dn) <> 0 or sum(dp) <> 0 or sum(dc) <> 0 or sum(dcp) <> 0`);
    await tx.execute(
      sql`update timeline_rollup_state
          set built_version = ${Number(state.version)}, horizon = ${horizon}::date, currency_years = ${rules.currencyYears}
          where id = 1`,
    );
    return true;
  });
}

function rollupSql(rules: Rules, from: string, to: string): SQL {
  const byStatus = sql.join(
    STATUSES.map((s) => sql`sum(count) filter (where status = ${s}) as ${sql.identifier(`d_${s}`)}`),
    sql`, `,
  );
  const running = (column: string, as: string) => sql`coalesce(sum(${sql.identifier(column)}) over w, 0)::int as ${sql.identifier(as)}`;
  const runningByStatus = sql.join(
    STATUSES.map((s) => running(`d_${s}`, `by_${s}`)),
    sql`, `,
  );
  const sealedColumns = sql.join(
    ["total", "population", ...STATUSES.map((s) => `by_${s}`), "covered_count", "covered_population"].map(
      (c) => sql`coalesce(c.${sql.identifier(c)}, 0) as ${sql.identifier(c)}`,
    ),
    sql`, `,
  );
  return sql`
    with st as (
      select horizon from timeline_rollup_state
      where id = 1 and built_version = version and currency_years = ${rules.currencyYears}
        and horizon >= date_trunc('month', ${to}::date::timestamp)::date
    ),
    points (on_date) as (${monthEnds(from, to)}),
    sealed_points as (
      select on_date from points
      where on_date < (select horizon from st)
        and on_date = (date_trunc('month', on_date::timestamp) + interval '1 month' - interval '1 day')::date
    ),
    months as (
      select month, sum(count) as d_total, sum(population) as d_population, ${byStatus},
        sum(covered_count) as d_covered, sum(covered_population) as d_covered_population
      from timeline_rollup
      where exists (select 1 from st)
      group by month
    ),
    -- Materialised: referenced once, it would otherwise be inlined into the lateral lookup and summed
    -- again for every point.
    cum as materialized (
      select month, ${running("d_total", "total")}, ${running("d_population", "population")}, ${runningByStatus},
        ${running("d_covered", "covered_count")}, ${running("d_covered_population", "covered_population")}
      from months
      window w as (order by month)
    ),
    sealed as (
      select sp.on_date, ${sealedColumns}
      from sealed_points sp
      left join lateral (select * from cum where cum.month <= sp.on_date order by cum.month desc limit 1) c on true
    ),
    live as (
      select ${to}::date as on_date, z.total, z.population, z.by_none, z.by_drafting, z.by_council_adopted,
        z.by_funding_eligible, z.by_updating, z.covered_count, z.covered_population
      from (select ${coverageFigures} from (${recordsOn(to, rules)}) r) z
      where exists (select 1 from st) and not exists (select 1 from sealed_points where on_date = ${to}::date)
    )
    select ${pointColumns}
    from (select * from sealed union all select * from live) t
    order by t.on_date`;
}

/**
 * The statewide points of the range from the roll-up, in one statement (one snapshot of the state,
 * the roll-up and today's records); undefined when the roll-up does not answer it: not built for
 * these rules, invalidated by a change before its horizon, or its horizon before `to`'s month.
 * Month ends before the horizon come from the roll-up, the last point (`to`) from the records on that
 * date unless it is such a month end.
 */
export async function timelineFromRollup(db: Db, rules: Rules, from: string, to: string, expected: number): Promise<PointRow[] | undefined> {
  const rows = await queryPrepared<PointRow>(db, rollupSql(rules, from, to));
  return rows.length === expected ? rows : undefined;
}
