import { type AuthState, endpoints } from "@insek/contracts";
import { type QueryClient, queryOptions, useQuery } from "@tanstack/react-query";
import { ApiError, setCsrfToken, request } from "../api-client";
import { hasSessionHint, setSessionHint } from "../session-hint";

export const sessionQueryKey = ["auth", "session"] as const;

/** The signed-in account and its CSRF token, or null when anonymous (401). */
export async function getSession(signal?: AbortSignal): Promise<AuthState | null> {
  if (!hasSessionHint()) {
    setCsrfToken(null);
    return null;
  }
  try {
    const state = await request(endpoints.authMe, { signal });
    setCsrfToken(state.csrfToken);
    return state;
  } catch (error) {
    if (error instanceof ApiError && error.statusCode === 401) {
      setSessionHint(false);
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: sessionQueryKey,
    queryFn: ({ signal }) => getSession(signal),
    staleTime: 5 * 60_000,
  });
}

export function useSession() {
  return useQuery(sessionQueryOptions());
}

/** After login or logout: store the new state and reload everything whose content depends on the reader. */
export function applySession(queryClient: QueryClient, state: AuthState | null): void {
  setSessionHint(state !== null);
  setCsrfToken(state?.csrfToken ?? null);
  queryClient.setQueryData(sessionQueryKey, state);
  // Only after React has rendered the new reader: a page the new reader may not see (e.g. /konten after
  // signing out) has unmounted its queries by then, so nothing is refetched that would answer 401/403.
  // (TanStack Query notifies observers in a timeout; React renders in the microtasks after it.)
  setTimeout(() => void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] }), 0);
}
