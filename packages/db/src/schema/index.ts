export * from "./registry.js";
export * from "./status.js";
