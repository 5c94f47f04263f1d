import { type AuthState, type LoginInput, endpoints } from "@insek/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";
import { applySession } from "../../../lib/api/get-session";

export function login(input: LoginInput): Promise<AuthState> {
  return request(endpoints.authLogin, { body: input });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (state) => applySession(queryClient, state),
  });
}
