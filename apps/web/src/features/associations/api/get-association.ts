import { type AssociationDetail, associationDetailSchema } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet } from "../../../lib/api-client";

export function getAssociation(key: string, signal?: AbortSignal): Promise<AssociationDetail> {
  return apiGet(`/api/associations/${encodeURIComponent(key)}`, associationDetailSchema, { signal });
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
