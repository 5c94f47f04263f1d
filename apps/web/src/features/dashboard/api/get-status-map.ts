import { type StatusMap, statusMapSchema } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../../lib/api-client";

/**
 * All municipalities existing on `asOf` with their status and the registry facts the map filters
 * by (GET /api/stats/status-map: a fraction of the full list's size and time).
 */
export function getStatusMap(asOf: string, signal?: AbortSignal): Promise<StatusMap> {
  return apiGet("/api/stats/status-map", statusMapSchema, { params: { asOf }, signal });
}

export function statusMapQueryOptions(asOf: string) {
  return queryOptions({
    queryKey: ["stats", "status-map", asOf] as const,
    queryFn: ({ signal }) => getStatusMap(asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatusMap(asOf: string) {
  return useQuery(statusMapQueryOptions(asOf));
}
