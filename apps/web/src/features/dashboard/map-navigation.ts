/** Arrow-key movement on the coverage map: from a municipality to its neighbour in the key's direction. */

export type Direction = "left" | "right" | "up" | "down";
export type Point = readonly [number, number];

export const ARROW_DIRECTIONS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/** Screen coordinates: y grows downwards. */
const VECTORS: Record<Direction, Point> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/**
 * The municipality to move to: among the neighbours (shared border) the one lying most nearly in the
 * direction, weighing the sideways offset double; when no neighbour lies that way (at the border of a
 * gap or of Saxony), the nearest municipality in that direction. Null at the edge of the map.
 */
export function nextInDirection(
  from: string,
  direction: Direction,
  centroids: ReadonlyMap<string, Point>,
  neighbours: ReadonlyMap<string, readonly string[]>,
): string | null {
  const origin = centroids.get(from);
  if (!origin) return null;
  const [dx, dy] = VECTORS[direction];
  const best = (candidates: Iterable<string>) => {
    let chosen: string | null = null;
    let lowest = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      if (candidate === from) continue;
      const point = centroids.get(candidate);
      if (!point) continue;
      const vx = point[0] - origin[0];
      const vy = point[1] - origin[1];
      const along = vx * dx + vy * dy;
      if (along <= 0) continue;
      const across = Math.abs(vx * dy - vy * dx);
      // Beyond 60° off the direction it is no longer "that way".
      if (across > along * Math.sqrt(3)) continue;
      const score = along + 2 * across;
      if (score < lowest) {
        lowest = score;
        chosen = candidate;
      }
    }
    return chosen;
  };
  return best(neighbours.get(from) ?? []) ?? best(centroids.keys());
}
