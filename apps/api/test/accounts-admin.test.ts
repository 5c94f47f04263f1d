import {
  accountCreatedSchema,
  accountListSchema,
  apiTokenCreatedSchema,
  apiTokenListSchema,
  auditListSchema,
  errorResponseSchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Credentials, PASSWORD, addAccount, confirmPassword, login, movableClock, sessionCookieOf } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

const time = movableClock();
let t: TestApp;
let admin: Credentials;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp({ clock: time.clock });
  adminId = (await addAccount(t.database.db, { email: "admin@test.example", role: "smr", admin: true })).id;
  await addAccount(t.database.db, { email: "smr@test.example", role: "smr" });
  const session = await login(t.app, "admin@test.example");
  if (!session.credentials) throw new Error("admin login failed");
  admin = session.credentials;
  const confirmed = await confirmPassword(t.app, admin);
  if (confirmed.statusCode !== 200) throw new Error(`password confirmation failed: ${confirmed.body}`);
});
afterAll(async () => {
  await t.close();
});

const inject = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

function tokenOf(resetUrl: string): string {
  const token = new URL(resetUrl).hash.replace(/^#token=/, "");
  expect(token.length).toBeGreaterThan(30);
  return token;
}

async function createUser(body: Record<string, unknown>) {
  const res = await inject("POST", "/api/users", admin.headers, body);
  expect(res.statusCode, res.body).toBe(201);
  return accountCreatedSchema.parse(res.json());
}

describe("account management", () => {
  it("creates an account without a password and returns a one-time link to set one", async () => {
    const created = await createUser({ email: "Neu@Gemeinde.example", displayName: "Gemeinde Neu", role: "municipality", ags: ["14627060"] });
    expect(created.user).toMatchObject({ email: "neu@gemeinde.example", role: "municipality", ags: ["14627060"], passwordSet: false, disabled: false });
    // The configured address (here the default), not the request's Host (issue 20).
    expect(created.resetUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/passwort-setzen#token=/);
    expect(new Date(created.expiresAt).getTime() - time.clock().getTime()).toBe(24 * 3600_000);
    // No password yet: nothing to log in with.
    expect((await login(t.app, "neu@gemeinde.example", "anything at all!")).res.statusCode).toBe(401);

    const token = tokenOf(created.resetUrl);
    const short = await inject("POST", "/api/auth/reset", {}, { token, password: "too short" });
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: "VALIDATION_FAILED", issues: [{ path: "body.password" }] });
    expect((await inject("POST", "/api/auth/reset", {}, { token, password: "a long enough password" })).statusCode).toBe(204);
    const again = await inject("POST", "/api/auth/reset", {}, { token, password: "another long password" });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: "RESET_TOKEN_INVALID" });

    const signedIn = await login(t.app, "neu@gemeinde.example", "a long enough password");
    expect(signedIn.res.statusCode).toBe(200);
    const stored = await queryRows<{ password_hash: string }>(t.database.db, sql`select password_hash from users where email = 'neu@gemeinde.example'`);
    expect(stored[0]?.password_hash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a reset link after 24 hours, and an earlier link once a newer one exists", async () => {
    const created = await createUser({ email: "late@test.example", displayName: "Late", role: "smr" });
    const first = tokenOf(created.resetUrl);
    const renewed = await inject("POST", `/api/users/${created.user.id}/reset`, admin.headers);
    expect(renewed.statusCode).toBe(200);
    const second = tokenOf(renewed.json<{ resetUrl: string }>().resetUrl);
    expect((await inject("POST", "/api/auth/reset", {}, { token: first, password: "a long enough password" })).statusCode).toBe(410);

    time.advance(24 * 3600_000 + 1000);
    try {
      expect((await inject("POST", "/api/auth/reset", {}, { token: second, password: "a long enough password" })).statusCode).toBe(410);
      expect((await inject("POST", "/api/auth/reset", {}, { token: "made-up", password: "a long enough password" })).statusCode).toBe(410);
    } finally {
      time.advance(-(24 * 3600_000 + 1000));
    }
  });

  it("a password reset ends the account's sessions", async () => {
    await addAccount(t.database.db, { email: "reset-me@test.example", role: "smr" });
    const session = await login(t.app, "reset-me@test.example");
    const list = accountListSchema.parse((await inject("GET", "/api/users", admin.headers)).json());
    const id = list.items.find((u) => u.email === "reset-me@test.example")?.id ?? "";
    const link = await inject("POST", `/api/users/${id}/reset`, admin.headers);
    const token = tokenOf(link.json<{ resetUrl: string }>().resetUrl);
    expect((await inject("POST", "/api/auth/reset", {}, { token, password: "the new long password" })).statusCode).toBe(204);
    expect((await inject("GET", "/api/auth/me", session.credentials?.headers ?? {})).statusCode).toBe(401);
    expect((await login(t.app, "reset-me@test.example", PASSWORD)).res.statusCode).toBe(401);
    expect((await login(t.app, "reset-me@test.example", "the new long password")).res.statusCode).toBe(200);
  });

  it("checks the role rules, unknown AGS and duplicate addresses", async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ email: "a@test.example", displayName: "A", role: "advisor", admin: true }, 422, "VALIDATION_FAILED"],
      [{ email: "b@test.example", displayName: "B", role: "municipality" }, 422, "VALIDATION_FAILED"],
      [{ email: "c@test.example", displayName: "C", role: "advisor", ags: ["14627060"] }, 422, "VALIDATION_FAILED"],
      [{ email: "d@test.example", displayName: "D", role: "municipality", ags: ["14999999"] }, 422, "UNKNOWN_AGS"],
      [{ email: "ADMIN@test.example", displayName: "Dup", role: "smr" }, 409, "EMAIL_TAKEN"],
      [{ email: "not an address", displayName: "E", role: "smr" }, 400, "VALIDATION_FAILED"],
      [{ email: "f@test.example", displayName: "F", role: "smr", password: "chosen by the admin" }, 400, "VALIDATION_FAILED"],
    ];
    for (const [body, status, code] of cases) {
      const res = await inject("POST", "/api/users", admin.headers, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json()).toMatchObject({ code });
    }
  });

  it("changes role, AGS and name, and refuses to let administrators lock themselves out", async () => {
    const created = await createUser({ email: "change@test.example", displayName: "Change", role: "advisor" });
    const patched = await inject("PATCH", `/api/users/${created.user.id}`, admin.headers, { role: "municipality", ags: ["14612000"], displayName: "Dresden" });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ role: "municipality", ags: ["14612000"], displayName: "Dresden" });
    const self = await inject("PATCH", `/api/users/${adminId}`, admin.headers, { disabled: true });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: "OWN_ACCOUNT_CHANGE_REFUSED" });
    expect((await inject("PATCH", `/api/users/${adminId}`, admin.headers, { admin: false })).statusCode).toBe(422);
    expect((await inject("PATCH", "/api/users/not-a-uuid", admin.headers, { displayName: "x" })).statusCode).toBe(404);
  });
});

