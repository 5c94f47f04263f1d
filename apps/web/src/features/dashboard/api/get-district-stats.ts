import { type DistrictStats, type DistrictStatsQuery, districtStatsSchema } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../../lib/api-client";

export function getDistrictStats(query: DistrictStatsQuery, signal?: AbortSignal): Promise<DistrictStats> {
  return apiGet("/api/stats/districts", districtStatsSchema, { params: query, signal });
}

export function districtStatsQueryOptions(query: DistrictStatsQuery) {
  return queryOptions({
    queryKey: ["stats", "districts", query] as const,
    queryFn: ({ signal }) => getDistrictStats(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDistrictStats(query: DistrictStatsQuery) {
  return useQuery(districtStatsQueryOptions(query));
}
