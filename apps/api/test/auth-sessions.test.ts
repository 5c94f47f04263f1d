import { authStateSchema, errorResponseSchema } from "@insek/contracts";
import { sql } from "drizzle-orm";
import { queryRows } from "@insek/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, addAccount, assign, login, movableClock, sessionCookieOf } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

const time = movableClock();
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  await addAccount(t.database.db, { email: "smr@test.example", role: "smr", admin: true });
  const advisor = await addAccount(t.database.db, { email: "advisor@test.example", role: "advisor" });
  await assign(t.database.db, advisor.id, ["14627060"], "2024-03-01");
  await addAccount(t.database.db, { email: "gemeinde@test.example", role: "municipality", ags: ["14627060"] });
  for (let i = 0; i < 4; i++) await addAccount(t.database.db, { email: `user${i}@test.example`, role: "smr" });
});
afterAll(async () => {
  await t.close();
});

const me = (headers: Record<string, string>) => t.app.inject({ url: "/api/auth/me", headers });

async function auditActions(email: string) {
  const rows = await queryRows<{ action: string; details: { reason?: string } | null; address: string | null; request_id: string | null }>(
    t.database.db,
    sql`select action, details, address, request_id from audit_log where details->>'email' = ${email} order by id`,
  );
  return rows;
}

describe("login, me, logout", () => {
  it("signs in with e-mail and password: an HttpOnly SameSite session cookie and the CSRF token", async () => {
    const { res, credentials } = await login(t.app, "  SMR@Test.Example ", PASSWORD, { headers: { "x-request-id": "login-1" } });
    expect(res.statusCode).toBe(200);
    const body = authStateSchema.parse(res.json());
    expect(body.user).toMatchObject({ email: "smr@test.example", role: "smr", admin: true, ags: [] });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const cookie = sessionCookieOf(res);
    expect(cookie?.attributes).toMatch(/HttpOnly/);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/);
    expect(cookie?.attributes).toMatch(/Path=\//);
    expect(cookie?.attributes).not.toMatch(/Secure/); // plain http here; see below for https

    const who = await me(credentials?.headers ?? {});
    expect(who.statusCode).toBe(200);
    expect(authStateSchema.parse(who.json())).toEqual(body);
    expect(await auditActions("smr@test.example")).toContainEqual(
      expect.objectContaining({ action: "auth.login.succeeded", address: "127.0.0.1", request_id: "login-1" }),
    );
  });

  it("stores only a hash of the session token", async () => {
    const { credentials } = await login(t.app, "user0@test.example");
    const token = credentials?.cookie?.split("=")[1] ?? "";
    const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from sessions where id = ${token}`);
    expect(rows[0]?.n).toBe(0);
  });

  it("returns the municipality account's AGS", async () => {
    const { res } = await login(t.app, "gemeinde@test.example");
    expect(res.json()).toMatchObject({ user: { role: "municipality", ags: ["14627060"] } });
  });

  it("answers a wrong password and an unknown e-mail alike, and audits both", async () => {
    const wrong = await login(t.app, "user1@test.example", "not the password at all");
    const unknown = await login(t.app, "nobody@test.example", "not the password at all");
    for (const { res } of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(errorResponseSchema.parse(res.json())).toMatchObject({ code: "INVALID_CREDENTIALS", message: "E-mail address or password is wrong" });
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    expect((await auditActions("user1@test.example")).map((r) => [r.action, r.details?.reason])).toEqual([["auth.login.failed", "wrong_password"]]);
    expect((await auditActions("nobody@test.example")).map((r) => [r.action, r.details?.reason])).toEqual([["auth.login.failed", "unknown_email"]]);
    const secrets = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log where details::text like '%not the password%'`);
    expect(secrets[0]?.n).toBe(0);
  });

  it("/api/auth/me needs a session", async () => {
    const res = await me({});
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "AUTHENTICATION_REQUIRED" });
  });

  it("logout ends the session on the server and clears the cookie", async () => {
    const { credentials } = await login(t.app, "user2@test.example");
    const headers = credentials?.headers ?? {};
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers });
    expect(out.statusCode).toBe(204);
    expect(sessionCookieOf(out)?.value).toBe("");
    expect((await me(headers)).statusCode).toBe(401);
    // Logging out without a session is harmless.
    expect((await t.app.inject({ method: "POST", url: "/api/auth/logout" })).statusCode).toBe(204);
  });

  it("marks the cookie Secure over HTTPS (behind a proxy) and when COOKIE_SECURE is set", async () => {
    const proxied = await createTestApp({ clock: time.clock, trustProxy: true });
    const forced = await createTestApp({ clock: time.clock, auth: { cookieSecure: true } });
    try {
      for (const app of [proxied, forced]) await addAccount(app.database.db, { email: "x@test.example", role: "smr" });
      const https = await login(proxied.app, "x@test.example", PASSWORD, { headers: { "x-forwarded-proto": "https" } });
      expect(sessionCookieOf(https.res)?.attributes).toMatch(/Secure/);
      const http = await login(proxied.app, "x@test.example");
      expect(sessionCookieOf(http.res)?.attributes).not.toMatch(/Secure/);
      const always = await login(forced.app, "x@test.example");
      expect(sessionCookieOf(always.res)?.attributes).toMatch(/Secure/);
    } finally {
      await proxied.close();
      await forced.close();
    }
  });
});

