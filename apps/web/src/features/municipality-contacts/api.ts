import { type EndpointQuery, type MunicipalityContactInput, endpoints } from "@insek/contracts";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { apiUpload, endpointUrl, request } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

export function useMunicipalityContacts(query: EndpointQuery<typeof endpoints.municipalityContactList>) {
  return useQuery({
    queryKey: ["advisory", "contacts", query] as const,
    queryFn: ({ signal }) => request(endpoints.municipalityContactList, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSaveContact() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: ({ ags, input }: { ags: string; input: MunicipalityContactInput }) =>
      request(endpoints.municipalityContactPut, { params: { ags }, body: input }),
    onSuccess: invalidate,
  });
}

export function useRemoveContact() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (ags: string) => request(endpoints.municipalityContactDelete, { params: { ags } }),
    onSuccess: invalidate,
  });
}

/** POST /api/import/municipality-contacts: a dry run (writes nothing) or the real run; both report each row. */
export function useImportContacts() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) =>
      apiUpload(endpointUrl(endpoints.municipalityContactImport, { query: { dryRun } }), file, "text/csv", endpoints.municipalityContactImport.response),
    onSuccess: (result) => {
      if (result.applied) void invalidate();
    },
  });
}
