import type { AddressInfo } from "node:net";
import { type DatabaseHandle, openDatabase, queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { updateUser } from "../src/modules/accounts/accounts.repo.js";
import { secretHash } from "../src/modules/accounts/secrets.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { PASSWORD, addAccount, bearerFor } from "./helpers/accounts.js";

/**
 * Issue #18, decision 0026: a signed-in read trusts a credential its instance checked at the current data
 * generation, and does not ask the database who is asking. What that must not cost, through real HTTP on
 * two app instances on one database (PostgreSQL: two connection pools; PGlite: two apps on the one
 * embedded database, which is what a PGlite deployment can be): a session ended on A is refused on B at
 * the next request, a disabled account at once, a write on A is read on B next, the idle timeout still
 * ends an unused session, and no read writes.
 */

const MINUTE = 60_000;
const AGS = "14521240";
let now = new Date("2026-11-25T09:00:00Z").getTime();
const clock = () => new Date(now);

let database: TestDatabase;
let second: DatabaseHandle;
let a: App;
let b: App;
let urlA: string;
let urlB: string;

async function listen(app: App): Promise<string> {
  await app.listen({ host: "127.0.0.1", port: 0 });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
  second = database.url ? await openDatabase({ url: database.url, poolSize: 3 }) : database;
  // Only signed-in readers: an ended session must not be served as an anonymous visitor.
  await writePublicAccess(database.db, false, clock());
  a = await buildApp({ database, clock });
  b = await buildApp({ database: second, clock });
  urlA = await listen(a);
  urlB = await listen(b);
}, 120_000);

afterAll(async () => {
  await a.close();
  await b.close();
  if (second !== database) await second.close();
  await database.drop();
});

interface Session {
  cookie: string;
  csrfToken: string;
}