describe("session fixation", () => {
  it("never adopts a session id the client brings", async () => {
    const planted = "attacker-chosen-session-id";
    const { res, credentials } = await login(t.app, "user3@test.example", PASSWORD, { headers: { cookie: `insek_session=${planted}` } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookieOf(res)?.value).not.toBe(planted);
    expect((await me({ cookie: `insek_session=${planted}` })).statusCode).toBe(401);
    expect((await me(credentials?.headers ?? {})).statusCode).toBe(200);
  });

  it("issues a new session id at every login and ends the one the browser had", async () => {
    const first = await login(t.app, "user3@test.example");
    const second = await login(t.app, "user3@test.example", PASSWORD, { headers: { cookie: first.credentials?.cookie ?? "" } });
    expect(second.credentials?.cookie).toBeDefined();
    expect(second.credentials?.cookie).not.toBe(first.credentials?.cookie);
    expect(second.credentials?.csrfToken).not.toBe(first.credentials?.csrfToken);
    expect((await me(first.credentials?.headers ?? {})).statusCode).toBe(401);
    expect((await me(second.credentials?.headers ?? {})).statusCode).toBe(200);
  });
});

describe("CSRF", () => {
  it("refuses a cookie-authenticated write without the token or with a wrong one, and takes the right one", async () => {
    const { credentials } = await login(t.app, "smr@test.example");
    const cookie = credentials?.cookie ?? "";
    const put = (headers: Record<string, string>) =>
      t.app.inject({ method: "PUT", url: "/api/settings/public-access", headers, payload: { enabled: true } });
    const missing = await put({ cookie });
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: "CSRF_TOKEN_INVALID" });
    const wrong = await put({ cookie, "x-csrf-token": "x".repeat(43) });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: "CSRF_TOKEN_INVALID" });
    const other = await login(t.app, "user0@test.example");
    expect((await put({ cookie, "x-csrf-token": other.credentials?.csrfToken ?? "" })).statusCode).toBe(403);
    expect((await put({ cookie, "x-csrf-token": credentials?.csrfToken ?? "" })).statusCode).toBe(200);
  });

  it("protects logout: without the token the session stays", async () => {
    const { credentials } = await login(t.app, "user0@test.example");
    const refused = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: credentials?.cookie ?? "" } });
    expect(refused.statusCode).toBe(403);
    expect((await me(credentials?.headers ?? {})).statusCode).toBe(200);
  });

  it("needs no token for reads", async () => {
    const { credentials } = await login(t.app, "user0@test.example");
    expect((await me({ cookie: credentials?.cookie ?? "" })).statusCode).toBe(200);
  });

  it("refuses a login posted from another site", async () => {
    const foreign = await login(t.app, "user0@test.example", PASSWORD, { headers: { origin: "https://evil.example" } });
    expect(foreign.res.statusCode).toBe(403);
    expect(foreign.res.json()).toMatchObject({ code: "CROSS_SITE_REQUEST" });
    const crossSite = await login(t.app, "user0@test.example", PASSWORD, { headers: { "sec-fetch-site": "cross-site" } });
    expect(crossSite.res.statusCode).toBe(403);
    const sameOrigin = await login(t.app, "user0@test.example", PASSWORD, { headers: { origin: "http://localhost:80", host: "localhost:80" } });
    expect(sameOrigin.res.statusCode).toBe(200);
  });
});

