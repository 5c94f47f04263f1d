import type { GeometryCollection, Topology } from "topojson-specification";

// Type aliases, not interfaces: GeoJSON properties need an implicit index signature.
export type MunicipalityShapeProperties = {
  ags: string;
  /** The display name. */
  name: string;
};

export type DistrictShapeProperties = {
  key: string;
  name: string;
};

/**
 * A municipality whose existence is bounded in time (created or dissolved since 2016), as far as the
 * composition of shapes needs it. Every other base shape is a municipality that exists throughout.
 */
export type LineageEntry = {
  ags: string;
  /** The display name. */
  name: string;
  /** First day of existence; null when it existed before 2016. */
  validFrom: string | null;
  /** First day on which it no longer exists; null while it exists. */
  validTo: string | null;
  successorAgs: string | null;
};

/**
 * The shipped topology: the 426 municipalities of 2016 as base shapes (id = AGS, sharing arcs), the
 * 13 district outlines (id = key), and the lineage that groups base shapes into the municipalities of
 * any date (see composeMunicipalities).
 */
export type SaxonyBaseTopology = Topology<{
  base: GeometryCollection<MunicipalityShapeProperties>;
  districts: GeometryCollection<DistrictShapeProperties>;
}> & { lineage: LineageEntry[] };

/** The municipalities (id = AGS) existing on one date, and the districts (id = key), on the shipped arcs. */
export type SaxonyTopology = Topology<{
  municipalities: GeometryCollection<MunicipalityShapeProperties>;
  districts: GeometryCollection<DistrictShapeProperties>;
}>;
