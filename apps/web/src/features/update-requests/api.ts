import { type UpdateRequestAnswer, type UpdateRequestCreate, endpoints } from "@insek/contracts";
import { useMutation, useQuery } from "@tanstack/react-query";
import { request } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

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
      request(endpoints.updateRequestCreate, { body: input }),
    onSuccess: invalidate,
  });
}

/** Who a campaign would go to (nothing is written): shown for confirmation before sending. */
export function usePreviewUpdateRequests() {
  return useMutation({
    mutationFn: (input: UpdateRequestCreate) => request(endpoints.updateRequestPreview, { body: input }),
  });
}

export function useReviewUpdateRequest() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: ({ id, decision }: { id: number; decision: "accept" | "reject" }) =>
      request(endpoints.updateRequestReview, { params: { id }, body: { decision } }),
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
    mutationFn: () => request(endpoints.updateRequestOpened, { params: { token } }),
  });
}

export function useAnswerTokenForm(token: string) {
  return useMutation({
    mutationFn: (answer: UpdateRequestAnswer) =>
      request(endpoints.updateRequestAnswer, { params: { token }, body: answer }),
  });
}
