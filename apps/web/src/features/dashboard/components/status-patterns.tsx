import type { Status } from "@insek/contracts";
import type { ReactElement } from "react";
import { MISSING_STYLE, STATUS_ORDER, STATUS_STYLE, patternId } from "../status-style";

/** The hatching drawn over each status's fill colour: a different shape for every status. */
function hatching(status: Status | "missing", ink: string): ReactElement | null {
  switch (status) {
    case "none":
      return null;
    case "missing":
      return <path d="M0 8 L8 0" stroke={ink} strokeWidth={0.8} />;
    case "drafting":
      return <circle cx={4} cy={4} r={1.4} fill={ink} />;
    case "council_adopted":
      return <path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" stroke={ink} strokeWidth={1.4} />;
    case "funding_eligible":
      return <path d="M0 0 L8 8 M8 0 L0 8" stroke={ink} strokeWidth={1.2} />;
    case "updating":
      return <path d="M0 2 H8 M0 6 H8" stroke={ink} strokeWidth={1.2} />;
  }
}

/**
 * SVG <defs> with one <pattern> per status (plus "missing"), ids from patternId(prefix, status);
 * with `only`, just that status's pattern.
 */
export function statusPatternDefs(prefix: string, only?: Status | "missing"): ReactElement {
  const entries: [Status | "missing", { fill: string; ink: string }][] = [
    ...STATUS_ORDER.map((status) => [status, STATUS_STYLE[status]] as [Status, { fill: string; ink: string }]),
    ["missing" as const, MISSING_STYLE] as [Status | "missing", { fill: string; ink: string }],
  ].filter(([status]) => only === undefined || status === only);
  return (
    <defs>
      {entries.map(([status, style]) => (
        <pattern key={status} id={patternId(prefix, status)} width={8} height={8} patternUnits="userSpaceOnUse">
          <rect width={8} height={8} fill={style.fill} />
          {hatching(status, style.ink)}
        </pattern>
      ))}
    </defs>
  );
}

/** A small swatch (colour + pattern) for legends and tables. */
export function StatusSwatch({ status }: { status: Status | "missing" }) {
  const prefix = `swatch-${status}`;
  return (
    <svg className="status-swatch" width={20} height={14} aria-hidden="true" focusable="false">
      {statusPatternDefs(prefix, status)}
      <rect x={0.5} y={0.5} width={19} height={13} fill={`url(#${patternId(prefix, status)})`} stroke="#1a1a1a" />
    </svg>
  );
}
