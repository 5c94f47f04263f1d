import type { Role } from "./auth.js";
import { EVENT_SOURCES, type EventSource } from "./insek.js";

/** The sources an account may name: who reported a change, within what the account can vouch for. */
export const SOURCES_BY_ROLE: Record<Role, readonly EventSource[]> = {
  smr: ["smr", "fs_inge", "municipality"],
  advisor: ["fs_inge", "municipality"],
  municipality: ["municipality"],
};

/**
 * The sources of the events an account may correct: those it may record itself (smr also the bulk
 * import's, which only smr runs). A municipality cannot undo the ministry's recognition, nor an advisor.
 * The API refuses other corrections (403 CORRECTION_NOT_ALLOWED); the web offers none.
 */
export function correctableSources(role: Role): readonly EventSource[] {
  return role === "smr" ? EVENT_SOURCES : SOURCES_BY_ROLE[role];
}
