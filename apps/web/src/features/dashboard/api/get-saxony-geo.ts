import { queryOptions, useQuery } from "@tanstack/react-query";
import type { feature } from "topojson-client";
import { apiGet, type ResponseSchema } from "../../../lib/api-client";

export type SaxonyTopology = Parameters<typeof feature>[0];

/** The TopoJSON has no contract schema; check the parts the map relies on. */
const topologySchema: ResponseSchema<SaxonyTopology> = {
  parse(input) {
    const objects = (input as { type?: unknown; objects?: Record<string, unknown> } | null)?.objects;
    if ((input as { type?: unknown } | null)?.type !== "Topology" || !objects?.municipalities || !objects.districts) {
      throw new Error("not the Saxony topology");
    }
    return input as SaxonyTopology;
  },
};

export function getSaxonyGeo(signal?: AbortSignal): Promise<SaxonyTopology> {
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