async function signIn(email: string): Promise<Session> {
  const res = await fetch(`${urlA}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  expect(res.status).toBe(200);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function get(base: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, body: await res.json() };
}

const lastSeenOf = async (session: Session): Promise<number | undefined> => {
  const id = secretHash(session.cookie.slice("insek_session=".length));
  const rows = await queryRows<{ at: string | Date }>(database.db, sql`select last_seen_at as at from sessions where id = ${id}`);
  return rows[0] ? new Date(rows[0].at).getTime() : undefined;
};

describe("signed-in reads on two instances", () => {
  it("a session ended on A (logout) is refused on B at its next request, and on A", async () => {
    await addAccount(database.db, { email: "logout@test.example", role: "smr" });
    const session = await signIn("logout@test.example");
    const headers = { cookie: session.cookie };
    // B and A have checked the session and keep it.
    for (const base of [urlB, urlA, urlB]) {
      expect((await get(base, "/api/stats/summary", headers)).status).toBe(200);
      expect((await get(base, "/api/auth/me", headers)).status).toBe(200);
    }
    const logout = await fetch(`${urlA}/api/auth/logout`, { method: "POST", headers: { ...headers, "x-csrf-token": session.csrfToken } });
    expect(logout.status).toBe(204);
    expect((await get(urlB, "/api/stats/summary", headers)).status).toBe(401);
    expect((await get(urlB, "/api/auth/me", headers)).status).toBe(401);
    expect((await get(urlA, "/api/stats/summary", headers)).status).toBe(401);
  });

  it("a disabled account is refused at once on both instances, by session and by API token", async () => {
    const admin = await addAccount(database.db, { email: "admin-disable@test.example", role: "smr", admin: true });
    const target = await addAccount(database.db, { email: "disabled@test.example", role: "advisor" });
    const session = await signIn("disabled@test.example");
    const token = await bearerFor(a, target.id);
    for (const base of [urlA, urlB]) {
      expect((await get(base, "/api/municipalities?limit=5", { cookie: session.cookie })).status).toBe(200);
      expect((await get(base, "/api/municipalities?limit=5", token.headers)).status).toBe(200);
    }
    // Disabled through the API on A (re-authenticated administrator).
    const adminSession = await signIn(admin.email);
    const adminHeaders = { cookie: adminSession.cookie, "x-csrf-token": adminSession.csrfToken, "content-type": "application/json" };
    const reauth = await fetch(`${urlA}/api/auth/reauth`, { method: "POST", headers: adminHeaders, body: JSON.stringify({ password: PASSWORD }) });
    expect(reauth.status).toBe(200);
    const disable = await fetch(`${urlA}/api/users/${target.id}`, { method: "PATCH", headers: adminHeaders, body: JSON.stringify({ disabled: true }) });
    expect(disable.status).toBe(200);
    for (const base of [urlB, urlA]) {
      expect((await get(base, "/api/municipalities?limit=5", { cookie: session.cookie })).status).toBe(401);
      expect((await get(base, "/api/municipalities?limit=5", token.headers)).status).toBe(401);
    }
  });

  it("an account disabled in the database alone (no session or token removed) is refused at the next request", async () => {
    const user = await addAccount(database.db, { email: "disabled-directly@test.example", role: "smr" });
    const session = await signIn(user.email);
    const token = await bearerFor(a, user.id);
    for (const base of [urlA, urlB]) {
      expect((await get(base, "/api/stats/districts", { cookie: session.cookie })).status).toBe(200);
      expect((await get(base, "/api/stats/districts", token.headers)).status).toBe(200);
    }
    // As another process would (the CLI, an operator's statement): only users.disabled_at changes.
    await updateUser(second.db, user.id, { disabledAt: clock() });
    for (const base of [urlB, urlA]) {
      expect((await get(base, "/api/stats/districts", { cookie: session.cookie })).status).toBe(401);
      expect((await get(base, "/api/stats/districts", token.headers)).status).toBe(401);
    }
  });

  it("a write on A is seen by the next signed-in read on B (and on A)", async () => {
    await addAccount(database.db, { email: "reader@test.example", role: "smr" });
    const writer = await addAccount(database.db, { email: "writer@test.example", role: "smr" });
    const reader = await signIn("reader@test.example");
    const writerToken = await bearerFor(a, writer.id);
    const detail = async (base: string) => (await get(base, `/api/municipalities/${AGS}`, { cookie: reader.cookie })).body as { version: number };
    const summary = async (base: string) => JSON.stringify((await get(base, "/api/stats/summary", { cookie: reader.cookie })).body);
    const before = await detail(urlB);
    const summaryBefore = await summary(urlB);
    expect(await detail(urlA)).toEqual(before);
    for (let i = 1; i <= 3; i++) {
      const res = await fetch(`${urlA}/api/municipalities/${AGS}/events`, {
        method: "POST",
        headers: { ...writerToken.headers, "content-type": "application/json", "if-match": `"${before.version + i - 1}"` },
        body: JSON.stringify(i % 2 === 1 ? { type: "status", status: "drafting", conceptKind: "INSEK" } : { type: "status", status: "none" }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      expect((await detail(urlB)).version).toBe(before.version + i);
      expect((await detail(urlA)).version).toBe(before.version + i);
    }
    expect(await summary(urlB)).not.toBe(summaryBefore);
  });

  it("the idle timeout ends an unused session; use on either instance keeps it; reads write last-seen at most once a minute", async () => {
    await addAccount(database.db, { email: "idle@test.example", role: "smr" });
    const session = await signIn("idle@test.example");
    const headers = { cookie: session.cookie };
    const signedInAt = await lastSeenOf(session);
    // Many reads within the same minute write nothing.
    for (let i = 0; i < 10; i++) expect((await get(i % 2 ? urlA : urlB, "/api/stats/summary", headers)).status).toBe(200);
    expect(await lastSeenOf(session)).toBe(signedInAt);
    // Used on B only, 20 minutes later: B writes last-seen once.
    now += 20 * MINUTE;
    for (let i = 0; i < 5; i++) expect((await get(urlB, "/api/stats/summary", headers)).status).toBe(200);
    expect(await lastSeenOf(session)).toBe(now);
    // 40 minutes after A last saw it, 20 after B did: A, whose own knowledge says idle, asks the database and serves.
    now += 20 * MINUTE;
    expect((await get(urlA, "/api/stats/summary", headers)).status).toBe(200);
    expect(await lastSeenOf(session)).toBe(now);
    // Unused for 31 minutes: refused on both, and gone from the database.
    now += 31 * MINUTE;
    expect((await get(urlB, "/api/stats/summary", headers)).status).toBe(401);
    expect((await get(urlA, "/api/stats/summary", headers)).status).toBe(401);
    expect(await lastSeenOf(session)).toBeUndefined();
  });
});

describe("one instance", () => {
  it("a write is seen by the next read; the embedded database (one process) is not asked for the generation per read", async () => {
    const writer = await addAccount(database.db, { email: "pglite-writer@test.example", role: "smr" });
    await addAccount(database.db, { email: "pglite-reader@test.example", role: "advisor" });
    const reader = await signIn("pglite-reader@test.example");
    const writerToken = await bearerFor(a, writer.id);
    const ags = "14522080";
    const detail = async () => (await get(urlA, `/api/municipalities/${ags}`, { cookie: reader.cookie })).body as { version: number };
    const first = await detail();
    const queries = a.dataGeneration.queries;
    for (let i = 0; i < 20; i++) expect((await detail()).version).toBe(first.version);
    // PGlite knows it from the commit notifications; PostgreSQL (other processes write too) asks per request.
    if (testDbKind() === "pglite") expect(a.dataGeneration.queries).toBe(queries);
    else expect(a.dataGeneration.queries).toBeGreaterThanOrEqual(queries + 20);
    for (let i = 1; i <= 3; i++) {
      const res = await fetch(`${urlA}/api/municipalities/${ags}/events`, {
        method: "POST",
        headers: { ...writerToken.headers, "content-type": "application/json", "if-match": `"${first.version + i - 1}"` },
        body: JSON.stringify(i % 2 === 1 ? { type: "status", status: "drafting", conceptKind: "INGEKO" } : { type: "status", status: "none" }),
      });
      expect(res.status).toBe(201);
      expect((await detail()).version).toBe(first.version + i);
    }
    // PGlite: one query per change, not per read.
    if (testDbKind() === "pglite") expect(a.dataGeneration.queries - queries).toBeLessThanOrEqual(3);
  });
});
