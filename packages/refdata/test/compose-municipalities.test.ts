import type { Position } from "geojson";
import { feature } from "topojson-client";
import { describe, expect, it } from "vitest";
import {
  composeMunicipalities,
  composeMunicipalitiesUncached,
  territorialChangeDates,
  territorialChangesBetween,
  territorialStateOn,
} from "../src/saxony/compose-municipalities.js";
import { saxonyBaseTopology, saxonyReferenceData } from "../src/saxony/index.js";
import { municipalitiesOn } from "../src/saxony/municipalities-on.js";
import type { SaxonyBaseTopology, SaxonyTopology } from "../src/saxony/topology-types.js";

/** Planar area in square degrees: enough to compare a union with its parts. */
function ringArea(ring: Position[]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    area += xj * yi - xi * yj;
  }
  return Math.abs(area / 2);
}

function areasOf(topology: SaxonyTopology): Map<string, number> {
  const areas = new Map<string, number>();
  for (const f of feature(topology, topology.objects.municipalities).features) {
    const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [];
    const area = polygons.reduce((sum, [outer = [], ...holes]) => sum + ringArea(outer) - holes.reduce((h, ring) => h + ringArea(ring), 0), 0);
    areas.set(f.properties.ags, area);
  }
  return areas;
}

const keysOf = (topology: SaxonyTopology) => topology.objects.municipalities.geometries.map((g) => g.id);

