import { type DistrictStats, districtStatsSchema } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../../lib/api-client";

export function getDistrictStats(asOf: string, signal?: AbortSignal): Promise<DistrictStats> {
  return apiGet("/api/stats/districts", districtStatsSchema, { params: { asOf }, signal });
}

export function districtStatsQueryOptions(asOf: string) {
  return queryOptions({
    queryKey: ["stats", "districts", asOf] as const,
    queryFn: ({ signal }) => getDistrictStats(asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useDistrictStats(asOf: string) {
  return useQuery(districtStatsQueryOptions(asOf));
}
