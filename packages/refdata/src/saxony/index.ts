import referenceJson from "../../data/saxony.json" with { type: "json" };
import topologyJson from "../../data/saxony.topo.json" with { type: "json" };
import type { SaxonyTopology } from "./topology-types.js";
import type { SaxonyReferenceData } from "./types.js";

// Both files are generated (scripts/build-*.ts) and checked against their sources by the tests;
// the casts keep the inferred JSON types out of every consumer's type checking.
export const saxonyReferenceData = referenceJson as SaxonyReferenceData;
export const saxonyTopology = topologyJson as unknown as SaxonyTopology;

export type * from "./topology-types.js";
export type * from "./types.js";
