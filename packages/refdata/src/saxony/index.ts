import referenceJson from "../../data/saxony.json" with { type: "json" };
import topologyJson from "../../data/saxony.topo.json" with { type: "json" };
import type { SaxonyBaseTopology } from "./topology-types.js";
import type { SaxonyReferenceData } from "./types.js";

// Both files are generated (scripts/build-*.ts) and checked against their sources by the tests;
// the casts keep the inferred JSON types out of every consumer's type checking.
export const saxonyReferenceData = referenceJson as SaxonyReferenceData;
export const saxonyBaseTopology = topologyJson as unknown as SaxonyBaseTopology;

export type * from "./topology-types.js";
export type * from "./types.js";
export {
  BASE_GEOMETRY_DATE,
  composeMunicipalities,
  composeMunicipalitiesUncached,
  lineageOf,
  territorialChangeDates,
  territorialChangesBetween,
  territorialStateOn,
} from "./compose-municipalities.js";
export type { TerritorialChangeBetween } from "./compose-municipalities.js";
