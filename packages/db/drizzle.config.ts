import { defineConfig } from "drizzle-kit";

// Used only by `pnpm db:generate`: migrations are generated from the schema, reviewed and committed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
