import type { MunicipalityListItem, Rules } from "@insek/contracts";
import { composeMunicipalities, type SaxonyTopology, saxonyBaseTopology } from "@insek/refdata/saxony";
import type { Geometry } from "geojson";
import { feature } from "topojson-client";
import { DATA_CREDITS, STATUS_LABELS, fundingOf } from "./export-columns.js";
import type { MunicipalityMeasures } from "./exports.repo.js";

/** Decoded shapes per composed topology, i.e. per territorial state (composeMunicipalities caches those). */
const shapesByState = new WeakMap<SaxonyTopology, Map<string, Geometry>>();

type Position = number[];
type Coordinates = Position | Coordinates[];

// Six decimals are about 10 cm, finer than the quantised source geometry.
function round(coordinates: Coordinates): Coordinates {
  return coordinates.map((c) => (Array.isArray(c) ? round(c) : Math.round(c * 1e6) / 1e6)) as Coordinates;
}

function rounded(geometry: Geometry): Geometry {
  if (geometry.type === "GeometryCollection") return { ...geometry, geometries: geometry.geometries.map(rounded) };
  return { ...geometry, coordinates: round(geometry.coordinates) } as Geometry;
}

/**
 * The shapes by AGS of the municipalities existing on a date: composed from the 2016 base shapes
 * and decoded once per territorial state, on first use (not per request).
 */
function shapeByAgs(asOf: string): Map<string, Geometry> {
  const composed = composeMunicipalities(saxonyBaseTopology, asOf);
  let shapes = shapesByState.get(composed);
  if (!shapes) {
    const collection = feature(composed, composed.objects.municipalities);
    shapes = new Map(collection.features.map((f) => [f.properties.ags, rounded(f.geometry)]));
    shapesByState.set(composed, shapes);
  }
  return shapes;
}

/**
 * A FeatureCollection with one feature per exported municipality, each with its shape on the date
 * (dates before 2016 get the boundaries of 2016). `geometry: null` only for a municipality the
 * shipped geometry does not know, which its tests rule out for the registry.
 * The date, the rules and the credits travel as foreign members (RFC 7946, section 6.1).
 */
export function toGeoJson(
  items: readonly MunicipalityListItem[],
  meta: { asOf: string; rules: Rules; demo: boolean },
  measuresOf: (ags: string) => MunicipalityMeasures | undefined = () => undefined,
) {
  const byAgs = shapeByAgs(meta.asOf);
  return {
    type: "FeatureCollection" as const,
    asOf: meta.asOf,
    rules: meta.rules,
    demo: meta.demo,
    attribution: DATA_CREDITS,
    features: items.map((m) => {
      const funding = fundingOf(m, measuresOf(m.ags));
      return {
      type: "Feature" as const,
      id: m.ags,
      geometry: byAgs.get(m.ags) ?? null,
      properties: {
        ags: m.ags,
        name: m.displayName,
        officialName: m.name,
        type: m.type,
        districtKey: m.districtKey,
        districtName: m.districtName,
        population: m.population,
        areaKm2: m.areaKm2,
        status: m.record.status,
        statusLabel: STATUS_LABELS[m.record.status],
        conceptKind: m.record.conceptKind,
        statusSince: m.record.statusSince,
        councilResolutionDate: m.record.councilResolutionDate,
        currentUntil: m.record.currentUntil,
        current: m.record.current,
        expiring: m.record.expiring,
        stale: m.record.stale,
        lastActivityAt: m.record.lastActivityAt,
        lastConfirmedAt: m.record.lastConfirmedAt,
        source: m.record.source,
        documentUrl: m.record.documentUrl,
        horizonYear: m.record.horizonYear,
        asOf: meta.asOf,
        programmes: funding.programmes,
        measuresRunning: funding.running,
        measuresAtRisk: funding.atRisk,
      },
    };
    }),
  };
}
