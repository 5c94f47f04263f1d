import { defineConfig } from "vitest/config";
import { databaseTestProjects } from "@insek/db/testing/projects";

export default defineConfig(async () => ({
  test: {
    projects: await databaseTestProjects("api", ["test/**/*.test.ts", "src/**/*.test.ts"]),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
