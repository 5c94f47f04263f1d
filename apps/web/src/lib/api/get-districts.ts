import { type DistrictList, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../api-client";

export function getDistricts(signal?: AbortSignal): Promise<DistrictList> {
  return request(endpoints.districtList, { signal });
}

export function districtsQueryOptions() {
  return queryOptions({
    queryKey: ["districts"] as const,
    queryFn: ({ signal }) => getDistricts(signal),
    // The registry changes once a year; no need to refetch during a visit.
    staleTime: 30 * 60_000,
  });
}

export function useDistricts() {
  return useQuery(districtsQueryOptions());
}
