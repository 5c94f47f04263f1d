import { type MunicipalityDetail, endpoints } from "@insek/contracts";
import { queryOptions, useQuery } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export function getMunicipality(ags: string, signal?: AbortSignal): Promise<MunicipalityDetail> {
  return request(endpoints.municipalityDetail, { params: { ags }, signal });
}

export function municipalityQueryOptions(ags: string) {
  return queryOptions({
    queryKey: ["municipalities", "detail", ags] as const,
    queryFn: ({ signal }) => getMunicipality(ags, signal),
  });
}

/** Pass undefined to wait (for example until a successor's AGS is known). */
export function useMunicipality(ags: string | undefined) {
  return useQuery({ ...municipalityQueryOptions(ags ?? ""), enabled: ags !== undefined });
}
