import type { Rules, StatsFilterQuery } from "@insek/contracts";
import type { Db } from "@insek/db";
import { byStatus, coverage } from "./stats.repo.js";
import { monthsBetween } from "./timeline-range.js";
import { monthStart, rebuildTimelineRollup, timelineFromRollup } from "./timeline-rollup.repo.js";
import { timelineBySweep } from "./timeline-sweep.repo.js";
import type { PointRow } from "./timeline.sql.js";

/**
 * The points of the range and where they came from. The statewide timeline up to this month
 * (`today`'s) comes from the monthly roll-up, rebuilt first when a change invalidated it; a filtered
 * timeline, one reaching past this month, or one whose rebuild is held up by a concurrent writer or
 * rebuild is swept over the periods instead. Both give the same points (test/timeline-rollup.test.ts).
 */
export async function timelinePoints(
  db: Db,
  rules: Rules,
  from: string,
  to: string,
  filters: StatsFilterQuery,
  today: string,
): Promise<{ rows: PointRow[]; via: "rollup" | "sweep" }> {
  const statewide =
    filters.district === undefined &&
    filters.type === undefined &&
    filters.sizeClass === undefined &&
    filters.association === undefined;
  if (statewide && monthStart(to) <= monthStart(today)) {
    const expected = monthsBetween(from, to);
    let rows = await timelineFromRollup(db, rules, from, to, expected);
    if (!rows && (await rebuildTimelineRollup(db, rules, today))) rows = await timelineFromRollup(db, rules, from, to, expected);
    if (rows) return { rows, via: "rollup" };
  }
  return { rows: await timelineBySweep(db, rules, from, to, filters), via: "sweep" };
}

/** One point per month end (see monthEnds): the municipalities existing on that date and their records then. */
export async function timeline(db: Db, rules: Rules, from: string, to: string, filters: StatsFilterQuery, today: string) {
  const { rows } = await timelinePoints(db, rules, from, to, filters, today);
  return {
    from,
    to,
    rules,
    demo: rows[0]?.demo ?? false,
    points: rows.map((row) => ({ date: row.date, total: row.total, byStatus: byStatus(row), covered: coverage(row) })),
  };
}
