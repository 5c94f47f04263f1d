import type { DistrictStats, Summary, Timeline } from "@insek/contracts";
import { memo } from "react";
import { DistrictChart } from "./charts/district-chart";
import { SizeChart } from "./charts/size-chart";
import { StatusChart } from "./charts/status-chart";
import { TimelineChart } from "./charts/timeline-chart";

interface Props {
  summary: Summary;
  districtStats: DistrictStats;
  /** Compare mode: the district figures of the comparison date. */
  compareStats?: DistrictStats | undefined;
  timeline: Timeline;
  /** The district of the overview's filter: the district chart then shows that district only. */
  district: string | null;
  /** "ganz Sachsen" or the active filters, for the titles of the charts that used to be statewide. */
  scope: string;
}

/**
 * The four charts of the Übersicht; a separate chunk (React.lazy), so recharts stays out of the initial JS.
 * Each chart is memoised on its own data, so a new date redraws a chart once, when its query answers,
 * and never because another query did. No animations: a redraw shows the new figures at once (and
 * nothing moves for users who asked for reduced motion).
 */
function OverviewCharts({ summary, districtStats, compareStats, timeline, district, scope }: Props) {
  return (
    <div className="chart-grid">
      <StatusChart summary={summary} />
      <DistrictChart districtStats={districtStats} compareStats={compareStats} district={district} scope={scope} />
      <TimelineChart timeline={timeline} />
      <SizeChart districtStats={districtStats} scope={scope} />
    </div>
  );
}

export default memo(OverviewCharts);