describe("disabled accounts", () => {
  it("lose their sessions and API tokens for good, answer a login like a wrong password, and sign in again when enabled", async () => {
    const created = await createUser({ email: "temp@test.example", displayName: "Temp", role: "smr" });
    await inject("POST", "/api/auth/reset", {}, { token: tokenOf(created.resetUrl), password: PASSWORD });
    const session = await login(t.app, "temp@test.example");
    const tokenRes = await inject("POST", "/api/auth/tokens", session.credentials?.headers ?? {}, { name: "script", expiresInDays: 30 });
    const bearer = { authorization: `Bearer ${apiTokenCreatedSchema.parse(tokenRes.json()).token}` };
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(200);

    const disable = await inject("PATCH", `/api/users/${created.user.id}`, admin.headers, { disabled: true });
    expect(disable.json()).toMatchObject({ disabled: true });
    expect((await inject("GET", "/api/auth/me", session.credentials?.headers ?? {})).statusCode).toBe(401);
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(401);
    // The right and a wrong password answer alike: no oracle for a disabled account's password.
    const right = await login(t.app, "temp@test.example", PASSWORD, { remoteAddress: "192.0.2.50" });
    const wrong = await login(t.app, "temp@test.example", "not the password at all", { remoteAddress: "192.0.2.50" });
    for (const { res } of [right, wrong]) {
      expect(res.statusCode).toBe(401);
      expect(sessionCookieOf(res)).toBeUndefined();
    }
    const { requestId: _r, ...rightBody } = errorResponseSchema.parse(right.res.json());
    const { requestId: _w, ...wrongBody } = errorResponseSchema.parse(wrong.res.json());
    expect(rightBody).toEqual(wrongBody);
    expect(rightBody).toMatchObject({ code: "INVALID_CREDENTIALS" });

    await inject("PATCH", `/api/users/${created.user.id}`, admin.headers, { disabled: false });
    // Enabling the account again does not revive the token that was revoked with it.
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(401);
    const tokens = apiTokenListSchema.parse((await inject("GET", `/api/users/${created.user.id}/tokens`, admin.headers)).json());
    expect(tokens.items.map((i) => i.revokedAt !== null)).toEqual([true]);
    expect((await login(t.app, "temp@test.example")).res.statusCode).toBe(200);
  });
});

