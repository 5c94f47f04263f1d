import type { ConceptListItem } from "@insek/contracts";
import type { SaxonyTopology } from "@insek/refdata/compose";
import { geoPath } from "d3-geo";
import { describe, expect, it } from "vitest";
import { jointOutlines } from "./joint-concept-outlines";

// Three unit squares in a row, A | B | C, sharing their inner edges (arcs 0 and 2), on planar coordinates.
const topology = {
  type: "Topology",
  arcs: [
    [[1, 0], [1, 1]],
    [[1, 1], [0, 1], [0, 0], [1, 0]],
    [[2, 0], [2, 1]],
    [[1, 0], [2, 0]],
    [[2, 1], [1, 1]],
    [[2, 0], [3, 0], [3, 1], [2, 1]],
  ],
  objects: {
    municipalities: {
      type: "GeometryCollection",
      geometries: [
        { type: "Polygon", id: "14000001", arcs: [[0, 1]], properties: { ags: "14000001", name: "A" } },
        { type: "Polygon", id: "14000002", arcs: [[~0, 3, 2, 4]], properties: { ags: "14000002", name: "B" } },
        { type: "Polygon", id: "14000003", arcs: [[~2, 5]], properties: { ags: "14000003", name: "C" } },
      ],
    },
    districts: { type: "GeometryCollection", geometries: [] },
  },
} as unknown as SaxonyTopology;

function concept(id: number, members: string[]): ConceptListItem {
  return {
    id,
    title: `Konzept ${id}`,
    kind: "INGEKO",
    scope: "joint",
    status: "partly_adopted",
    leadAgs: members[0] ?? null,
    parentId: null,
    updatesId: null,
    updatedById: null,
    horizonYear: null,
    memberCount: members.length,
    adoptedCount: 1,
    adoptedAt: "2024-05-01",
    updateRecommended: false,
    updateRecommendedYears: 5,
    version: 1,
    updatedAt: "2024-05-01T00:00:00Z",
    members: members.map((ags, index) => ({ ags, name: ags, adopted: index === 0 })),
  };
}

describe("jointOutlines", () => {
  const path = geoPath(null);

  it("draws the members of a joint concept as one shape, without the borders between them", () => {
    const [outline] = jointOutlines(topology, [concept(1, ["14000001", "14000002"])], path);
    expect(outline?.members.map((member) => member.ags)).toEqual(["14000001", "14000002"]);
    // One ring (one move-to) around both squares: the shared edge at x = 1 is gone.
    expect(outline?.d.match(/M/g)).toHaveLength(1);
    const bounds = outline?.d.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
    expect(Math.min(...bounds)).toBe(0);
    expect(Math.max(...bounds)).toBe(2);
  });

  it("keeps members apart when they do not touch, and leaves out members without a shape on the date", () => {
    const outlines = jointOutlines(topology, [concept(2, ["14000001", "14000003", "14999999"]), concept(3, ["14999998"])], path);
    expect(outlines.map((outline) => outline.id)).toEqual([2]);
    expect(outlines[0]?.members.map((member) => member.ags)).toEqual(["14000001", "14000003"]);
    expect(outlines[0]?.d.match(/M/g)).toHaveLength(2);
    expect(outlines[0]?.memberCount).toBe(3);
  });
});
