import { type UpdateRequestAnswer, type UpdateRequestCreate, updateRequestAnswerResultSchema, updateRequestCreatedSchema, endpoints } from "@insek/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { apiSend, request } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

const enc = encodeURIComponent;

export function useCampaigns() {
  return useQuery({
    queryKey: ["advisory", "campaigns"] as const,
    queryFn: ({ signal }) => request(endpoints.campaignList, { signal }),
  });
}

export function useCampaignRequests(id: number | null) {
  return useQuery({
    queryKey: ["advisory", "campaign", id] as const,
    queryFn: ({ signal }) => request(endpoints.campaignRequests, { params: { id: id ?? 0 }, signal }),
    enabled: id !== null,
  });
}

export function usePendingReviews(enabled = true) {
  return useQuery({
    queryKey: ["advisory", "pending"] as const,
    queryFn: ({ signal }) => request(endpoints.pendingUpdateRequests, { signal }),
    enabled,
  });
}

export function useOutbox() {
  return useQuery({
    queryKey: ["advisory", "outbox"] as const,
    queryFn: ({ signal }) => request(endpoints.outboxList, { signal }),
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
    queryFn: ({ signal }) => request(endpoints.updateRequestForm, { params: { token }, signal }),
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
