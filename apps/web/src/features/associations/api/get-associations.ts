import { type AssociationList, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getAssociations(signal?: AbortSignal): Promise<AssociationList> {
  return request(endpoints.associationList, { signal });
}

export function associationsQueryOptions() {
  return queryOptions({
    queryKey: ["associations", "list"] as const,
    queryFn: ({ signal }) => getAssociations(signal),
    // Associations change with a directory import, about once a year.
    staleTime: 30 * 60_000,
  });
}

export function useAssociations() {
  return useQuery(associationsQueryOptions());
}
