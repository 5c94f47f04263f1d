import { type ConsultationFilter, type ConsultationInput, type ConsultationUpdate, consultationSchema, endpoints } from "@insek/contracts";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { apiSend, buildUrl, request } from "../../lib/api-client";
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
  return buildUrl("/api/export/consultations-report.xlsx", { quarter });
}

export function useCreateConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (input: ConsultationInput) => apiSend("POST", "/api/consultations", input, { schema: consultationSchema }),
    onSuccess: invalidate,
  });
}

export function useUpdateConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: ({ id, input }: { id: number; input: ConsultationUpdate }) =>
      apiSend("PATCH", `/api/consultations/${id}`, input, { schema: consultationSchema }),
    onSuccess: invalidate,
  });
}

export function useDeleteConsultation() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (id: number) => apiSend("DELETE", `/api/consultations/${id}`, undefined),
    onSuccess: invalidate,
  });
}
