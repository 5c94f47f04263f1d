import { portfolioSchema } from "@insek/contracts";
import { useQuery } from "@tanstack/react-query";
import { apiGet } from "../../lib/api-client";

export function usePortfolio(advisor: string | undefined, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["advisory", "portfolio", advisor ?? null] as const,
    queryFn: ({ signal }) => apiGet("/api/portfolio", portfolioSchema, { params: { advisor }, signal }),
  });
}
