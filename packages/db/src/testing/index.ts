export * from "./test-database.js";
export * from "./settings.js";
