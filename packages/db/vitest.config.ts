import { defineConfig } from "vitest/config";
import { databaseTestProjects } from "./src/testing/projects.js";

export default defineConfig(async () => ({
  test: {
    projects: await databaseTestProjects("db", ["test/**/*.test.ts"]),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
