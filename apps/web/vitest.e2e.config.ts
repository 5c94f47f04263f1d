import { defineConfig } from "vitest/config";

/** End-to-end tests: the built API serving the built SPA, driven by the system Chromium. */
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["e2e/global-setup.ts"],
    reporters: ["default", "./e2e/marker-reporter.ts"],
    // One server and one browser at a time keep timings stable on small CI machines.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
