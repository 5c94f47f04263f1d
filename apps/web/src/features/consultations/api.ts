import { type ConsultationFilter, type ConsultationInput, type ConsultationUpdate, endpoints } from "@insek/contracts";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { endpointUrl, request } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

export type { ConsultationFilter };

export function useConsultations(filter: ConsultationFilter, enabled = true) {
  return useQuery({
    queryKey: ["advisory", "consultations", filter] as const,
    queryFn: ({ signal }) => request(endpoints.consultationList, { query: filter, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMunicipalityConsultations(ags: string, enabled: boolean) {
  return useQuery({
    queryKey: ["advisory", "municipality-consultations", ags] as const,
    queryFn: ({ signal }) => request(endpoints.municipalityConsultations, { params: { ags }, signal }),
    enabled,
  });
}

export function useConsultationStats(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ["advisory", "consultation-stats", from, to] as const,
    queryFn: ({ signal }) => request(endpoints.consultationStats, { query: { from, to }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function consultationsReportUrl(quarter: string): string {
  return endpointUrl(endpoints.exportConsultationsReport, { query: { quarter } });
}

export function useCreateConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (input: ConsultationInput) => request(endpoints.consultationCreate, { body: input }),
    onSuccess: invalidate,
  });
}

export function useUpdateConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: ConsultationUpdate }) =>
      request(endpoints.consultationUpdate, { params: { id }, body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (id: number) => request(endpoints.consultationWithdraw, { params: { id } }),
    onSuccess: invalidate,
  });
}
