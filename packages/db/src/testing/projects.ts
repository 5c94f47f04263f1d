import type { TestProjectInlineConfiguration } from "vitest/config";
import { postgresReachable } from "./settings.js";

const pgSetup = new URL("./pg-global-setup.ts", import.meta.url).pathname;

/**
 * The database test projects of a package: every integration test runs on PGlite and on the
 * PostgreSQL server. Without a reachable server the PostgreSQL project is left out with a warning,
 * unless REQUIRE_PG=1 (CI), where that is an error.
 */
export async function databaseTestProjects(
  name: string,
  include: string[],
  /** Files whose scenario exists only with a server (e.g. losing the connection): left out of the PGlite project. */
  postgresOnly: string[] = [],
): Promise<TestProjectInlineConfiguration[]> {
  const reachable = await postgresReachable();
  if (!reachable && process.env.REQUIRE_PG === "1") {
    throw new Error("REQUIRE_PG=1 but the PostgreSQL test server is not reachable");
  }
  if (!reachable) {
    console.warn(`[${name}] PostgreSQL not reachable: running the PGlite project only`);
  }
  const projects: TestProjectInlineConfiguration[] = [
    { extends: true, test: { name: `${name}:pglite`, include, exclude: ["**/node_modules/**", ...postgresOnly], env: { TEST_DB: "pglite" } } },
  ];
  if (reachable) {
    projects.push({
      extends: true,
      test: { name: `${name}:postgres`, include, env: { TEST_DB: "postgres" }, globalSetup: [pgSetup] },
    });
  }
  return projects;
}
