import { useQueryClient } from "@tanstack/react-query";

/*
 * The FS INGE advisory workspace (assignments, portfolio, consultations, update requests) spans several
 * features. Every query key of it starts with "advisory" so a write can refresh the whole workspace at once;
 * writes that change a record also refresh the municipalities and statistics (everything but the session).
 */
export function useInvalidateAdvisory(all = false) {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (query) => (all ? query.queryKey[0] !== "auth" : query.queryKey[0] === "advisory"),
    });
}
