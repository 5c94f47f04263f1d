import { type MunicipalityList, type MunicipalityListQuery, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../api-client";

export function getMunicipalities(query: MunicipalityListQuery, signal?: AbortSignal): Promise<MunicipalityList> {
  return request(endpoints.municipalityList, { query, signal });
}

export function municipalitiesQueryOptions(query: MunicipalityListQuery) {
  return queryOptions({
    queryKey: ["municipalities", "list", query] as const,
    queryFn: ({ signal }) => getMunicipalities(query, signal),
    // Keep showing the previous page while the next one loads, instead of flashing a spinner.
    placeholderData: keepPreviousData,
  });
}

export function useMunicipalities(query: MunicipalityListQuery) {
  return useQuery(municipalitiesQueryOptions(query));
}
