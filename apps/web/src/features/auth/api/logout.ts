import { endpoints } from "@insek/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError, request } from "../../../lib/api-client";
import { applySession } from "../../../lib/api/get-session";

export async function logout(): Promise<void> {
  try {
    await request(endpoints.authLogout);
  } catch (error) {
    // An expired session is already what logging out wants.
    if (!(error instanceof ApiError && error.statusCode === 401)) throw error;
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSuccess: () => applySession(queryClient, null),
  });
}
