import { defineConfig } from "vitest/config";
// Relative on purpose: the config loader does not transpile TypeScript inside node_modules links.
import { databaseTestProjects } from "../../packages/db/src/testing/projects.js";

export default defineConfig(async () => ({
  test: {
    projects: await databaseTestProjects("api", ["test/**/*.test.ts", "src/**/*.test.ts"], ["test/database-restart.test.ts", "test/timeline-rollup-concurrency.test.ts", "test/database-roles.test.ts"]),
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
}));
