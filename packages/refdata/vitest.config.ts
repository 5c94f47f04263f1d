import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The directory tests parse two 3.5 MB files and re-derive the shipped data.
    testTimeout: 60_000,
  },
});
