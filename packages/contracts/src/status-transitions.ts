import type { Status } from "./vocabulary.js";

/** Where a status change starts: a status, or "initial" when the municipality has no status event yet. */
export type TransitionFrom = Status | "initial";

/**
 * The allowed status changes (issue "INSEK status lifecycle"). The status a change starts from is the
 * status on the new event's effective date. Same to same is never a transition: that is a confirmation.
 */
export const STATUS_TRANSITIONS = {
  initial: ["none", "drafting", "council_adopted"],
  none: ["drafting", "council_adopted"],
  drafting: ["none", "council_adopted"],
  council_adopted: ["funding_eligible", "updating", "none"],
  funding_eligible: ["council_adopted", "updating", "none"],
  updating: ["council_adopted", "none"],
} as const satisfies Record<TransitionFrom, readonly Status[]>;

export function isAllowedTransition(from: TransitionFrom, to: Status): boolean {
  return (STATUS_TRANSITIONS[from] as readonly Status[]).includes(to);
}