describe("account administration needs a browser session with a recently confirmed password", () => {
  it("refuses an administrator's API token and an unconfirmed session; a confirmation counts for 10 minutes", async () => {
    const target = await addAccount(t.database.db, { email: "target@test.example", role: "advisor" });
    const token = apiTokenCreatedSchema.parse((await inject("POST", "/api/auth/tokens", admin.headers, { name: "leaked", expiresInDays: 5 })).json());
    const bearer = { authorization: `Bearer ${token.token}` };
    const fresh = await login(t.app, "admin@test.example");
    const unconfirmed = fresh.credentials?.headers ?? {};
    const administration: [Parameters<typeof inject>[0], string, unknown][] = [
      ["POST", "/api/users", { email: "minted@test.example", displayName: "Minted", role: "smr", admin: true }],
      ["PATCH", `/api/users/${target.id}`, { role: "smr", admin: true }],
      ["PATCH", `/api/users/${target.id}`, { disabled: true }],
      ["POST", `/api/users/${target.id}/reset`, undefined],
      ["DELETE", `/api/users/${target.id}/tokens/${token.id}`, undefined],
    ];
    for (const [method, url, body] of administration) {
      const byToken = await inject(method, url, bearer, body);
      expect(byToken.statusCode, `${method} ${url} with a token`).toBe(403);
      expect(byToken.json()).toMatchObject({ code: "FORBIDDEN" });
      const bySession = await inject(method, url, unconfirmed, body);
      expect(bySession.statusCode, `${method} ${url} unconfirmed`).toBe(403);
      expect(bySession.json()).toMatchObject({ code: "REAUTHENTICATION_REQUIRED" });
    }
    // Nothing happened: no account minted, the target unchanged.
    const list = accountListSchema.parse((await inject("GET", "/api/users", admin.headers)).json());
    expect(list.items.some((u) => u.email === "minted@test.example")).toBe(false);
    expect(list.items.find((u) => u.id === target.id)).toMatchObject({ role: "advisor", disabled: false });
    // A token cannot confirm a password either.
    expect((await inject("POST", "/api/auth/reauth", bearer, { password: PASSWORD })).statusCode).toBe(403);

    const wrong = await inject("POST", "/api/auth/reauth", unconfirmed, { password: "not the password at all" });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: "INVALID_CREDENTIALS" });
    expect((await inject("PATCH", `/api/users/${target.id}`, unconfirmed, { displayName: "Renamed" })).statusCode).toBe(403);

    const confirmed = await inject("POST", "/api/auth/reauth", unconfirmed, { password: PASSWORD });
    expect(confirmed.statusCode).toBe(200);
    expect(new Date(confirmed.json<{ reauthenticatedUntil: string }>().reauthenticatedUntil).getTime() - time.clock().getTime()).toBe(10 * 60_000);
    expect((await inject("PATCH", `/api/users/${target.id}`, unconfirmed, { displayName: "Renamed" })).statusCode).toBe(200);
    time.advance(10 * 60_000 + 1000);
    try {
      const late = await inject("PATCH", `/api/users/${target.id}`, unconfirmed, { displayName: "Renamed again" });
      expect(late.statusCode).toBe(403);
      expect(late.json()).toMatchObject({ code: "REAUTHENTICATION_REQUIRED" });
      // Reading the accounts needs no confirmation.
      expect((await inject("GET", "/api/users", unconfirmed)).statusCode).toBe(200);
    } finally {
      time.advance(-(10 * 60_000 + 1000));
    }
  });

  it("a link an administrator made stops working when that administrator is disabled (and stays dead when enabled again)", async () => {
    await addAccount(t.database.db, { email: "second-admin@test.example", role: "smr", admin: true });
    const second = await login(t.app, "second-admin@test.example");
    const headers = second.credentials?.headers ?? {};
    expect((await inject("POST", "/api/auth/reauth", headers, { password: PASSWORD })).statusCode).toBe(200);
    const made = await inject("POST", "/api/users", headers, { email: "made-by-second@test.example", displayName: "Made", role: "smr", admin: true });
    expect(made.statusCode).toBe(201);
    const { user, resetUrl } = accountCreatedSchema.parse(made.json());
    const secondId = (await queryRows<{ id: string }>(t.database.db, sql`select id::text as id from users where email = 'second-admin@test.example'`))[0]?.id ?? "";

    expect((await inject("PATCH", `/api/users/${secondId}`, admin.headers, { disabled: true })).statusCode).toBe(200);
    expect((await inject("PATCH", `/api/users/${secondId}`, admin.headers, { disabled: false })).statusCode).toBe(200);
    const use = await inject("POST", "/api/auth/reset", {}, { token: tokenOf(resetUrl), password: "a long enough password" });
    expect(use.statusCode).toBe(410);
    expect(accountListSchema.parse((await inject("GET", "/api/users", admin.headers)).json()).items.find((u) => u.id === user.id)).toMatchObject({ passwordSet: false });
  });

  it("a reset ends the account's sessions and revokes its API tokens at once; administrators cannot reset themselves", async () => {
    await addAccount(t.database.db, { email: "compromised@test.example", role: "smr" });
    const session = await login(t.app, "compromised@test.example");
    const sessionHeaders = session.credentials?.headers ?? {};
    const token = apiTokenCreatedSchema.parse((await inject("POST", "/api/auth/tokens", sessionHeaders, { name: "script", expiresInDays: 30 })).json());
    const bearer = { authorization: `Bearer ${token.token}` };
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(200);
    const id = accountListSchema.parse((await inject("GET", "/api/users", admin.headers)).json()).items.find((u) => u.email === "compromised@test.example")?.id ?? "";

    const reset = await inject("POST", `/api/users/${id}/reset`, admin.headers);
    expect(reset.statusCode).toBe(200);
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(401);
    expect((await inject("GET", "/api/auth/me", sessionHeaders)).statusCode).toBe(401);
    const [audit] = await queryRows<{ details: { revokedApiKeys?: number } }>(
      t.database.db,
      sql`select details from audit_log where action = 'user.reset_link_created' and target = ${`user:${id}`} order by id desc limit 1`,
    );
    expect(audit?.details.revokedApiKeys).toBe(1);

    const self = await inject("POST", `/api/users/${adminId}/reset`, admin.headers);
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ code: "OWN_ACCOUNT_CHANGE_REFUSED" });
  });

  it("lets administrators list and revoke any account's API tokens", async () => {
    await addAccount(t.database.db, { email: "scripter@test.example", role: "advisor" });
    const session = await login(t.app, "scripter@test.example");
    const token = apiTokenCreatedSchema.parse(
      (await inject("POST", "/api/auth/tokens", session.credentials?.headers ?? {}, { name: "nightly", expiresInDays: 30 })).json(),
    );
    const bearer = { authorization: `Bearer ${token.token}` };
    const id = accountListSchema.parse((await inject("GET", "/api/users", admin.headers)).json()).items.find((u) => u.email === "scripter@test.example")?.id ?? "";

    const list = await inject("GET", `/api/users/${id}/tokens`, admin.headers);
    expect(list.statusCode).toBe(200);
    expect(apiTokenListSchema.parse(list.json()).items).toEqual([expect.objectContaining({ id: token.id, name: "nightly", revokedAt: null })]);
    expect(list.body).not.toContain(token.token);
    // A token of another account under this one's id is not found.
    expect((await inject("DELETE", `/api/users/${adminId}/tokens/${token.id}`, admin.headers)).statusCode).toBe(404);
    expect((await inject("DELETE", `/api/users/${id}/tokens/not-a-uuid`, admin.headers)).statusCode).toBe(404);
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(200);

    expect((await inject("DELETE", `/api/users/${id}/tokens/${token.id}`, admin.headers)).statusCode).toBe(204);
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(401);
    expect(apiTokenListSchema.parse((await inject("GET", `/api/users/${id}/tokens`, admin.headers)).json()).items[0]?.revokedAt).not.toBeNull();
    const advisor = await inject("GET", `/api/users/${id}/tokens`, session.credentials?.headers ?? {});
    expect(advisor.statusCode).toBe(403);
  });
});

