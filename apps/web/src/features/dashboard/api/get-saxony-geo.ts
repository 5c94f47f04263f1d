import type { SaxonyBaseTopology } from "@insek/refdata/compose";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { apiGet, type ResponseSchema } from "../../../lib/api-client";

export type { SaxonyBaseTopology };

/** The TopoJSON has no contract schema; check the parts the map relies on. */
const topologySchema: ResponseSchema<SaxonyBaseTopology> = {
  parse(input) {
    const topology = input as { type?: unknown; objects?: Record<string, unknown>; lineage?: unknown } | null;
    const objects = topology?.objects;
    if (topology?.type !== "Topology" || !objects?.base || !objects.districts || !Array.isArray(topology.lineage)) {
      throw new Error("not the Saxony topology");
    }
    return input as SaxonyBaseTopology;
  },
};

export function getSaxonyGeo(signal?: AbortSignal): Promise<SaxonyBaseTopology> {
  return apiGet("/api/geo/saxony", topologySchema, { signal });
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
