import { type AccountCreate, type AccountCreated, type AccountUpdate, type PasswordReset, type ResetLink, endpoints } from "@insek/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";
import { usePasswordConfirmation, withConfirmedPassword } from "./confirm-password";

export const accountsQueryKey = ["accounts"] as const;

export function useAccounts(enabled: boolean) {
  return useQuery({
    queryKey: accountsQueryKey,
    queryFn: ({ signal }) => request(endpoints.userList, { signal }),
    enabled,
  });
}

export function useCreateAccount() {
  const queryClient = useQueryClient();
  const confirmation = usePasswordConfirmation();
  return useMutation({
    mutationFn: (input: AccountCreate): Promise<AccountCreated> =>
      withConfirmedPassword(confirmation, () => request(endpoints.userCreate, { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}

export function useUpdateAccount() {
  const queryClient = useQueryClient();
  const confirmation = usePasswordConfirmation();
  return useMutation({
    mutationFn: ({ id, change }: { id: string; change: AccountUpdate }) =>
      withConfirmedPassword(confirmation, () =>
        request(endpoints.userUpdate, { params: { id }, body: change }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountsQueryKey }),
  });
}

export function useCreateResetLink() {
  const confirmation = usePasswordConfirmation();
  return useMutation({
    mutationFn: (id: string): Promise<ResetLink> =>
      withConfirmedPassword(confirmation, () =>
        request(endpoints.userReset, { params: { id } }),
      ),
  });
}

export function useSetPassword() {
  return useMutation({
    mutationFn: (input: PasswordReset) => request(endpoints.authReset, { body: input }),
  });
}

/** Splits "14627060, 14511000 …" into keys; `invalid` lists the entries that are not eight digits. */
export function parseAgsList(text: string): { ags: string[]; invalid: string[] } {
  const parts = text.split(/[\s,;]+/).filter((part) => part.length > 0);
  const ags = [...new Set(parts.filter((part) => /^\d{8}$/.test(part)))];
  const invalid = parts.filter((part) => !/^\d{8}$/.test(part));
  return { ags, invalid };
}