describe("answers that carry secrets", () => {
  it("are never stored by a cache (Cache-Control: no-store)", async () => {
    await addAccount(t.database.db, { email: "cache@test.example", role: "smr" });
    const signIn = await login(t.app, "cache@test.example");
    const headers = signIn.credentials?.headers ?? {};
    const created = await inject("POST", "/api/users", admin.headers, { email: "cached@test.example", displayName: "Cached", role: "advisor" });
    const answers = {
      login: signIn.res,
      me: await inject("GET", "/api/auth/me", headers),
      tokenCreated: await inject("POST", "/api/auth/tokens", headers, { name: "cache", expiresInDays: 1 }),
      userCreated: created,
      resetLink: await inject("POST", `/api/users/${accountCreatedSchema.parse(created.json()).user.id}/reset`, admin.headers),
      reauth: await inject("POST", "/api/auth/reauth", headers, { password: PASSWORD }),
      failedLogin: (await login(t.app, "cache@test.example", "not the password at all")).res,
    };
    for (const [name, res] of Object.entries(answers)) {
      expect(res.statusCode, name).toBeLessThan(500);
      expect(res.headers["cache-control"], name).toBe("no-store");
    }
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, work without CSRF, and stop working when revoked or expired", async () => {
    const created = await inject("POST", "/api/auth/tokens", admin.headers, { name: "nightly export", expiresInDays: 1 });
    expect(created.statusCode).toBe(201);
    const token = apiTokenCreatedSchema.parse(created.json());
    expect(token.token).toMatch(/^insek_/);
    const bearer = { authorization: `Bearer ${token.token}` };

    const list = apiTokenListSchema.parse((await inject("GET", "/api/auth/tokens", admin.headers)).json());
    expect(list.items.find((i) => i.id === token.id)).toMatchObject({ name: "nightly export", revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(token.token);
    const stored = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from api_tokens where token_hash = ${token.token}`);
    expect(stored[0]?.n).toBe(0);

    // The account's role and scope; no CSRF header; no further tokens from a token.
    expect((await inject("GET", "/api/auth/me", bearer)).json()).toMatchObject({ user: { email: "admin@test.example", admin: true }, csrfToken: null });
    expect((await inject("PUT", "/api/settings/public-access", bearer, { enabled: true })).statusCode).toBe(200);
    expect((await inject("POST", "/api/auth/tokens", bearer, { name: "child", expiresInDays: 365 })).statusCode).toBe(403);

    time.advance(24 * 3600_000);
    try {
      const expired = await inject("GET", "/api/auth/me", bearer);
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toMatchObject({ code: "AUTHENTICATION_REQUIRED", message: "The API token is invalid, expired or revoked" });
    } finally {
      time.advance(-24 * 3600_000);
    }
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(200);
    expect((await inject("DELETE", `/api/auth/tokens/${token.id}`, bearer)).statusCode).toBe(204);
    expect((await inject("GET", "/api/auth/me", bearer)).statusCode).toBe(401);
    // Anonymous reads still work without the header, and public routes ignore a bad one.
    expect((await inject("GET", "/health/live", bearer)).statusCode).toBe(200);
    expect((await inject("DELETE", `/api/auth/tokens/${token.id}`, admin.headers)).statusCode).toBe(204);
  });

  it("cannot be revoked by another account", async () => {
    const created = apiTokenCreatedSchema.parse((await inject("POST", "/api/auth/tokens", admin.headers, { name: "mine", expiresInDays: 5 })).json());
    const other = await login(t.app, "smr@test.example");
    const res = await inject("DELETE", `/api/auth/tokens/${created.id}`, other.credentials?.headers ?? {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: "TOKEN_NOT_FOUND" });
  });

  it("refuses names and lifetimes out of range", async () => {
    for (const body of [{ name: "", expiresInDays: 5 }, { name: "x", expiresInDays: 0 }, { name: "x", expiresInDays: 366 }]) {
      expect((await inject("POST", "/api/auth/tokens", admin.headers, body)).statusCode).toBe(400);
    }
  });
});

describe("public access setting", () => {
  it("lets administrators switch anonymous reading off and on", async () => {
    expect((await inject("GET", "/api/settings/public", {})).json()).toEqual({ publicAccess: true });
    expect((await inject("PUT", "/api/settings/public-access", admin.headers, { enabled: false })).json()).toEqual({ publicAccess: false });
    expect((await inject("GET", "/api/settings/public", {})).json()).toEqual({ publicAccess: false });
    const anonymous = await inject("GET", "/api/municipalities?limit=1", {});
    expect(anonymous.statusCode).toBe(401);
    expect((await inject("GET", "/api/municipalities?limit=1", admin.headers)).statusCode).toBe(200);
    expect((await inject("PUT", "/api/settings/public-access", admin.headers, { enabled: true })).statusCode).toBe(200);
    expect((await inject("GET", "/api/municipalities?limit=1", {})).statusCode).toBe(200);
  });
});

describe("audit log", () => {
  it("is readable by smr, filtered by action, actor and day, and names address and request id", async () => {
    const smr = await login(t.app, "smr@test.example");
    const res = await inject("GET", "/api/audit?action=user.*&limit=500", smr.credentials?.headers ?? {});
    expect(res.statusCode).toBe(200);
    const log = auditListSchema.parse(res.json());
    expect(log.total).toBeGreaterThan(5);
    expect(new Set(log.items.map((i) => i.action))).toEqual(new Set(["user.created", "user.updated", "user.reset_link_created"]));
    // Made by the administrator of these tests, and by the second one of the test of links made by a disabled administrator.
    const own = log.items.filter((i) => i.actorLabel === "admin@test.example");
    expect(own.length).toBeGreaterThan(5);
    expect(own.every((i) => i.actorUserId === adminId && i.address === "127.0.0.1")).toBe(true);
    expect(log.items.every((i) => ["admin@test.example", "second-admin@test.example"].includes(i.actorLabel))).toBe(true);
    const change = log.items.find((i) => i.action === "user.updated" && JSON.stringify(i.details).includes("Dresden"));
    expect(change?.details).toMatchObject({ changes: { role: { from: "advisor", to: "municipality" }, ags: { from: [], to: ["14612000"] } } });

    const byActor = auditListSchema.parse((await inject("GET", "/api/audit?actor=smr@test.example", smr.credentials?.headers ?? {})).json());
    expect(byActor.items.map((i) => i.action)).toContain("auth.login.succeeded");
    expect(byActor.items.every((i) => i.actorLabel === "smr@test.example")).toBe(true);

    const today = auditListSchema.parse((await inject("GET", "/api/audit?from=2026-11-25&to=2026-11-25&limit=1", smr.credentials?.headers ?? {})).json());
    expect(today.total).toBe(await countAll());
    const tomorrow = auditListSchema.parse((await inject("GET", "/api/audit?from=2026-11-26", smr.credentials?.headers ?? {})).json());
    expect(tomorrow.total).toBe(0);
  });

  it("records settings changes, token events, password changes and logins; never a secret", async () => {
    const rows = await queryRows<{ action: string; details: unknown }>(t.database.db, sql`select action, details from audit_log`);
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ["settings.public_access.changed", "auth.token.created", "auth.token.revoked", "auth.password.set", "auth.login.succeeded", "auth.login.failed"]) {
      expect(actions).toContain(action);
    }
    const text = JSON.stringify(rows);
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("a long enough password");
    expect(text).not.toMatch(/insek_[A-Za-z0-9_-]{20}/);
  });

  it("is not readable by advisors or municipalities", async () => {
    await addAccount(t.database.db, { email: "adv@test.example", role: "advisor" });
    const advisor = await login(t.app, "adv@test.example");
    expect((await inject("GET", "/api/audit", advisor.credentials?.headers ?? {})).statusCode).toBe(403);
  });

  it("refuses UPDATE, DELETE and TRUNCATE in the database itself", async () => {
    await expect(t.database.db.execute(sql`update audit_log set action = 'forged'`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`delete from audit_log`)).rejects.toThrow();
    await expect(t.database.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(await countAll()).toBeGreaterThan(0);
  });
});

async function countAll(): Promise<number> {
  const rows = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_log`);
  return rows[0]?.n ?? 0;
}
