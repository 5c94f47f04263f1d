import type { QueryClient } from "@tanstack/react-query";
import { type OverviewParams, statsFilters } from "../overview-params";
import { districtStatsQueryOptions } from "./get-district-stats";
import { statusMapQueryOptions } from "./get-status-map";
import { summaryQueryOptions } from "./get-summary";
import { timelineQueryOptions } from "./get-timeline";

/**
 * Starts the requests of a view right when the user changes it, before React renders the new URL
 * (react-router renders it in a transition, and the page's queries would only start after that
 * commit). The page's own queries have the same keys, so they take over these requests instead of
 * sending them again. The order is the order the page asks in (see overview-page.tsx).
 */
export function prefetchOverview(queryClient: QueryClient, params: OverviewParams): void {
  const filters = statsFilters(params);
  void queryClient.prefetchQuery(summaryQueryOptions({ asOf: params.asOf, ...filters }));
  if (params.compare) void queryClient.prefetchQuery(summaryQueryOptions({ asOf: params.compare, ...filters }));
  void queryClient.prefetchQuery(districtStatsQueryOptions({ asOf: params.asOf, ...filters }));
  if (params.compare) void queryClient.prefetchQuery(districtStatsQueryOptions({ asOf: params.compare, ...filters }));
  void queryClient.prefetchQuery(statusMapQueryOptions(params.asOf));
  void queryClient.prefetchQuery(timelineQueryOptions({ to: params.asOf, ...filters }));
}
