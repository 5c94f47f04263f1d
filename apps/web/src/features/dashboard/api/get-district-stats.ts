import { type DistrictStats, type DistrictStatsQuery, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getDistrictStats(query: DistrictStatsQuery, signal?: AbortSignal): Promise<DistrictStats> {
  return request(endpoints.statsDistricts, { query, signal });
}

export function districtStatsQueryOptions(query: DistrictStatsQuery) {
  return queryOptions({
    queryKey: ["stats", "districts", query] as const,
    queryFn: ({ signal }) => getDistrictStats(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDistrictStats(query: DistrictStatsQuery, enabled = true) {
  return useQuery({ ...districtStatsQueryOptions(query), enabled });
}
