import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase, queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_METRICS_TOKEN, runServerUntilExit, startServer } from "./helpers/server-process.js";

/**
 * What a production start (NODE_ENV=production) sets up by itself, on either database: nothing made up,
 * anonymous reading off, /metrics behind its token, no source maps; and the embedded database's files
 * the owner's alone. Needs the built server (dist/server.js) and web app.
 */

const webDist = fileURLToPath(new URL("../../web/dist/", import.meta.url));
const temporary: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Every entry under `dir` (itself included) whose mode gives group or others any right. */
function openToOthers(dir: string): string[] {
  const found: string[] = [];
  const visit = (entry: string) => {
    const stat = lstatSync(entry);
    if ((stat.mode & 0o077) !== 0) found.push(`${(stat.mode & 0o777).toString(8)} ${entry}`);
    if (stat.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return found;
}

describe("production start", () => {
  let env: Record<string, string>;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (testDbKind() === "postgres") {
      database = await createTestDatabase({ seeded: false });
      env = { DATABASE_URL: database.url ?? "" };
    } else {
      dataDir = tempDir("insek-prod-");
      env = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("refuses to start without METRICS_TOKEN, naming it", async () => {
    const { code, output } = await runServerUntilExit({ ...env, METRICS_TOKEN: "" });
    expect(code).toBe(1);
    expect(output).toContain("METRICS_TOKEN: required with NODE_ENV=production");
  });

  it("refuses SEED_DEMO_DATA=true: made-up history could never be removed", async () => {
    const { code, output } = await runServerUntilExit({ ...env, SEED_DEMO_DATA: "true" });
    expect(code).toBe(1);
    expect(output).toContain("SEED_DEMO_DATA");
  });

  it("seeds no demo history and no demo accounts, starts with anonymous reading off, guards /metrics, serves no source map", async () => {
    const server = await startServer(env);
    try {
      expect(server.output()).not.toContain("Demo-");
      const anonymous = await fetch(`${server.url}/api/municipalities?limit=1`);
      expect(anonymous.status).toBe(401);
      expect((await fetch(`${server.url}/api/openapi.json`)).status).toBe(401);
      expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
      const metrics = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TEST_METRICS_TOKEN}` } });
      expect(metrics.status).toBe(200);

      const map = readdirSync(path.join(webDist, "assets")).find((f) => f.endsWith(".js.map"));
      expect(map, "the web build keeps its source maps on disk").toBeDefined();
      const served = await fetch(`${server.url}/assets/${map ?? ""}`);
      expect(served.status).toBe(404);
      expect(((await served.json()) as { code: string }).code).toBe("ROUTE_NOT_FOUND");
      // Its script is still served, and a missing asset is a 404, not the app's page.
      expect((await fetch(`${server.url}/assets/${(map ?? "").replace(/\.map$/, "")}`)).status).toBe(200);
      expect((await fetch(`${server.url}/assets/missing-0000.js`)).status).toBe(404);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const handle = database ?? (await openDatabase({ dataDir }));
    try {
      const [row] = await queryRows<{ events: number; users: number; publicAccess: unknown }>(
        handle.db,
        sql`select (select count(*)::int from status_events) as events, (select count(*)::int from users) as users,
                   (select value from app_settings where key = 'public_access') as "publicAccess"`,
      );
      expect(row).toEqual({ events: 0, users: 0, publicAccess: { enabled: false } });
    } finally {
      if (!database) await handle.close();
    }
    if (dataDir) expect(readdirSync(dataDir)).not.toContain("demo-accounts.txt");
  });
});

describe("the embedded database's folder", () => {
  it("is created for the owner only: no file or folder in it has a group or other bit", async () => {
    const dataDir = path.join(tempDir("insek-perm-"), "data", "pglite");
    const server = await startServer({ DATA_DIR: dataDir });
    try {
      // A write creates files at run time too (WAL, relation files).
      const res = await fetch(`${server.url}/health/ready`);
      expect(res.status).toBe(200);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    expect(openToOthers(dataDir)).toEqual([]);
    expect(readdirSync(dataDir).length).toBeGreaterThan(10);
  });

  it("restricts a folder that is open to others (755, files 666) at start, and says so", async () => {
    const dataDir = tempDir("insek-wide-");
    // A database made by an earlier version: its own modes, as PGlite leaves them.
    const made = await openDatabase({ dataDir });
    await made.close();
    chmodSync(dataDir, 0o755);
    mkdirSync(path.join(dataDir, "extra"), { mode: 0o777 });
    chmodSync(path.join(dataDir, "extra"), 0o777);
    writeFileSync(path.join(dataDir, "extra", "note.txt"), "x");
    chmodSync(path.join(dataDir, "extra", "note.txt"), 0o666);
    chmodSync(path.join(dataDir, "PG_VERSION"), 0o666);
    expect(openToOthers(dataDir).length).toBeGreaterThanOrEqual(4);

    const server = await startServer({ DATA_DIR: dataDir });
    try {
      expect(server.output()).toMatch(/Warnung: \d+ Einträge in .* waren für andere Benutzer les- oder schreibbar/);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);
    expect(lstatSync(path.join(dataDir, "extra", "note.txt")).mode & 0o777).toBe(0o600);
  });
});

describe("demo passwords", () => {
  it("reach a piped output (a log) never: only the path of the owner-only file that holds them", async () => {
    const dataDir = tempDir("insek-demo-pipe-");
    const server = await startServer({ DATA_DIR: dataDir, NODE_ENV: "development", SEED_DEMO_DATA: "false" });
    let output: string;
    try {
      output = server.output();
    } finally {
      expect(await server.stop()).toBe(0);
    }
    const file = path.join(dataDir, "demo-accounts.txt");
    expect(lstatSync(file).mode & 0o777).toBe(0o600);
    const passwords = [...readFileSync(file, "utf8").matchAll(/@demo\.insek\.example\s+(\S+)/g)].map((m) => m[1] ?? "");
    expect(passwords).toHaveLength(3);
    expect(output).toContain(file);
    for (const password of passwords) expect(output).not.toContain(password);
  });
});
