import { type EventInput, endpoints } from "@insek/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { request } from "../../../lib/api-client";

export interface CreateEventVariables {
  ags: string;
  /** The record version the change builds on (sent as If-Match). */
  version: number;
  input: EventInput;
}

export function createEvent({ ags, version, input }: CreateEventVariables) {
  return request(endpoints.municipalityEventCreate, { params: { ags }, headers: { "if-match": `"${version}"` }, body: input });
}

/** After a write every figure may have changed: detail, history, list, and the statistics. */
export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "auth" }),
  });
}
