import { mergeArcs } from "topojson-client";
import type { GeometryObject, MultiPolygon, Polygon } from "topojson-specification";
import type {
  LineageEntry,
  MunicipalityShapeProperties,
  SaxonyBaseTopology,
  SaxonyTopology,
} from "./topology-types.js";
import type { RefMunicipality } from "./types.js";

/** The registry's municipalities that were created or dissolved since 2016, as the shipped topology carries them. */
export function lineageOf(
  municipalities: readonly Pick<RefMunicipality, "ags" | "displayName" | "validFrom" | "validTo" | "successorAgs">[],
): LineageEntry[] {
  return municipalities
    .filter((m) => m.validFrom !== null || m.validTo !== null)
    .map((m) => ({ ags: m.ags, name: m.displayName, validFrom: m.validFrom, validTo: m.validTo, successorAgs: m.successorAgs }));
}

type Shape = GeometryObject<MunicipalityShapeProperties>;

/** The first date of the base shapes: earlier dates are drawn with them too (no older boundaries are on hand). */
export const BASE_GEOMETRY_DATE = "2016-01-01";

/**
 * The territorial state of a date: the last day (up to and including the date) on which a municipality
 * of the lineage began or ceased to exist, or BASE_GEOMETRY_DATE before the first such day. Two dates
 * with the same state have the same municipalities and so the same shapes.
 */
export function territorialStateOn(lineage: readonly LineageEntry[], date: string): string {
  let state = BASE_GEOMETRY_DATE;
  for (const entry of lineage) {
    for (const day of [entry.validFrom, entry.validTo]) {
      if (day !== null && day <= date && day > state) state = day;
    }
  }
  return state;
}

/** The dates since 2016 on which the municipalities changed, ascending. */
export function territorialChangeDates(lineage: readonly LineageEntry[]): string[] {
  const days = new Set<string>();
  for (const entry of lineage) {
    for (const day of [entry.validFrom, entry.validTo]) if (day !== null && day > BASE_GEOMETRY_DATE) days.add(day);
  }
  return [...days].sort();
}

export interface TerritorialChangeBetween {
  /** The first day of the successor's new shape. */
  date: string;
  /** The municipalities dissolved into the successor on that day, by AGS. */
  dissolved: { ags: string; name: string }[];
  successor: { ags: string; name: string };
}

/**
 * The territorial changes after `from` up to and including `to` (in either order): on each day, the
 * municipalities dissolved into each successor. What differs between the maps of the two dates.
 */
export function territorialChangesBetween(topology: SaxonyBaseTopology, from: string, to: string): TerritorialChangeBetween[] {
  const [earlier, later] = from <= to ? [from, to] : [to, from];
  const names = new Map(topology.objects.base.geometries.map((g) => [propertiesOf(g)?.ags ?? "", propertiesOf(g)?.name ?? ""]));
  for (const entry of topology.lineage) names.set(entry.ags, entry.name);
  const changes = new Map<string, TerritorialChangeBetween>();
  for (const entry of topology.lineage) {
    const { validTo, successorAgs } = entry;
    if (validTo === null || successorAgs === null || validTo <= earlier || validTo > later) continue;
    const key = `${validTo} ${successorAgs}`;
    const change = changes.get(key) ?? { date: validTo, dissolved: [], successor: { ags: successorAgs, name: names.get(successorAgs) ?? successorAgs } };
    change.dissolved.push({ ags: entry.ags, name: entry.name });
    changes.set(key, change);
  }
  return [...changes.values()].sort((a, b) => (a.date === b.date ? (a.successor.ags < b.successor.ags ? -1 : 1) : a.date < b.date ? -1 : 1));
}

function propertiesOf(geometry: Shape): MunicipalityShapeProperties | undefined {
  const properties = geometry.properties;
  return properties !== undefined && "ags" in properties ? properties : undefined;
}

function isPolygonal(geometry: Shape): geometry is Polygon<MunicipalityShapeProperties> | MultiPolygon<MunicipalityShapeProperties> {
  return geometry.type === "Polygon" || geometry.type === "MultiPolygon";
}

/**
 * The municipalities existing on a date (YYYY-MM-DD), composed from the base shapes: every base shape
 * goes to the municipality it belonged to on that date (following each dissolved municipality to its
 * successor), and the shapes of one municipality are merged (topojson-client's mergeArcs, so the result
 * shares the arcs of the base topology). Pure and uncached; use composeMunicipalities.
 */
export function composeMunicipalitiesUncached(topology: SaxonyBaseTopology, date: string): SaxonyTopology {
  const lineage = new Map(topology.lineage.map((entry) => [entry.ags, entry]));
  const baseNames = new Map(topology.objects.base.geometries.map((g) => [propertiesOf(g)?.ags ?? "", propertiesOf(g)?.name ?? ""]));
  const ownerOn = (ags: string): string => {
    const seen = new Set<string>();
    let current = ags;
    for (;;) {
      const entry = lineage.get(current);
      if (entry === undefined || entry.validTo === null || entry.validTo > date || entry.successorAgs === null) return current;
      if (seen.has(current)) throw new Error(`successor cycle at ${current}`);
      seen.add(current);
      current = entry.successorAgs;
    }
  };

  const groups = new Map<string, Shape[]>();
  for (const geometry of topology.objects.base.geometries) {
    const ags = propertiesOf(geometry)?.ags;
    if (ags === undefined) throw new Error("a base shape has no AGS");
    const owner = ownerOn(ags);
    groups.set(owner, [...(groups.get(owner) ?? []), geometry]);
  }

  const municipalities = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ags, parts]): Shape => {
      const properties = { ags, name: lineage.get(ags)?.name ?? baseNames.get(ags) ?? ags };
      const [only] = parts;
      if (parts.length === 1 && only !== undefined) return { ...only, id: ags, properties };
      const polygons = parts.filter(isPolygonal);
      return { ...mergeArcs(topology, polygons), id: ags, properties };
    });

  return {
    type: "Topology",
    ...(topology.transform ? { transform: topology.transform } : {}),
    ...(topology.bbox ? { bbox: topology.bbox } : {}),
    arcs: topology.arcs,
    objects: {
      municipalities: { type: "GeometryCollection", geometries: municipalities },
      districts: topology.objects.districts,
    },
  };
}

const cache = new WeakMap<SaxonyBaseTopology, Map<string, SaxonyTopology>>();

/**
 * The municipalities existing on a date, composed once per territorial state and topology and cached:
 * every date of one state returns the same object (so a memoised map redraws no shape).
 */
export function composeMunicipalities(topology: SaxonyBaseTopology, date: string): SaxonyTopology {
  let byState = cache.get(topology);
  if (!byState) {
    byState = new Map();
    cache.set(topology, byState);
  }
  const state = territorialStateOn(topology.lineage, date);
  let composed = byState.get(state);
  if (!composed) {
    composed = composeMunicipalitiesUncached(topology, state);
    byState.set(state, composed);
  }
  return composed;
}
export type * from "./topology-types.js";
