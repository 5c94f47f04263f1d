import { type Timeline, type TimelineQuery, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getTimeline(query: TimelineQuery, signal?: AbortSignal): Promise<Timeline> {
  return request(endpoints.statsTimeline, { query, signal });
}

export function timelineQueryOptions(query: TimelineQuery) {
  return queryOptions({
    queryKey: ["stats", "timeline", query] as const,
    queryFn: ({ signal }) => getTimeline(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useTimeline(query: TimelineQuery) {
  return useQuery(timelineQueryOptions(query));
}
