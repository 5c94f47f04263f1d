export * from "./registry.js";
export * from "./status.js";
export * from "./concepts.js";
export * from "./accounts.js";
export * from "./advisory.js";
export * from "./generation.js";
export * from "./records.js";
export * from "./timeline-rollup.js";
