import { type Rules, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../api-client";

/** Only the `rules` of the summary: the currency rule is shown beside every date that depends on it. */
export async function getRules(signal?: AbortSignal): Promise<Rules> {
  return (await request(endpoints.statsSummary, { signal })).rules;
}

export function useRules() {
  return useQuery(queryOptions({ queryKey: ["rules"] as const, queryFn: ({ signal }) => getRules(signal), staleTime: Infinity }));
}