describe("timeouts", () => {
  it("ends a session after 30 idle minutes; activity keeps it alive", async () => {
    const { credentials } = await login(t.app, "user1@test.example");
    const headers = credentials?.headers ?? {};
    time.advance(time.minutes(29));
    expect((await me(headers)).statusCode).toBe(200);
    time.advance(time.minutes(29));
    expect((await me(headers)).statusCode).toBe(200);
    time.advance(time.minutes(31));
    const expired = await me(headers);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: "AUTHENTICATION_REQUIRED", message: "Your session has ended: sign in again" });
    expect(sessionCookieOf(expired)?.value).toBe("");
    // Gone on the server too, not just refused.
    time.advance(-time.minutes(60));
    expect((await me(headers)).statusCode).toBe(401);
    time.advance(time.minutes(60));
  });

  it("ends a session 12 hours after login however active it is", async () => {
    const { credentials } = await login(t.app, "user1@test.example");
    const headers = credentials?.headers ?? {};
    for (let elapsed = 0; elapsed < 12 * 60 - 20; elapsed += 20) {
      time.advance(time.minutes(20));
      expect((await me(headers)).statusCode, `after ${elapsed + 20} minutes`).toBe(200);
    }
    time.advance(time.minutes(20));
    expect((await me(headers)).statusCode).toBe(401);
  });
});

