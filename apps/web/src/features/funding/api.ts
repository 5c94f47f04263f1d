import {
  type MeasureDetail,
  type MeasureInput,
  type MeasureListQuery,
  type MeasureUpdate,
  type ProgrammeInput,
  type ProgrammeUpdate,
  endpointPath,
  endpoints,
  measureImportResultSchema,
} from "@insek/contracts";
import { type QueryClient, keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiUploadForm, buildUrl, request } from "../../lib/api-client";

/** Every funding answer starts its key with "funding": a write refreshes them all. */
const KEY = "funding";

export function programmesQueryOptions() {
  return queryOptions({
    queryKey: [KEY, "programmes"] as const,
    queryFn: ({ signal }) => request(endpoints.programmeList, { signal }),
    staleTime: 60_000,
  });
}

export function useProgrammes() {
  return useQuery(programmesQueryOptions());
}

export function useFundingStats(asOf: string) {
  return useQuery({
    queryKey: [KEY, "stats", asOf] as const,
    queryFn: ({ signal }) => request(endpoints.statsFunding, { query: { asOf }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useAtRisk(asOf: string, programme?: string) {
  return useQuery({
    queryKey: [KEY, "at-risk", asOf, programme ?? null] as const,
    queryFn: ({ signal }) => request(endpoints.measureAtRisk, { query: { asOf, ...(programme ? { programme } : {}) }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useEligibleWithoutConcept(programme: string | undefined, asOf: string) {
  return useQuery({
    queryKey: [KEY, "eligible", programme ?? null, asOf] as const,
    queryFn: ({ signal }) =>
      request(endpoints.municipalitiesEligibleWithoutConcept, { query: { programme: programme ?? "", asOf, limit: 500 }, signal }),
    enabled: programme !== undefined && programme !== "",
    placeholderData: keepPreviousData,
  });
}

export type MeasureFilter = Partial<MeasureListQuery>;

export function useMeasures(filter: MeasureFilter, enabled = true) {
  return useQuery({
    queryKey: [KEY, "measures", filter] as const,
    queryFn: ({ signal }) => request(endpoints.measureList, { query: filter, signal }),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMeasure(id: number | null) {
  return useQuery({
    queryKey: [KEY, "measure", id ?? 0] as const,
    queryFn: ({ signal }) => request(endpoints.measureDetail, { params: { id: id ?? 0 }, signal }),
    enabled: id !== null,
  });
}

/** A measure or programme changes the figures, the lists and the municipality's page: refresh all of funding. */
function refreshFunding(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: [KEY] });
}

export function useCreateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MeasureInput) => request(endpoints.measureCreate, { body: input }),
    onSuccess: () => refreshFunding(queryClient),
  });
}

export interface UpdateMeasureVariables {
  id: number;
  /** The version the change builds on (If-Match). */
  version: number;
  input: MeasureUpdate;
}

export function useUpdateMeasure() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: UpdateMeasureVariables): Promise<MeasureDetail> =>
      request(endpoints.measureUpdate, { params: { id }, body: input, headers: { "if-match": `"${version}"` } }),
    onSuccess: () => refreshFunding(queryClient),
  });
}

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ProgrammeInput) => request(endpoints.programmeCreate, { body: input }),
    onSuccess: () => refreshFunding(queryClient),
  });
}

export function useUpdateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id: string; version: number; input: ProgrammeUpdate }) =>
      request(endpoints.programmeUpdate, { params: { id }, body: input, headers: { "if-match": `"${version}"` } }),
    onSuccess: () => refreshFunding(queryClient),
  });
}

/** POST /api/measures/import: multipart with the field `file`; `dryRun` checks without writing. */
export function useImportMeasures() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, year }: { file: File; dryRun: boolean; year?: number }) => {
      const form = new FormData();
      form.set("file", file, file.name);
      return apiUploadForm(buildUrl(endpointPath(endpoints.measureImport.path, {}), { dryRun, year }), form, measureImportResultSchema);
    },
    onSuccess: (result) => (result.applied ? refreshFunding(queryClient) : undefined),
  });
}
