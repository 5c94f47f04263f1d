import { type ConceptList, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

/** The joint concepts (scope `joint`) with their members, for the map's outlines. */
export function getJointConcepts(signal?: AbortSignal): Promise<ConceptList> {
  return request(endpoints.conceptList, { query: { scope: "joint", limit: 500 }, signal });
}

export function jointConceptsQueryOptions() {
  return queryOptions({
    queryKey: ["concepts", "list", { scope: "joint", limit: 500 }] as const,
    queryFn: ({ signal }) => getJointConcepts(signal),
  });
}

/** Loaded only once the outlines are switched on. */
export function useJointConcepts(enabled: boolean) {
  return useQuery({ ...jointConceptsQueryOptions(), enabled });
}
