import { describe, expect, it } from "vitest";
import { type Point, nextInDirection } from "./map-navigation";

// A 3×2 grid of municipalities (screen coordinates, y down):  A B C / D E F, plus G far right of C.
const centroids = new Map<string, Point>([
  ["A", [0, 0]],
  ["B", [10, 0]],
  ["C", [20, 1]],
  ["D", [0, 10]],
  ["E", [10, 10]],
  ["F", [20, 10]],
  ["G", [60, 0]],
]);
const neighbours = new Map<string, string[]>([
  ["A", ["B", "D", "E"]],
  ["B", ["A", "C", "D", "E", "F"]],
  ["C", ["B", "E", "F"]],
  ["D", ["A", "B", "E"]],
  ["E", ["A", "B", "C", "D", "F"]],
  ["F", ["B", "C", "E"]],
  ["G", []],
]);

describe("nextInDirection", () => {
  it("moves to the neighbour lying in the arrow's direction", () => {
    expect(nextInDirection("E", "left", centroids, neighbours)).toBe("D");
    expect(nextInDirection("E", "right", centroids, neighbours)).toBe("F");
    expect(nextInDirection("E", "up", centroids, neighbours)).toBe("B");
    expect(nextInDirection("B", "down", centroids, neighbours)).toBe("E");
    // Straight on beats diagonal.
    expect(nextInDirection("A", "right", centroids, neighbours)).toBe("B");
  });

  it("jumps over a gap to the nearest municipality that way when no neighbour lies there", () => {
    expect(nextInDirection("C", "right", centroids, neighbours)).toBe("G");
    expect(nextInDirection("G", "left", centroids, neighbours)).toBe("C");
  });

  it("stays at the edge of the map", () => {
    expect(nextInDirection("A", "left", centroids, neighbours)).toBeNull();
    expect(nextInDirection("A", "up", centroids, neighbours)).toBeNull();
    expect(nextInDirection("X", "up", centroids, neighbours)).toBeNull();
  });
});
