import { assignmentListSchema } from "@insek/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { apiGet } from "../api-client";

/** Who advises which municipality; the assignments page and the portfolio both read it. */
export function useAssignments(filter: { advisor?: string; ags?: string; district?: string; active?: boolean }) {
  return useQuery({
    queryKey: ["advisory", "assignments", filter] as const,
    queryFn: ({ signal }) => apiGet("/api/assignments", assignmentListSchema, { params: filter, signal }),
    placeholderData: keepPreviousData,
  });
}
