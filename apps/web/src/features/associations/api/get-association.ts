import { type AssociationDetail, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getAssociation(key: string, signal?: AbortSignal): Promise<AssociationDetail> {
  return request(endpoints.associationDetail, { params: { key }, signal });
}

export function associationQueryOptions(key: string) {
  return queryOptions({
    queryKey: ["associations", "detail", key] as const,
    queryFn: ({ signal }) => getAssociation(key, signal),
    staleTime: 30 * 60_000,
  });
}

export function useAssociation(key: string | undefined) {
  return useQuery({ ...associationQueryOptions(key ?? ""), enabled: key !== undefined });
}
