import { ERROR_CODES, EVENT_SOURCES, type EventSource, type Role, type StatusEvent } from "@insek/contracts";
import { AppError } from "../../lib/errors.js";
import type { SignedIn } from "../../lib/access.js";
import type { RecordedVia } from "./events.types.js";

/** The sources an account may name: who reported a change, within what the account can vouch for. */
const SOURCES_BY_ROLE: Record<Role, readonly EventSource[]> = {
  smr: ["smr", "fs_inge", "municipality"],
  advisor: ["fs_inge", "municipality"],
  municipality: ["municipality"],
};

/**
 * The sources of the events an account may correct: those it may record itself (smr also the bulk
 * import's, which only smr runs). A municipality cannot undo the ministry's recognition, nor an advisor.
 */
export function correctableSources(role: Role): readonly EventSource[] {
  return role === "smr" ? EVENT_SOURCES : SOURCES_BY_ROLE[role];
}

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
