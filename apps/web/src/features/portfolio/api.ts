import { endpoints } from "@insek/contracts";
import { useQuery } from "@tanstack/react-query";
import { request } from "../../lib/api-client";

export function usePortfolio(advisor: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["advisory", "portfolio", advisor ?? null] as const,
    queryFn: ({ signal }) => request(endpoints.portfolio, { query: { advisor }, signal }),
  });
}
