import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { municipalityListSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli-process.js";
import { apiDist, startServer } from "./helpers/server-process.js";
import { sourcesDir } from "./helpers/source-files.js";

const run = promisify(execFile);
const READER = { email: "reader@test.example", password: "a reader's password" };

describe("production build: server and CLI", () => {
  let env: Record<string, string>;
  let dataDir: string | undefined;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    if (testDbKind() === "postgres") {
      database = await createTestDatabase({ seeded: false });
      env = { DATABASE_URL: database.url ?? "" };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "insek-smoke-"));
      env = { DATA_DIR: dataDir };
    }
    // A production server starts with anonymous reading off, whatever the database: the checks below read as a signed-in account.
    const created = await runCli(["user:create", "--email", READER.email, "--role", "advisor"], env, `${READER.password}\n`);
    expect(created.code, created.stderr).toBe(0);
  });
  /** Headers to read the API with: a session (anonymous reading is off in production). */
  async function readerHeaders(url: string): Promise<Record<string, string>> {
    const anonymous = await fetch(`${url}/api/municipalities?limit=1`);
    expect(anonymous.status).toBe(401);
    const res = await fetch(`${url}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(READER),
    });
    expect(res.status).toBe(200);
    return { cookie: (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
  }

  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts on an empty database, seeds it, serves the web app and the API on one port", async () => {
    const server = await startServer(env);
    try {
      expect(server.output()).toContain("Referenzdaten eingespielt");
      const home = await fetch(`${server.url}/`);
      expect(home.status).toBe(200);
      const html = await home.text();
      expect(html).toMatch(/<div\s+id="root"/);
      const deepLink = await fetch(`${server.url}/gemeinden/14511000`);
      expect(deepLink.status).toBe(200);
      expect(await deepLink.text()).toBe(html);
      const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset).toBeDefined();
      const script = await fetch(`${server.url}${asset ?? ""}`);
      expect(script.status).toBe(200);
      expect(script.headers.get("cache-control")).toContain("immutable");
      expect((await script.text()).length).toBeGreaterThan(1000);
      const headers = await readerHeaders(server.url);
      const list = municipalityListSchema.parse(await (await fetch(`${server.url}/api/municipalities?limit=1`, { headers })).json());
      expect(list.total).toBe(418);
      const missing = await fetch(`${server.url}/api/unknown`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { code: string }).code).toBe("ROUTE_NOT_FOUND");
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("a second start changes nothing", async () => {
    const server = await startServer(env);
    try {
      expect(server.output()).not.toContain("Referenzdaten eingespielt");
      const headers = await readerHeaders(server.url);
      const list = municipalityListSchema.parse(await (await fetch(`${server.url}/api/municipalities?limit=1`, { headers })).json());
      expect(list.total).toBe(418);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("the CLI dry-runs a directory import against the same database", async () => {
    const file = path.join(sourcesDir, "destatis/GV100AD_31052026.txt");
    const { stdout } = await run(process.execPath, [`${apiDist}cli.js`, "import-gv100ad", file, "--dry-run"], {
      env: { PATH: process.env.PATH ?? "", ...env },
    });
    expect(stdout).toContain("Gebietsstand 2026-05-31");
    expect(stdout).toContain("neu: 0");
    expect(stdout).toContain("Probelauf");
  });

  it("the CLI refuses a missing file argument with its usage", async () => {
    const attempt = run(process.execPath, [`${apiDist}cli.js`, "import-gv100ad"], { env: { PATH: process.env.PATH ?? "", ...env } });
    await expect(attempt).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("import-gv100ad <file>") as unknown });
  });
});
