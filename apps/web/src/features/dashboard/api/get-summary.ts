import { type Summary, type SummaryQuery, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getSummary(query: SummaryQuery, signal?: AbortSignal): Promise<Summary> {
  return request(endpoints.statsSummary, { query, signal });
}

export function summaryQueryOptions(query: SummaryQuery) {
  return queryOptions({
    queryKey: ["stats", "summary", query] as const,
    queryFn: ({ signal }) => getSummary(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useSummary(query: SummaryQuery, enabled = true) {
  return useQuery({ ...summaryQueryOptions(query), enabled });
}
