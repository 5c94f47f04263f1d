import { statSync } from "node:fs";
import path from "node:path";
import type { GeometryObject } from "topojson-specification";
import { describe, expect, it } from "vitest";
import { saxonyBaseTopology, saxonyReferenceData } from "../src/saxony/index.js";
import { BASE_GEOMETRY_DATE, lineageOf } from "../src/saxony/compose-municipalities.js";
import { municipalitiesOn } from "../src/saxony/municipalities-on.js";
import { packageDir } from "../scripts/source-files.js";

function arcsOf(geometry: GeometryObject): number[] {
  if (geometry.type === "Polygon") return geometry.arcs.flat();
  if (geometry.type === "MultiPolygon") return geometry.arcs.flat(2);
  return [];
}

describe("shipped Saxony topology", () => {
  const base = saxonyBaseTopology.objects.base.geometries;
  const districts = saxonyBaseTopology.objects.districts.geometries;

  it("has exactly one base shape per municipality existing in 2016, and no other", () => {
    const in2016 = municipalitiesOn(saxonyReferenceData, BASE_GEOMETRY_DATE);
    expect(in2016).toHaveLength(426);
    const ids = base.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(in2016.map((m) => m.ags));
    expect(base.map((g) => g.properties)).toEqual(in2016.map((m) => ({ ags: m.ags, name: m.displayName })));
  });

  it("carries the lineage of the registry: every municipality created or dissolved since 2016", () => {
    expect(saxonyBaseTopology.lineage).toEqual(lineageOf(saxonyReferenceData.municipalities));
    expect(saxonyBaseTopology.lineage).toHaveLength(12);
  });

  it("has the 13 district outlines", () => {
    expect(districts.map((g) => g.id)).toEqual(saxonyReferenceData.districts.map((d) => d.key));
    expect(districts.map((g) => g.properties)).toEqual(saxonyReferenceData.districts.map((d) => ({ key: d.key, name: d.name })));
  });

  it("gives every shape polygon arcs that exist", () => {
    for (const g of [...base, ...districts]) {
      expect(["Polygon", "MultiPolygon"]).toContain(g.type);
      const arcs = arcsOf(g);
      expect(arcs.length, String(g.id)).toBeGreaterThan(0);
      for (const index of arcs) {
        expect(saxonyBaseTopology.arcs[index < 0 ? ~index : index]?.length ?? 0).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it("is quantized and at most 150 KB", () => {
    expect(saxonyBaseTopology.transform).toBeDefined();
    expect(statSync(path.join(packageDir, "data/saxony.topo.json")).size).toBeLessThanOrEqual(150 * 1024);
  });
});
