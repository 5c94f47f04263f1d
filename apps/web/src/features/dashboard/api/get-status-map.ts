import { MAX_PAGE_SIZE, type MunicipalityList, municipalityListSchema } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../../lib/api-client";

/** All municipalities existing on `asOf` with their records (418 fit in one page). */
export function getStatusMap(asOf: string, signal?: AbortSignal): Promise<MunicipalityList> {
  return apiGet("/api/municipalities", municipalityListSchema, {
    params: { asOf, limit: MAX_PAGE_SIZE, sort: "ags" },
    signal,
  });
}

export function statusMapQueryOptions(asOf: string) {
  return queryOptions({
    queryKey: ["municipalities", "status-map", asOf] as const,
    queryFn: ({ signal }) => getStatusMap(asOf, signal),
    placeholderData: keepPreviousData,
  });
}

export function useStatusMap(asOf: string) {
  return useQuery(statusMapQueryOptions(asOf));
}
