import { type AssignmentCreate, assignmentCreatedSchema } from "@insek/contracts";
import { useMutation } from "@tanstack/react-query";
import { apiSend } from "../../lib/api-client";
import { useInvalidateAdvisory } from "../../lib/api/invalidate-advisory";

export function useCreateAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (input: AssignmentCreate) => apiSend("POST", "/api/assignments", input, { schema: assignmentCreatedSchema }),
    onSuccess: invalidate,
  });
}

export function useDeleteAssignment() {
  const invalidate = useInvalidateAdvisory(true);
  return useMutation({
    mutationFn: (id: number) => apiSend("DELETE", `/api/assignments/${id}`, undefined),
    onSuccess: invalidate,
  });
}
