import {
  type PracticeAdopterInput,
  type PracticeDetail,
  type PracticeInput,
  type PracticeList,
  type PracticeListQuery,
  type PracticeUpdate,
  type ConceptListItem,
  type MeasureListItem,
  endpointPath,
  endpoints,
  practiceImageSchema,
} from "@insek/contracts";
import { type QueryClient, keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiUploadForm, buildUrl, request } from "../../lib/api-client";

export type PracticeFilter = Partial<PracticeListQuery>;

export function getPractices(filter: PracticeFilter, signal?: AbortSignal): Promise<PracticeList> {
  return request(endpoints.practiceList, { query: filter, signal });
}

export function practicesQueryOptions(filter: PracticeFilter) {
  return queryOptions({
    queryKey: ["practices", "list", filter] as const,
    queryFn: ({ signal }) => getPractices(filter, signal),
    placeholderData: keepPreviousData,
  });
}

/** Pass enabled=false to wait (e.g. for the session). */
export function usePractices(filter: PracticeFilter, enabled = true) {
  return useQuery({ ...practicesQueryOptions(filter), enabled });
}

export function getPractice(id: number, signal?: AbortSignal): Promise<PracticeDetail> {
  return request(endpoints.practiceDetail, { params: { id }, signal });
}

export function practiceQueryOptions(id: number) {
  return queryOptions({ queryKey: ["practices", "detail", id] as const, queryFn: ({ signal }) => getPractice(id, signal) });
}

export function usePractice(id: number | null) {
  return useQuery({ ...practiceQueryOptions(id ?? 0), enabled: id !== null });
}

/** The form's choices: the concepts of the chosen municipalities (each concept once, by title). */
export function usePracticeConceptChoices(agsList: readonly string[]): { concepts: ConceptListItem[]; pending: boolean } {
  return useQueries({
    queries: agsList.map((ags) => ({
      queryKey: ["practice-choices", "concepts", ags] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => request(endpoints.conceptList, { query: { ags, limit: 500 }, signal }),
    })),
    combine: (results) => {
      const byId = new Map<number, ConceptListItem>();
      for (const result of results) for (const concept of result.data?.items ?? []) byId.set(concept.id, concept);
      return {
        concepts: [...byId.values()].sort((a, b) => a.title.localeCompare(b.title, "de") || a.id - b.id),
        pending: results.some((result) => result.isPending),
      };
    },
  });
}

/** The form's choices: the funding programmes. */
export function usePracticeProgrammeChoices() {
  return useQuery({
    queryKey: ["practice-choices", "programmes"] as const,
    queryFn: ({ signal }) => request(endpoints.programmeList, { signal }),
  });
}

/** The form's choices: the measures of the chosen municipalities (each once, in the API's order per municipality). */
export function usePracticeMeasureChoices(agsList: readonly string[]): { measures: MeasureListItem[]; pending: boolean } {
  return useQueries({
    queries: agsList.map((ags) => ({
      queryKey: ["practice-choices", "measures", ags] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => request(endpoints.measureList, { query: { ags, limit: 500 }, signal }),
    })),
    combine: (results) => {
      const byId = new Map<number, MeasureListItem>();
      for (const result of results) for (const measure of result.data?.items ?? []) byId.set(measure.id, measure);
      return { measures: [...byId.values()], pending: results.some((result) => result.isPending) };
    },
  });
}

/** Every write may change lists, the entry, the queue and the municipality pages: refresh all practices. */
function refresh(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: ["practices"] });
}

export function useCreatePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PracticeInput) => request(endpoints.practiceCreate, { body: input }),
    onSuccess: () => refresh(queryClient),
  });
}

export function useUpdatePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: { id: number; version: number; input: PracticeUpdate }) =>
      request(endpoints.practiceUpdate, { params: { id }, body: input, headers: { "if-match": `"${version}"` } }),
    onSuccess: () => refresh(queryClient),
  });
}

export type WorkflowAction = "submit" | "publish" | "return" | "withdraw";

export function useWorkflowStep() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, comment }: { id: number; action: WorkflowAction; comment?: string }) => {
      if (action === "return") return request(endpoints.practiceReturn, { params: { id }, body: { comment: comment ?? "" } });
      const endpoint = action === "submit" ? endpoints.practiceSubmit : action === "publish" ? endpoints.practicePublish : endpoints.practiceWithdraw;
      return request(endpoint, { params: { id } });
    },
    onSuccess: () => refresh(queryClient),
  });
}

export function useAddAdopter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: PracticeAdopterInput }) => request(endpoints.practiceAdopterCreate, { params: { id }, body: input }),
    onSuccess: () => refresh(queryClient),
  });
}

/** multipart/form-data: the field `alt` before the field `file` (a streaming parser reads it first). */
export function useUploadImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file, alt }: { id: number; file: File; alt: string }) => {
      const form = new FormData();
      form.set("alt", alt);
      form.set("file", file, file.name);
      return apiUploadForm(endpointPath(endpoints.practiceImageCreate.path, { id }), form, practiceImageSchema);
    },
    onSuccess: () => refresh(queryClient),
  });
}

/** An image's address in one size (an <img> source). */
export function imageSrc(id: number, size: "small" | "medium" | "large"): string {
  return buildUrl(endpointPath(endpoints.imageDownload.path, { id }), { size });
}

/** The open data of these filters: the Atom feed, CSV and JSON (published entries only). */
export function openDataHrefs(filter: Record<string, string | number | boolean | undefined>) {
  return {
    feed: buildUrl(endpoints.practiceFeed.path, filter),
    csv: buildUrl(endpoints.exportPracticesCsv.path, filter),
    json: buildUrl(endpoints.exportPracticesJson.path, filter),
  };
}
