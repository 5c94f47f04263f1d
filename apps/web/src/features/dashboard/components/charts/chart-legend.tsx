import type { LegendPayload } from "recharts";

/**
 * The charts' legend, in place of recharts' default one: that labels each icon "<name> legend icon" in
 * English; here the icons are decoration (aria-hidden) and the text is the legend.
 */
export function ChartLegend({ payload }: { payload?: readonly LegendPayload[] }) {
  if (!payload || payload.length === 0) return null;
  return (
    <ul className="chart-legend">
      {payload.map((entry) => {
        const style = (entry.payload ?? {}) as { fill?: unknown; stroke?: unknown; strokeDasharray?: unknown };
        const fill = typeof style.fill === "string" ? style.fill : entry.color;
        const stroke = typeof style.stroke === "string" ? style.stroke : entry.color;
        return (
          <li key={String(entry.dataKey ?? entry.value)}>
            <svg width={16} height={12} aria-hidden="true" focusable="false">
              {entry.type === "line" ? (
                <line
                  x1={0}
                  y1={6}
                  x2={16}
                  y2={6}
                  stroke={stroke}
                  strokeWidth={2}
                  strokeDasharray={typeof style.strokeDasharray === "string" ? style.strokeDasharray : undefined}
                />
              ) : (
                <rect x={0.5} y={0.5} width={15} height={11} fill={fill} stroke="#1a1a1a" strokeWidth={0.5} />
              )}
            </svg>
            {entry.value}
          </li>
        );
      })}
    </ul>
  );
}
