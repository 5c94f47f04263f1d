import { type Rules, rulesSchema } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../api-client";

/** Only the `rules` of the summary: the currency rule is shown beside every date that depends on it. */
const summaryRulesSchema = {
  parse: (input: unknown): Rules =>
    rulesSchema.parse(typeof input === "object" && input !== null ? (input as { rules?: unknown }).rules : undefined),
};

export function getRules(signal?: AbortSignal): Promise<Rules> {
  return apiGet("/api/stats/summary", summaryRulesSchema, { signal });
}

export function useRules() {
  return useQuery(queryOptions({ queryKey: ["rules"] as const, queryFn: ({ signal }) => getRules(signal), staleTime: Infinity }));
}
