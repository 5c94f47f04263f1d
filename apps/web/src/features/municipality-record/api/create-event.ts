import { type EventInput, eventCreatedSchema } from "@insek/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiSend } from "../../../lib/api-client";

export interface CreateEventVariables {
  ags: string;
  /** The record version the change builds on (sent as If-Match). */
  version: number;
  input: EventInput;
}

export function createEvent({ ags, version, input }: CreateEventVariables) {
  return apiSend("POST", `/api/municipalities/${encodeURIComponent(ags)}/events`, input, {
    headers: { "if-match": `"${version}"` },
    schema: eventCreatedSchema,
  });
}

/** After a write every figure may have changed: detail, history, list, and the statistics. */
export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createEvent,
    onSuccess: () => queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== "auth" }),
  });
}
