import { type AuthState, type LoginInput, authStateSchema } from "@insek/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiSend } from "../../../lib/api-client";
import { applySession } from "../../../lib/api/get-session";

export function login(input: LoginInput): Promise<AuthState> {
  return apiSend("POST", "/api/auth/login", input, { schema: authStateSchema });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (state) => applySession(queryClient, state),
  });
}
