export * from "./vocabulary.js";
export * from "./errors.js";
export * from "./registry.js";
export * from "./health.js";
export * from "./insek.js";
export * from "./stats.js";
