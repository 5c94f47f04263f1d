import { type StatusEvent, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export async function getMunicipalityEvents(ags: string, signal?: AbortSignal): Promise<StatusEvent[]> {
  const list = await request(endpoints.municipalityEvents, { params: { ags }, signal });
  return list.items;
}

/** Under "municipalities", so invalidating that key after a write refreshes detail, list and history at once. */
export function municipalityEventsQueryOptions(ags: string) {
  return queryOptions({
    queryKey: ["municipalities", "events", ags] as const,
    queryFn: ({ signal }) => getMunicipalityEvents(ags, signal),
  });
}

export function useMunicipalityEvents(ags: string | undefined) {
  return useQuery({ ...municipalityEventsQueryOptions(ags ?? ""), enabled: ags !== undefined });
}
