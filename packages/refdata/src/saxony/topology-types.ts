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

/** Municipalities (id = AGS) and districts (id = district key) at the reference data's territorial status. */
export type SaxonyTopology = Topology<{
  municipalities: GeometryCollection<MunicipalityShapeProperties>;
  districts: GeometryCollection<DistrictShapeProperties>;
}>;
