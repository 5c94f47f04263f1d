import type { Role } from "@insek/contracts";
import type { Db } from "@insek/db";
import type { App } from "../../src/app.js";
import { insertAssignments, insertUser, replaceMunicipalitiesOfUser } from "../../src/modules/accounts/accounts.repo.js";
import { createApiToken, createSession } from "../../src/modules/accounts/auth.service.js";
import { hashPassword } from "../../src/modules/accounts/passwords.js";

export const PASSWORD = "correct horse battery staple";

export interface TestAccount {
  id: string;
  email: string;
  role: Role;
  admin: boolean;
}

/** An account inserted directly (the API under test is not needed to make one). */
export async function addAccount(
  db: Db,
  options: { email: string; role: Role; admin?: boolean; ags?: string[]; password?: string | null; disabled?: boolean },
): Promise<TestAccount> {
  const password = options.password === undefined ? PASSWORD : options.password;
  const user = await insertUser(db, {
    email: options.email,
    displayName: options.email.split("@")[0] ?? options.email,
    role: options.role,
    admin: options.admin ?? false,
    passwordHash: password === null ? null : await hashPassword(password),
    disabledAt: options.disabled ? new Date("2026-01-01T00:00:00Z") : null,
  });
  if (options.ags) await replaceMunicipalitiesOfUser(db, user.id, options.ags);
  return { id: user.id, email: user.email, role: user.role, admin: user.admin };
}

export async function assign(db: Db, advisorUserId: string, ags: string[], validFrom: string, validTo: string | null = null): Promise<void> {
  await insertAssignments(db, ags.map((a) => ({ advisorUserId, ags: a, validFrom, validTo })));
}

export interface Credentials {
  headers: Record<string, string>;
  cookie?: string;
  csrfToken?: string;
}

/** A session made directly (no password hashing): the headers a browser would send with it. */
export async function sessionFor(app: App, userId: string): Promise<Credentials> {
  const session = await createSession(app.deps.database.db, userId, app.deps.clock(), app.deps.auth);
  const cookie = `insek_session=${session.token}`;
  return { cookie, csrfToken: session.csrfToken, headers: { cookie, "x-csrf-token": session.csrfToken } };
}

export async function bearerFor(app: App, userId: string, expiresInDays = 30): Promise<Credentials> {
  const { token } = await createApiToken(app.deps.database.db, userId, { name: "test", expiresInDays }, app.deps.clock());
  return { headers: { authorization: `Bearer ${token}` } };
}

/** The value of a Set-Cookie for the session cookie, if the response sets one. */
export function sessionCookieOf(res: { headers: Record<string, unknown> }): { value: string; attributes: string } | undefined {
  const raw = res.headers["set-cookie"];
  const list = Array.isArray(raw) ? (raw as string[]) : typeof raw === "string" ? [raw] : [];
  const line = list.find((c) => c.startsWith("insek_session="));
  if (!line) return undefined;
  const [pair = "", ...attributes] = line.split(";");
  return { value: pair.slice("insek_session=".length), attributes: attributes.join(";").trim() };
}

/** Logs in through the API; returns the response and, on success, the credentials. */
export async function login(app: App, email: string, password = PASSWORD, extra: { headers?: Record<string, string>; remoteAddress?: string } = {}) {
  const res = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { email, password },
    ...(extra.headers ? { headers: extra.headers } : {}),
    ...(extra.remoteAddress ? { remoteAddress: extra.remoteAddress } : {}),
  });
  const cookie = sessionCookieOf(res);
  let credentials: Credentials | undefined;
  if (res.statusCode === 200 && cookie) {
    const { csrfToken } = res.json<{ csrfToken: string }>();
    const header = `insek_session=${cookie.value}`;
    credentials = { cookie: header, csrfToken, headers: { cookie: header, "x-csrf-token": csrfToken } };
  }
  return { res, credentials };
}

/** Confirms the password in a session (POST /api/auth/reauth), as account administration needs; returns the response. */
export async function confirmPassword(app: App, credentials: Credentials, password = PASSWORD) {
  return app.inject({ method: "POST", url: "/api/auth/reauth", headers: credentials.headers, payload: { password } });
}

/** A clock the test moves forward. */
export function movableClock(start = "2026-11-25T09:00:00Z") {
  let now = new Date(start).getTime();
  return {
    clock: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
    minutes: (n: number) => n * 60_000,
  };
}

/**
 * Bearer headers of a fresh account (default: smr), for tests whose subject is not access control but
 * that must write: `headers: { ...(await writerHeaders(t.app)), "if-match": '"0"' }`. No password is
 * hashed, so it costs one insert.
 */
export async function writerHeaders(
  app: App,
  options: { role?: Role; admin?: boolean; ags?: string[]; email?: string } = {},
): Promise<Record<string, string>> {
  const role = options.role ?? "smr";
  const account = await addAccount(app.deps.database.db, {
    email: options.email ?? `writer-${Math.random().toString(36).slice(2)}@test.example`,
    role,
    admin: options.admin ?? role === "smr",
    password: null,
    ...(options.ags ? { ags: options.ags } : {}),
  });
  return (await bearerFor(app, account.id)).headers;
}
