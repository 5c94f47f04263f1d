import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type DatabaseHandle, openDatabase } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, login } from "./helpers/accounts.js";
import { runCli } from "./helpers/cli-process.js";
import { startServer } from "./helpers/server-process.js";
import { fixedClock } from "./helpers/test-app.js";

/**
 * Sessions live in the database, so every API process sees the same ones. On PostgreSQL: two apps with
 * two connection pools, and two real server processes. On PGlite (one process per data folder): two
 * apps on one handle, and one server process restarted.
 */

describe("two API instances on one database", () => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let a: App;
  let b: App;

  beforeAll(async () => {
    database = await createTestDatabase();
    second = database.url ? await openDatabase({ url: database.url, poolSize: 2 }) : database;
    await writePublicAccess(database.db, false, fixedClock());
    await addAccount(database.db, { email: "smr@test.example", role: "smr", admin: true });
    a = await buildApp({ database, clock: fixedClock });
    b = await buildApp({ database: second, clock: fixedClock });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    if (second !== database) await second.close();
    await database.drop();
  });

  it("a session created on one is valid on the other; a logout on one ends it on both", async () => {
    const { credentials } = await login(a, "smr@test.example");
    const headers = credentials?.headers ?? {};
    const me = (app: App) => app.inject({ url: "/api/auth/me", headers });
    expect((await me(b)).statusCode).toBe(200);
    expect((await b.inject({ url: "/api/municipalities?limit=1", headers })).statusCode).toBe(200);
    // A write on the other instance with the first instance's CSRF token.
    expect((await b.inject({ method: "PUT", url: "/api/settings/public-access", headers, payload: { enabled: false } })).statusCode).toBe(200);
    expect((await b.inject({ method: "POST", url: "/api/auth/logout", headers })).statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    expect((await me(b)).statusCode).toBe(401);
  });
});

describe("server processes and the user:create command", () => {
  const password = "operator password 2026";
  let env: Record<string, string>;
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;

  beforeAll(async () => {
    if (testDbKind() === "postgres") {
      database = await createTestDatabase({ seeded: false });
      env = { DATABASE_URL: database.url ?? "" };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "insek-accounts-"));
      env = { DATA_DIR: dataDir };
    }
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("user:create never takes the password from the command line, and refuses a short one", async () => {
    const asArgument = await runCli(["user:create", "--email", "a@test.example", "--role", "smr", "--password", password], env);
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr).toContain("standard input");
    const short = await runCli(["user:create", "--email", "a@test.example", "--role", "smr"], env, "too short\n");
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 12 characters");
    const badRole = await runCli(["user:create", "--email", "a@test.example", "--role", "king"], env, `${password}\n`);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toContain("--role");
  });

  it("user:create makes the first administrator with the password from standard input", async () => {
    const created = await runCli(["user:create", "--email", "Admin@Land.example", "--role", "smr", "--admin"], env, `${password}\n`);
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("admin@land.example (smr, Administration)");
    const again = await runCli(["user:create", "--email", "admin@land.example", "--role", "smr"], env, `${password}\n`);
    expect(again.code).toBe(2);
    expect(again.stdout).toContain("exists");
  });

  it("sessions are shared between server processes and survive a restart; logout ends them everywhere", async () => {
    const signIn = async (url: string) => {
      const res = await fetch(`${url}/api/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ email: "admin@land.example", password }),
      });
      expect(res.status).toBe(200);
      const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return { cookie, "x-csrf-token": csrfToken };
    };
    const status = async (url: string, headers: Record<string, string>) => (await fetch(`${url}/api/auth/me`, { headers })).status;
    const logout = async (url: string, headers: Record<string, string>) =>
      (await fetch(`${url}/api/auth/logout`, { method: "POST", headers })).status;

    if (testDbKind() === "postgres") {
      const [one, two] = await Promise.all([startServer(env), startServer(env)]);
      try {
        // With DATABASE_URL, production mode: no demo accounts, and anonymous reading is off.
        const anonymous = await fetch(`${two.url}/api/municipalities?limit=1`);
        expect(anonymous.status).toBe(401);
        const headers = await signIn(one.url);
        expect(await status(two.url, headers)).toBe(200);
        expect((await fetch(`${two.url}/api/municipalities?limit=1`, { headers })).status).toBe(200);
        expect(await logout(two.url, headers)).toBe(204);
        expect(await status(one.url, headers)).toBe(401);
        expect(await status(two.url, headers)).toBe(401);
      } finally {
        expect(await one.stop()).toBe(0);
        expect(await two.stop()).toBe(0);
      }
    } else {
      let server = await startServer(env);
      let headers: Record<string, string>;
      try {
        headers = await signIn(server.url);
        expect(await status(server.url, headers)).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      server = await startServer(env);
      try {
        expect(await status(server.url, headers)).toBe(200);
        expect(await logout(server.url, headers)).toBe(204);
        expect(await status(server.url, headers)).toBe(401);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    }
  });
});
