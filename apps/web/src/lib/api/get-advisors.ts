import { endpoints } from "@insek/contracts";
import { useQuery } from "@tanstack/react-query";
import { request } from "../api-client";

/** The advisor accounts (enabled first), to choose from instead of typing an e-mail. */
export function useAdvisors() {
  return useQuery({
    queryKey: ["advisory", "advisors"] as const,
    queryFn: ({ signal }) => request(endpoints.advisorList, { signal }),
    staleTime: 60_000,
  });
}
