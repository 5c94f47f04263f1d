import { type AssignmentCreate, endpoints } from "@insek/contracts";
import { useMutation } from "@tanstack/react-query";
import { request } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

export function useCreateAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (input: AssignmentCreate) => request(endpoints.assignmentCreate, { body: input }),
    onSuccess: invalidate,
  });
}

export function useDeleteAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (id: number) => request(endpoints.assignmentDelete, { params: { id } }),
    onSuccess: invalidate,
  });
}

/** Removes several assignments at once (a district's), all or none. */
export function useRemoveAssignments() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (ids: number[]) => request(endpoints.assignmentRemove, { body: { ids } }),
    onSuccess: invalidate,
  });
}
