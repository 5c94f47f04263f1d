import { ERROR_CODES, type EventSource, type Role, SOURCES_BY_ROLE, type StatusEvent, correctableSources } from "@insek/contracts";
import { AppError } from "../../lib/errors.js";
import type { SignedIn } from "../../lib/access.js";
import type { RecordedVia } from "./events.types.js";

/** The sources of the events an account may correct (shared with the web, which offers only those). */
export { correctableSources };

export function assertSourceAllowed(role: Role, source: EventSource | undefined): void {
  if (source === undefined || SOURCES_BY_ROLE[role].includes(source)) return;
  const message = `a ${role} account may record the sources ${SOURCES_BY_ROLE[role].join(", ")} only`;
  throw new AppError(403, ERROR_CODES.forbidden, message, [{ path: "body.source", code: ERROR_CODES.forbidden, message }]);
}

/** Internal notes for SMR and FS INGE only; people's names for signed-in readers only. */
export function visibleTo(event: StatusEvent, reader: { internal: boolean; names: boolean }): StatusEvent {
  return {
    ...event,
    note: event.noteInternal && !reader.internal ? null : event.note,
    recordedBy: reader.names ? event.recordedBy : null,
  };
}

/** The channel of a signed-in user's write (status_events.recorded_via): the browser session or an API token. */
export function recordedViaOf(principal: SignedIn): RecordedVia {
  return principal.via === "session" ? "session" : "api_token";
}