describe("composeMunicipalities", () => {
  it.each([
    ["2016-06-30", 426],
    ["2018-06-30", 421],
    ["2020-06-30", 419],
    ["2023-06-30", 418],
  ])("on %s has %i municipality shapes, keyed like the registry's municipalities of that date", (date, count) => {
    const composed = composeMunicipalities(saxonyBaseTopology, date);
    const registry = municipalitiesOn(saxonyReferenceData, date);
    expect(composed.objects.municipalities.geometries).toHaveLength(count);
    expect(keysOf(composed)).toEqual(registry.map((m) => m.ags));
    expect(composed.objects.municipalities.geometries.map((g) => g.properties)).toEqual(
      registry.map((m) => ({ ags: m.ags, name: m.displayName })),
    );
    expect(composed.objects.districts).toBe(saxonyBaseTopology.objects.districts);
    expect(composed.arcs).toBe(saxonyBaseTopology.arcs);
  });

  it("draws Ostrau and Zschaitz-Ottewig on 2020-06-30 and Jahnatal in their place on 2023-06-30", () => {
    const then = keysOf(composeMunicipalities(saxonyBaseTopology, "2020-06-30"));
    const now = keysOf(composeMunicipalities(saxonyBaseTopology, "2023-06-30"));
    expect(then).toEqual(expect.arrayContaining(["14522450", "14522620"]));
    expect(then).not.toContain("14522275");
    expect(now).toContain("14522275");
    expect(now).not.toContain("14522450");
  });

  it("gives every successor the area of the union of its predecessors, at each territorial change", () => {
    const changes = saxonyReferenceData.municipalities.filter((m) => m.validTo !== null);
    expect(changes).toHaveLength(10);
    for (const day of territorialChangeDates(saxonyBaseTopology.lineage)) {
      const before = new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      const areasBefore = areasOf(composeMunicipalities(saxonyBaseTopology, before));
      const areasAfter = areasOf(composeMunicipalities(saxonyBaseTopology, day));
      const successors = new Set(changes.filter((m) => m.validTo === day).map((m) => m.successorAgs ?? ""));
      expect(successors.size).toBeGreaterThan(0);
      for (const successor of successors) {
        const parts = [successor, ...changes.filter((m) => m.validTo === day && m.successorAgs === successor).map((m) => m.ags)];
        const union = parts.reduce((sum, ags) => sum + (areasBefore.get(ags) ?? 0), 0);
        expect(areasBefore.has(parts[1] ?? "")).toBe(true);
        expect(areasAfter.get(successor), `${successor} on ${day}`).toBeCloseTo(union, 10);
      }
      // Nobody else changes shape.
      for (const [ags, area] of areasAfter) if (!successors.has(ags)) expect(areasBefore.get(ags)).toBe(area);
    }
  });

  it("keeps the total area of Saxony on every date", () => {
    const total = (date: string) => [...areasOf(composeMunicipalities(saxonyBaseTopology, date)).values()].reduce((a, b) => a + b, 0);
    const base = total("2016-06-30");
    for (const date of ["2018-06-30", "2020-06-30", "2023-06-30"]) expect(total(date)).toBeCloseTo(base, 9);
  });

  it("uses the 2016 boundaries for dates before 2016", () => {
    expect(keysOf(composeMunicipalities(saxonyBaseTopology, "2010-01-01"))).toEqual(keysOf(composeMunicipalities(saxonyBaseTopology, "2016-06-30")));
  });

  it("composes once per territorial state: dates of one state get the same object", () => {
    expect(territorialChangeDates(saxonyBaseTopology.lineage)).toEqual(["2017-01-01", "2017-07-01", "2018-01-01", "2019-01-01", "2023-01-01"]);
    expect(territorialStateOn(saxonyBaseTopology.lineage, "2022-12-31")).toBe("2019-01-01");
    expect(territorialStateOn(saxonyBaseTopology.lineage, "2023-01-01")).toBe("2023-01-01");
    const a = composeMunicipalities(saxonyBaseTopology, "2020-06-30");
    expect(composeMunicipalities(saxonyBaseTopology, "2022-12-31")).toBe(a);
    expect(composeMunicipalities(saxonyBaseTopology, "2023-01-01")).not.toBe(a);
    expect(composeMunicipalities(saxonyBaseTopology, "2026-12-04")).toBe(composeMunicipalities(saxonyBaseTopology, "2023-01-01"));
  });

  it("lists the changes between two dates: the predecessors then, the successor now", () => {
    const jahnatal = {
      date: "2023-01-01",
      dissolved: [
        { ags: "14522450", name: "Ostrau" },
        { ags: "14522620", name: "Zschaitz-Ottewig" },
      ],
      successor: { ags: "14522275", name: "Jahnatal" },
    };
    expect(territorialChangesBetween(saxonyBaseTopology, "2022-12-31", "2026-12-04")).toEqual([jahnatal]);
    expect(territorialChangesBetween(saxonyBaseTopology, "2026-12-04", "2022-12-31")).toEqual([jahnatal]);
    expect(territorialChangesBetween(saxonyBaseTopology, "2023-01-01", "2026-12-04")).toEqual([]);
    const since2016 = territorialChangesBetween(saxonyBaseTopology, "2016-06-30", "2023-06-30");
    expect(since2016.flatMap((c) => c.dissolved)).toHaveLength(10);
    expect(since2016.map((c) => c.successor.name)).toContain("Olbernhau");
    expect(since2016.map((c) => c.date)).toEqual([...since2016.map((c) => c.date)].sort());
  });

  it("follows a chain of successors to the municipality of the date", () => {
    // Three squares side by side: A joins B in 2017, B joins C in 2019.
    const topology = {
      type: "Topology",
      arcs: [
        [[0, 0], [1, 0]], [[1, 0], [1, 1]], [[1, 1], [0, 1]], [[0, 1], [0, 0]],
        [[1, 0], [2, 0]], [[2, 0], [2, 1]], [[2, 1], [1, 1]],
        [[2, 0], [3, 0]], [[3, 0], [3, 1]], [[3, 1], [2, 1]],
      ],
      objects: {
        base: {
          type: "GeometryCollection",
          geometries: [
            { type: "Polygon", id: "A", properties: { ags: "A", name: "A" }, arcs: [[0, 1, 2, 3]] },
            { type: "Polygon", id: "B", properties: { ags: "B", name: "B" }, arcs: [[4, 5, 6, ~1]] },
            { type: "Polygon", id: "C", properties: { ags: "C", name: "C" }, arcs: [[7, 8, 9, ~5]] },
          ],
        },
        districts: { type: "GeometryCollection", geometries: [] },
      },
      lineage: [
        { ags: "A", name: "A", validFrom: null, validTo: "2017-01-01", successorAgs: "B" },
        { ags: "B", name: "B", validFrom: null, validTo: "2019-01-01", successorAgs: "C" },
      ],
    } as unknown as SaxonyBaseTopology;
    expect(keysOf(composeMunicipalitiesUncached(topology, "2016-12-31"))).toEqual(["A", "B", "C"]);
    expect(keysOf(composeMunicipalitiesUncached(topology, "2018-06-30"))).toEqual(["B", "C"]);
    const last = composeMunicipalitiesUncached(topology, "2019-01-01");
    expect(keysOf(last)).toEqual(["C"]);
    expect(areasOf(last).get("C")).toBeCloseTo(3, 12);
    expect(areasOf(composeMunicipalitiesUncached(topology, "2018-06-30")).get("B")).toBeCloseTo(2, 12);
  });
});
