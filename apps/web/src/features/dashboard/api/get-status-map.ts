import { type StatusMap, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

/**
 * All municipalities existing on `asOf` with their status and the registry facts the map filters
 * by (GET /api/stats/status-map: a fraction of the full list's size and time).
 */
export function getStatusMap(asOf: string, signal?: AbortSignal): Promise<StatusMap> {
  return request(endpoints.statsStatusMap, { query: { asOf }, signal });
}

export function statusMapQueryOptions(asOf: string) {
  return queryOptions({
    queryKey: ["stats", "status-map", asOf] as const,
    queryFn: ({ signal }) => getStatusMap(asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatusMap(asOf: string, enabled = true) {
  return useQuery({ ...statusMapQueryOptions(asOf), enabled });
}