describe("login throttling", () => {
  it("answers the 6th failure for an account with 429 and a growing Retry-After, refusing even the right password", async () => {
    const email = "advisor@test.example";
    for (let i = 0; i < 5; i++) expect((await login(t.app, email, `wrong password ${i}`)).res.statusCode).toBe(401);
    const sixth = await login(t.app, email, PASSWORD);
    expect(sixth.res.statusCode).toBe(429);
    expect(sixth.res.headers["retry-after"]).toBe("1");
    expect(sixth.res.json()).toMatchObject({ code: "TOO_MANY_ATTEMPTS", message: expect.stringContaining("Wait 1 seconds") as unknown });

    time.advance(1000);
    expect((await login(t.app, email, "wrong again")).res.statusCode).toBe(401);
    const longer = await login(t.app, email, PASSWORD);
    expect(longer.res.statusCode).toBe(429);
    expect(longer.res.headers["retry-after"]).toBe("2");

    time.advance(2000);
    expect((await login(t.app, email, PASSWORD)).res.statusCode).toBe(200);
    // A success resets the account's counter.
    expect((await login(t.app, email, "wrong once more")).res.statusCode).toBe(401);
    expect((await login(t.app, email, PASSWORD)).res.statusCode).toBe(200);
    expect((await auditActions(email)).map((r) => r.action)).toContain("auth.login.throttled");
  });

  it("throttles an address after 20 failures whatever the e-mail, and only that address", async () => {
    const address = "203.0.113.7";
    for (let i = 0; i < 20; i++) {
      expect((await login(t.app, `guess${i}@test.example`, "wrong password!", { remoteAddress: address })).res.statusCode).toBe(401);
    }
    const blocked = await login(t.app, "gemeinde@test.example", PASSWORD, { remoteAddress: address });
    expect(blocked.res.statusCode).toBe(429);
    expect(Number(blocked.res.headers["retry-after"])).toBeGreaterThan(0);
    expect((await login(t.app, "gemeinde@test.example", PASSWORD, { remoteAddress: "198.51.100.1" })).res.statusCode).toBe(200);
  });

  it("forgets failures after 15 minutes", async () => {
    const email = "user2@test.example";
    for (let i = 0; i < 5; i++) await login(t.app, email, "wrong password!!");
    expect((await login(t.app, email)).res.statusCode).toBe(429);
    time.advance(time.minutes(16));
    expect((await login(t.app, email)).res.statusCode).toBe(200);
  });

  it("counts atomically: of 30 parallel wrong attempts at most 5 are checked; the owner still signs in from another address", async () => {
    const email = "parallel@test.example";
    await addAccount(t.database.db, { email, role: "smr" });
    const attacker = "198.51.100.66";
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => login(t.app, email, `parallel guess ${i}`, { remoteAddress: attacker })),
    );
    const statuses = answers.map((a) => a.res.statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    // Checked attempts are the ones audited as failed (each ran argon2).
    const checked = (await auditActions(email)).filter((r) => r.action === "auth.login.failed");
    expect(checked.length).toBeLessThanOrEqual(5);
    expect(checked.length).toBe(statuses.filter((s) => s === 401).length);
    // The lock is the attacker's address's only: the owner signs in from elsewhere, even with the wrong password first.
    expect((await login(t.app, email, "owner mistyped it", { remoteAddress: "192.0.2.10" })).res.statusCode).toBe(401);
    expect((await login(t.app, email, PASSWORD, { remoteAddress: "192.0.2.10" })).res.statusCode).toBe(200);
    expect((await login(t.app, email, PASSWORD, { remoteAddress: attacker })).res.statusCode).toBe(429);
  });

  it("past 50 failures of an account from many addresses, each address waits after its first failure; a fresh address is still checked", async () => {
    const email = "distributed@test.example";
    await addAccount(t.database.db, { email, role: "smr" });
    for (let i = 0; i < 55; i++) {
      expect((await login(t.app, email, `distributed guess ${i}`, { remoteAddress: `10.20.${i}.1` })).res.statusCode).toBe(401);
    }
    // An address that has failed once for the account now waits (without the ceiling it would have 4 more tries).
    const again = await login(t.app, email, "distributed guess again", { remoteAddress: "10.20.54.1" });
    expect(again.res.statusCode).toBe(429);
    expect(Number(again.res.headers["retry-after"])).toBeGreaterThan(0);
    // The owner, from an address without a failure for the account, signs in at once.
    expect((await login(t.app, email, PASSWORD, { remoteAddress: "192.0.2.77" })).res.statusCode).toBe(200);
    // The delay only grows for the address that keeps failing: after it, the next attempt is checked.
    time.advance(2000);
    expect((await login(t.app, email, "distributed guess later", { remoteAddress: "10.20.54.1" })).res.statusCode).toBe(401);
  });

  it("audits refused attempts per address and window, not per request: 200 refusals, one audit row, counted in login_refusals", async () => {
    const address = "198.51.100.200";
    const email = "flooded@test.example";
    for (let i = 0; i < 5; i++) await login(t.app, email, `flood guess ${i}`, { remoteAddress: address });
    const before = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login(t.app, i % 2 === 0 ? email : `other${i}@test.example`, "flood again", { remoteAddress: address })),
    );
    // The odd ones name other accounts: they are checked until the address itself is throttled (20 failures).
    const refused = answers.filter((a) => a.res.statusCode === 429).length;
    expect(refused).toBeGreaterThan(150);
    const after = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
    const throttledRows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from audit_log where action = 'auth.login.throttled' and address = ${address}`,
    );
    expect(throttledRows[0]?.n).toBe(1);
    // Apart from the one refusal row, only the checked attempts (at most the address's 20) were audited.
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBeLessThanOrEqual(21);
    const counted = await queryRows<{ refused: number }>(t.database.db, sql`select refused from login_refusals where address = ${address}`);
    expect(counted.reduce((sum, r) => sum + r.refused, 0)).toBe(refused);
  });
});
