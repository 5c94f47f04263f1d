export * from "./client.js";
export * from "./data-dir.js";
export * from "./excluded.js";
export * from "./migrate.js";
export * from "./roles.js";
export * from "./seed/reference-data.js";
export * as schema from "./schema/index.js";
