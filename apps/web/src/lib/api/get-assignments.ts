import { endpoints } from "@insek/contracts";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { request } from "../api-client";

/** Who advises which municipality; the assignments page and the portfolio both read it. */
export function useAssignments(filter: { advisor?: string; ags?: string; district?: string; active?: boolean }) {
  return useQuery({
    queryKey: ["advisory", "assignments", filter] as const,
    queryFn: ({ signal }) => request(endpoints.assignmentList, { query: filter, signal }),
    placeholderData: keepPreviousData,
  });
}
