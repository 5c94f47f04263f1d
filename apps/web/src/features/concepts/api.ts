import {
  type ConceptDetail,
  type ConceptInput,
  type ConceptList,
  type ConceptListQuery,
  type ConceptUpdate,
  type ResolutionInput,
  documentSchema,
  endpoints,
  endpointPath,
} from "@insek/contracts";
import { type QueryClient, keepPreviousData, queryOptions, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiUploadForm, request } from "../../lib/api-client";

export type ConceptFilter = Partial<Omit<ConceptListQuery, "limit" | "offset">> & { limit?: number; offset?: number };

export function getConcepts(filter: ConceptFilter, signal?: AbortSignal): Promise<ConceptList> {
  return request(endpoints.conceptList, { query: filter, signal });
}

export function conceptsQueryOptions(filter: ConceptFilter) {
  return queryOptions({
    queryKey: ["concepts", "list", filter] as const,
    queryFn: ({ signal }) => getConcepts(filter, signal),
    placeholderData: keepPreviousData,
  });
}

export function useConcepts(filter: ConceptFilter) {
  return useQuery(conceptsQueryOptions(filter));
}

/** The concepts of each of these municipalities (the form's choices of a parent and of the concept updated). */
export function useConceptsOfMunicipalities(agsList: readonly string[]) {
  return useQueries({
    queries: agsList.map((ags) => ({ ...conceptsQueryOptions({ ags, limit: 500 }), placeholderData: undefined })),
  });
}

export function getConcept(id: number, signal?: AbortSignal): Promise<ConceptDetail> {
  return request(endpoints.conceptDetail, { params: { id }, signal });
}

export function conceptQueryOptions(id: number) {
  return queryOptions({
    queryKey: ["concepts", "detail", id] as const,
    queryFn: ({ signal }) => getConcept(id, signal),
  });
}

/** Pass undefined to wait (e.g. a concept that names no earlier one). */
export function useConcept(id: number | null | undefined) {
  return useQuery({ ...conceptQueryOptions(id ?? 0), enabled: id !== null && id !== undefined });
}

/**
 * A concept write changes the concept, its members' records (a resolution writes a status event) and so every
 * figure: refresh everything but the session.
 */
function refreshAfterWrite(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "auth" });
}

export function useCreateConcept() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ConceptInput) => request(endpoints.conceptCreate, { body: input }),
    onSuccess: () => refreshAfterWrite(queryClient),
  });
}

export interface UpdateConceptVariables {
  id: number;
  /** The version the change builds on (If-Match). */
  version: number;
  input: ConceptUpdate;
}

export function useUpdateConcept() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, input }: UpdateConceptVariables) =>
      request(endpoints.conceptUpdate, { params: { id }, body: input, headers: { "if-match": `"${version}"` } }),
    onSuccess: () => refreshAfterWrite(queryClient),
  });
}

export function useCreateResolution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: ResolutionInput }) =>
      request(endpoints.conceptResolutionCreate, { params: { id }, body: input }),
    onSuccess: () => refreshAfterWrite(queryClient),
  });
}

export interface UploadDocumentVariables {
  id: number;
  file: File;
  title?: string | undefined;
  kind: "concept" | "resolution" | "other";
}

/** multipart/form-data with the field `file` (the endpoint map names the JSON link form; see its entry). */
export function useUploadDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, file, title, kind }: UploadDocumentVariables) => {
      const form = new FormData();
      // Text fields before the file: a streaming parser reads them first.
      if (title) form.set("title", title);
      form.set("kind", kind);
      form.set("file", file, file.name);
      return apiUploadForm(endpointPath(endpoints.conceptDocumentCreate.path, { id }), form, documentSchema);
    },
    onSuccess: (_document, { id }) => queryClient.invalidateQueries({ queryKey: ["concepts", "detail", id] }),
  });
}

/** A document given as a link (JSON body of POST /api/concepts/:id/documents). */
export function useAddDocumentLink() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, url, title, kind }: { id: number; url: string; title?: string | undefined; kind: UploadDocumentVariables["kind"] }) =>
      request(endpoints.conceptDocumentCreate, { params: { id }, body: { url, ...(title ? { title } : {}), kind } }),
    onSuccess: (_document, { id }) => queryClient.invalidateQueries({ queryKey: ["concepts", "detail", id] }),
  });
}

/** Where an uploaded document downloads (GET /api/documents/:id). */
export function documentHref(document: { downloadPath: string | null; url: string | null; id: number }): string {
  return document.downloadPath ?? document.url ?? endpointPath(endpoints.documentDownload.path, { id: document.id });
}
