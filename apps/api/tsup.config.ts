import { cpSync } from "node:fs";
import { defineConfig } from "tsup";

// Bundles the server and the CLI with the workspace packages inlined; npm dependencies stay external.
export default defineConfig({
  entry: { server: "src/server.ts", cli: "src/cli/main.ts" },
  format: ["esm"],
  platform: "node",
  target: "node20",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  noExternal: [/^@insek\//],
  onSuccess: async () => {
    // The migrator looks for ./migrations next to the bundle (see packages/db/src/migrate.ts).
    cpSync("../../packages/db/migrations", "dist/migrations", { recursive: true });
  },
});
