import {
  type AssignmentCreate,
  type ConsultationInput,
  type ConsultationUpdate,
  type UpdateRequestAnswer,
  type UpdateRequestCreate,
  assignmentCreatedSchema,
  assignmentListSchema,
  campaignListSchema,
  consultationListSchema,
  consultationSchema,
  consultationStatsSchema,
  outboxListSchema,
  portfolioSchema,
  updateRequestAnswerResultSchema,
  updateRequestCreatedSchema,
  updateRequestFormSchema,
  updateRequestListSchema,
} from "@insek/contracts";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type QueryParams, apiGet, apiSend, buildUrl } from "../../lib/api-client";

/*
 * Client side of the FS INGE advisory workspace (assignments, portfolio, consultations, update requests).
 * Every query key starts with "advisory" so a write can refresh the whole workspace at once; writes that
 * change a record also refresh the municipalities and statistics (everything but the session).
 */

const enc = encodeURIComponent;

export function usePortfolio(advisor: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["advisory", "portfolio", advisor ?? null] as const,
    queryFn: ({ signal }) => apiGet("/api/portfolio", portfolioSchema, { params: { advisor }, signal }),
  });
}

export interface ConsultationFilter extends QueryParams {
  ags?: string;
  advisor?: string;
  from?: string;
  to?: string;
  kind?: string;
  district?: string;
  limit?: number;
  offset?: number;
}

export function useConsultations(filter: ConsultationFilter, enabled = true) {
  return useQuery({
    queryKey: ["advisory", "consultations", filter] as const,
    queryFn: ({ signal }) => apiGet("/api/consultations", consultationListSchema, { params: filter, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useMunicipalityConsultations(ags: string, enabled: boolean) {
  return useQuery({
    queryKey: ["advisory", "municipality-consultations", ags] as const,
    queryFn: ({ signal }) => apiGet(`/api/municipalities/${enc(ags)}/consultations`, consultationListSchema, { signal }),
    enabled,
  });
}

export function useConsultationStats(from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: ["advisory", "consultation-stats", from, to] as const,
    queryFn: ({ signal }) => apiGet("/api/consultations/stats", consultationStatsSchema, { params: { from, to }, signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function consultationsReportUrl(quarter: string): string {
  return buildUrl("/api/export/consultations-report.xlsx", { quarter });
}

function useInvalidateAdvisory(all = false) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (query) => (all ? query.queryKey[0] !== "auth" : query.queryKey[0] === "advisory"),
    });
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

export function useAssignments(filter: { advisor?: string; ags?: string; district?: string; active?: boolean }) {
  return useQuery({
    queryKey: ["advisory", "assignments", filter] as const,
    queryFn: ({ signal }) => apiGet("/api/assignments", assignmentListSchema, { params: filter, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (input: AssignmentCreate) => apiSend("POST", "/api/assignments", input, { schema: assignmentCreatedSchema }),
    onSuccess: invalidate,
  });
}

export function useDeleteAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (id: number) => apiSend("DELETE", `/api/assignments/${id}`, undefined),
    onSuccess: invalidate,
  });
}

export function useCampaigns() {
  return useQuery({
    queryKey: ["advisory", "campaigns"] as const,
    queryFn: ({ signal }) => apiGet("/api/update-requests", campaignListSchema, { signal }),
  });
}

export function useCampaignRequests(id: number | null) {
  return useQuery({
    queryKey: ["advisory", "campaign", id] as const,
    queryFn: ({ signal }) => apiGet(`/api/update-requests/campaigns/${id ?? 0}`, updateRequestListSchema, { signal }),
    enabled: id !== null,
  });
}

export function usePendingReviews(enabled = true) {
  return useQuery({
    queryKey: ["advisory", "pending"] as const,
    queryFn: ({ signal }) => apiGet("/api/update-requests/pending", updateRequestListSchema, { signal }),
    enabled,
  });
}

export function useOutbox() {
  return useQuery({
    queryKey: ["advisory", "outbox"] as const,
    queryFn: ({ signal }) => apiGet("/api/outbox", outboxListSchema, { signal }),
  });
}

export function useCreateUpdateRequests() {
  const invalidate = useInvalidateAdvisory();
  return useMutation({
    mutationFn: (input: UpdateRequestCreate) =>
      apiSend("POST", "/api/update-requests", input, { schema: updateRequestCreatedSchema }),
    onSuccess: invalidate,
  });
}

export function useReviewUpdateRequest() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: "accept" | "reject" }) =>
      apiSend("POST", `/api/update-requests/${id}/review`, { decision }),
    onSuccess: invalidate,
  });
}

/** The public form behind a single-use link; no session needed. A used or expired link answers 410. */
export function useTokenForm(token: string) {
  return useQuery({
    queryKey: ["token-form", token] as const,
    queryFn: ({ signal }) => apiGet(`/api/update-requests/by-token/${enc(token)}`, updateRequestFormSchema, { signal }),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/**
 * Tells the API that the person behind the link acted on the page (first click or key press): only then
 * does the request count as opened, since mail scanners load links too. Idempotent on the server.
 */
export function useMarkTokenOpened(token: string) {
  return useMutation({
    mutationFn: () => apiSend("POST", `/api/update-requests/by-token/${enc(token)}/opened`, undefined),
  });
}

export function useAnswerTokenForm(token: string) {
  return useMutation({
    mutationFn: (answer: UpdateRequestAnswer) =>
      apiSend("POST", `/api/update-requests/by-token/${enc(token)}`, answer, { schema: updateRequestAnswerResultSchema }),
  });
}
