import { statSync } from "node:fs";
import path from "node:path";
import type { GeometryObject } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { saxonyReferenceData, saxonyTopology } from "../src/saxony/index.js";
import { municipalitiesOn } from "../src/saxony/municipalities-on.js";
import { packageDir } from "../scripts/source-files.js";

function arcsOf(geometry: GeometryObject): number[] {
  if (geometry.type === "Polygon") return geometry.arcs.flat();
  if (geometry.type === "MultiPolygon") return geometry.arcs.flat(2);
  return [];
}

describe("shipped Saxony topology", () => {
  const municipalities = saxonyTopology.objects.municipalities.geometries;
  const districts = saxonyTopology.objects.districts.geometries;

  it("has exactly one shape per municipality existing at the territorial status, and no other", () => {
    const current = municipalitiesOn(saxonyReferenceData, saxonyReferenceData.territorialStatus);
    const ids = municipalities.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(current.map((m) => m.ags));
    for (const g of municipalities) {
      const m = current.find((c) => c.ags === g.id);
      expect(g.properties).toEqual({ ags: m?.ags, name: m?.displayName });
    }
  });

  it("has the 13 district outlines", () => {
    expect(districts.map((g) => g.id)).toEqual(saxonyReferenceData.districts.map((d) => d.key));
    expect(districts.map((g) => g.properties)).toEqual(saxonyReferenceData.districts.map((d) => ({ key: d.key, name: d.name })));
  });

  it("gives every shape polygon arcs that exist", () => {
    for (const g of [...municipalities, ...districts]) {
      expect(["Polygon", "MultiPolygon"]).toContain(g.type);
      const arcs = arcsOf(g);
      expect(arcs.length, String(g.id)).toBeGreaterThan(0);
      for (const index of arcs) {
        expect(saxonyTopology.arcs[index < 0 ? ~index : index]?.length ?? 0).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("is quantized and at most 150 KB", () => {
    expect(saxonyTopology.transform).toBeDefined();
    expect(statSync(path.join(packageDir, "data/saxony.topo.json")).size).toBeLessThanOrEqual(150 * 1024);
  });
});
