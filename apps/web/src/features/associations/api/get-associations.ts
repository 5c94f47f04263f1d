import { type AssociationList, endpoints } from "@insek/contracts";
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

/** The associations existing on `asOf` (default: today) with their members then. */
export function getAssociations(asOf?: string, signal?: AbortSignal): Promise<AssociationList> {
  return request(endpoints.associationList, { query: asOf ? { asOf } : {}, signal });
}

export function associationsQueryOptions(asOf?: string) {
  return queryOptions({
    queryKey: ["associations", "list", asOf ?? null] as const,
    queryFn: ({ signal }) => getAssociations(asOf, signal),
    // Associations change with a directory import, about once a year.
    staleTime: 30 * 60_000,
  });
}

export function useAssociations(asOf?: string) {
  return useQuery({ ...associationsQueryOptions(asOf), placeholderData: keepPreviousData });
}
