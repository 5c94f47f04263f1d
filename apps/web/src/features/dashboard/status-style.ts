import { STATUSES, type Status } from "@insek/contracts";

/**
 * Fill colour and hatching per status, so that colour is never the only cue. Each pattern is a
 * different shape (none: plain, dots, diagonal, cross-hatch, horizontal); the hatching colours have
 * at least 3:1 contrast against their fill.
 */
export const STATUS_STYLE: Record<Status, { fill: string; ink: string }> = {
  none: { fill: "#ececec", ink: "#767676" },
  drafting: { fill: "#f5c26b", ink: "#7a4d00" },
  council_adopted: { fill: "#8ec9ea", ink: "#10507a" },
  funding_eligible: { fill: "#2e8b57", ink: "#ffffff" },
  updating: { fill: "#c7a3d9", ink: "#4b1d63" },
};

export const MISSING_STYLE = { fill: "#ffffff", ink: "#767676" };

export const STATUS_ORDER: readonly Status[] = STATUSES;

export function patternId(prefix: string, status: Status | "missing"): string {
  return `${prefix}-pattern-${status}`;
}
