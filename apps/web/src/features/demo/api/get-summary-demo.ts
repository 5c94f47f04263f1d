import { type Summary, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

/** Today's statewide summary; the demo banner only needs its `demo` flag. */
export function getSummaryDemo(signal?: AbortSignal): Promise<Summary> {
  return request(endpoints.statsSummary, { signal });
}

export function summaryDemoQueryOptions() {
  return queryOptions({
    queryKey: ["demo", "summary"] as const,
    queryFn: ({ signal }) => getSummaryDemo(signal),
    // Whether the data is demo data changes at most once per installation.
    staleTime: 30 * 60_000,
    select: (summary) => summary.demo,
  });
}

/** True while the server holds the synthetic demo history; false (or undefined) otherwise and on any error. */
export function useSummaryDemo() {
  return useQuery(summaryDemoQueryOptions());
}
