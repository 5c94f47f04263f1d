import { endpoints } from "@insek/contracts";
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";
import { usePasswordConfirmation, withConfirmedPassword } from "./confirm-password";

/** GET /api/users/:id/tokens: an account's API tokens (names and dates, never the tokens). */
export function accountTokensQuery(accountId: string) {
  return queryOptions({
    queryKey: ["accounts", accountId, "tokens"] as const,
    queryFn: ({ signal }) => request(endpoints.userTokens, { params: { id: accountId }, signal }),
  });
}

export function useAccountTokens(accountId: string) {
  return useQuery(accountTokensQuery(accountId));
}

/** DELETE /api/users/:id/tokens/:tokenId, with a recently confirmed password. */
export function useRevokeAccountToken(accountId: string) {
  const queryClient = useQueryClient();
  const confirmation = usePasswordConfirmation();
  return useMutation({
    mutationFn: (tokenId: string) =>
      withConfirmedPassword(confirmation, () =>
        request(endpoints.userTokenRevoke, { params: { id: accountId, tokenId } }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountTokensQuery(accountId).queryKey }),
  });
}
