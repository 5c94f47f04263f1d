import { endpoints } from "@insek/contracts";
import type { SaxonyBaseTopology } from "@insek/refdata/compose";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export type { SaxonyBaseTopology };

/** The contract's schema checks the parts the map relies on; the whole shape is the refdata's type. */
export async function getSaxonyGeo(signal?: AbortSignal): Promise<SaxonyBaseTopology> {
  return (await request(endpoints.saxonyGeo, signal ? { signal } : {})) as unknown as SaxonyBaseTopology;
}

export function saxonyGeoQueryOptions() {
  return queryOptions({
    queryKey: ["geo", "saxony"] as const,
    queryFn: ({ signal }) => getSaxonyGeo(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSaxonyGeo() {
  return useQuery(saxonyGeoQueryOptions());
}
