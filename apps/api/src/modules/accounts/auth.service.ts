import { type ApiTokenCreate, ERROR_CODES, type LoginInput } from "@insek/contracts";
import type { Db } from "@insek/db";
import { type AuthSettings, type Principal, type PrincipalUser, REAUTH_MINUTES } from "../../lib/access.js";
import { AppError } from "../../lib/errors.js";
import { type UserRow, findUserByEmail, findUserById, municipalitiesOfUser, updateUser } from "./accounts.repo.js";
import {
  type ApiTokenRow,
  consumeResetToken,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  deleteUnusedResetTokensMadeBy,
  findApiTokenWithUser,
  findSessionWithUser,
  insertApiToken,
  insertResetToken,
  insertSession,
  markReauthenticated,
  resetTokenUsable,
  revokeApiTokensOfUser,
  touchApiToken,
  touchSession,
} from "./credentials.repo.js";
import { type ThrottledBy, releaseAttempt, reserveAttempt } from "./login-throttle.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { newSecret, secretHash } from "./secrets.js";

const MINUTE = 60_000;
/** Last-seen and last-used times are written at most once a minute per session or token. */
const TOUCH_INTERVAL = MINUTE;

export const RESET_LINK_HOURS = 24;

export const API_TOKEN_PREFIX = "insek_";

export async function principalUserOf(db: Db, user: UserRow): Promise<PrincipalUser> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    admin: user.admin,
    ags: user.role === "municipality" ? await municipalitiesOfUser(db, user.id) : [],
  };
}

/** Last-seen and last-used times are written at most this often per session or token (ms). */
export const CREDENTIAL_TOUCH_INTERVAL_MS = TOUCH_INTERVAL;

/**
 * A credential checked against the database, with what a later request needs to check it again without
 * asking the database (decision 0026): until when it holds at most, and (sessions) when it was last seen.
 */
export interface CheckedCredential {
  principal: Extract<Principal, { kind: "user" }>;
  /** The absolute end: the session's or token's expiry (ms since the epoch). */
  expiresAt: number;
  /** Sessions: the last-seen time as written in the database (ms); the idle timeout counts from here. */
  lastSeenAt: number | undefined;
  /** Tokens: the last-used time as written in the database (ms). */
  lastUsedAt: number | undefined;
}

/** The session a cookie names (by its hash), if it is still valid; an expired one is removed on the way. */
export async function checkSession(db: Db, id: string, now: Date, settings: AuthSettings): Promise<CheckedCredential | undefined> {
  const found = await findSessionWithUser(db, id);
  if (!found) return undefined;
  const { session, user } = found;
  const idleEnd = session.lastSeenAt.getTime() + settings.sessionIdleMinutes * MINUTE;
  if (user.disabledAt !== null || session.expiresAt.getTime() <= now.getTime() || idleEnd <= now.getTime()) {
    await deleteSession(db, id);
    return undefined;
  }
  let lastSeenAt = session.lastSeenAt.getTime();
  if (now.getTime() - lastSeenAt >= TOUCH_INTERVAL) {
    await touchSession(db, id, now);
    lastSeenAt = now.getTime();
  }
  return {
    principal: { kind: "user", via: "session", user: await principalUserOf(db, user), sessionId: id, csrfToken: session.csrfToken, reauthenticatedAt: session.reauthenticatedAt },
    expiresAt: session.expiresAt.getTime(),
    lastSeenAt,
    lastUsedAt: undefined,
  };
}

/** The API token with this hash, if it is unrevoked, unexpired and its account enabled. */
export async function checkApiToken(db: Db, tokenHash: string, now: Date): Promise<CheckedCredential | undefined> {
  const found = await findApiTokenWithUser(db, tokenHash);
  if (!found) return undefined;
  const { token: row, user } = found;
  if (row.revokedAt !== null || row.expiresAt.getTime() <= now.getTime() || user.disabledAt !== null) return undefined;
  let lastUsedAt = row.lastUsedAt?.getTime();
  if (lastUsedAt === undefined || now.getTime() - lastUsedAt >= TOUCH_INTERVAL) {
    await touchApiToken(db, row.id, now);
    lastUsedAt = now.getTime();
  }
  return {
    principal: { kind: "user", via: "token", user: await principalUserOf(db, user), tokenId: row.id },
    expiresAt: row.expiresAt.getTime(),
    lastSeenAt: undefined,
    lastUsedAt,
  };
}

/** Writes a session's last-seen time (throttled by the caller to once per CREDENTIAL_TOUCH_INTERVAL_MS). */
export async function touchSessionSeen(db: Db, id: string, now: Date): Promise<void> {
  await touchSession(db, id, now);
}

/** Writes a token's last-used time (throttled by the caller to once per CREDENTIAL_TOUCH_INTERVAL_MS). */
export async function touchApiTokenUsed(db: Db, tokenId: string, now: Date): Promise<void> {
  await touchApiToken(db, tokenId, now);
}

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

/** A new session with fresh random identifiers (never one the client brought: session fixation). */
export async function createSession(db: Db, userId: string, now: Date, settings: AuthSettings): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(now.getTime() + settings.sessionAbsoluteHours * 60 * MINUTE);
  // A login does not count as re-authentication: account administration asks for the password itself.
  await insertSession(db, { id: secretHash(token), userId, csrfToken, createdAt: now, lastSeenAt: now, expiresAt, reauthenticatedAt: null });
  return { token, csrfToken, expiresAt };
}

export async function endSession(db: Db, sessionToken: string): Promise<void> {
  await deleteSession(db, secretHash(sessionToken));
}

export async function endSessionById(db: Db, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

export type LoginOutcome =
  | { kind: "throttled"; retryAfterSeconds: number; by: ThrottledBy }
  | { kind: "failed"; reason: "unknown_email" | "wrong_password" | "no_password" | "disabled"; userId: string | null }
  | { kind: "succeeded"; user: PrincipalUser; session: NewSession };

/**
 * Checks a login: throttled per account and address, per address and (delaying only) per account, counted
 * in the database before the password is checked (login-throttle.ts); an unknown e-mail costs as much time
 * as a known one, and a disabled account fails like a wrong password (no oracle for its password).
 */
export async function login(
  db: Db,
  input: LoginInput,
  context: { address: string; now: Date; settings: AuthSettings },
): Promise<LoginOutcome> {
  const { address, now } = context;
  const email = input.email.toLowerCase();
  const reservation = await reserveAttempt(db, email, address, now);
  if (!reservation.ok) return { kind: "throttled", retryAfterSeconds: reservation.retryAfterSeconds, by: reservation.by };

  const user = await findUserByEmail(db, email);
  const passwordOk = await verifyPassword(user?.passwordHash, input.password);
  if (!user) return { kind: "failed", reason: "unknown_email", userId: null };
  if (!user.passwordHash) return { kind: "failed", reason: "no_password", userId: user.id };
  if (!passwordOk) return { kind: "failed", reason: "wrong_password", userId: user.id };
  if (user.disabledAt !== null) return { kind: "failed", reason: "disabled", userId: user.id };

  await releaseAttempt(db, reservation.keys, now);
  // Housekeeping rides on logins: expired sessions go.
  await deleteExpiredSessions(db, now, new Date(now.getTime() - context.settings.sessionIdleMinutes * MINUTE));
  const session = await createSession(db, user.id, now, context.settings);
  return { kind: "succeeded", user: await principalUserOf(db, user), session };
}

/**
 * Confirms the password of a signed-in session's account (re-authentication before account
 * administration): throttled like a login; on success the session records the time.
 */
export async function reauthenticate(
  db: Db,
  principal: { user: PrincipalUser; sessionId: string },
  password: string,
  context: { address: string; now: Date },
): Promise<{ kind: "throttled"; retryAfterSeconds: number; by: ThrottledBy } | { kind: "failed" } | { kind: "confirmed"; until: Date }> {
  const { address, now } = context;
  const reservation = await reserveAttempt(db, principal.user.email, address, now);
  if (!reservation.ok) return { kind: "throttled", retryAfterSeconds: reservation.retryAfterSeconds, by: reservation.by };
  const user = await findUserById(db, principal.user.id);
  if (!(await verifyPassword(user?.passwordHash, password)) || !user || user.disabledAt !== null) return { kind: "failed" };
  await releaseAttempt(db, reservation.keys, now);
  await markReauthenticated(db, principal.sessionId, now);
  return { kind: "confirmed", until: new Date(now.getTime() + REAUTH_MINUTES * MINUTE) };
}

export async function createApiToken(db: Db, userId: string, input: ApiTokenCreate, now: Date): Promise<{ row: ApiTokenRow; token: string }> {
  const token = newSecret(API_TOKEN_PREFIX);
  const row = await insertApiToken(db, {
    userId,
    name: input.name,
    tokenHash: secretHash(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 24 * 60 * MINUTE),
  });
  return { row, token };
}

/**
 * A one-time link token to set the account's password; replaces earlier unused ones. `createdBy`: the
 * administrator whose session made it (the link dies with that account's disabling or reset).
 */
export async function createResetToken(db: Db, userId: string, now: Date, createdBy: string | null): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + RESET_LINK_HOURS * 60 * MINUTE);
  await insertResetToken(db, { tokenHash: secretHash(token), userId, createdAt: now, expiresAt, createdBy });
  return { token, expiresAt };
}

/**
 * Ends everything an account's credentials could still do (disable, reset by an administrator, a new
 * password): its sessions, its API tokens (revoked for good: enabling the account again does not revive
 * them) and the unused one-time links it made. Returns how many tokens were revoked.
 */
export async function revokeCredentials(db: Db, userId: string, now: Date): Promise<{ revokedTokens: number }> {
  await deleteSessionsOfUser(db, userId);
  await deleteUnusedResetTokensMadeBy(db, userId);
  return { revokedTokens: await revokeApiTokensOfUser(db, userId, now) };
}

/**
 * Sets the password through a one-time link: once, before it expires; ends the account's sessions and
 * revokes its API tokens.
 * `record` runs in the same transaction (the audit entry).
 */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  now: Date,
  record: (tx: Db, user: UserRow) => Promise<void>,
): Promise<UserRow> {
  const invalid = () =>
    new AppError(410, ERROR_CODES.resetTokenInvalid, "This link has already been used or has expired. Ask an administrator for a new one.");
  const tokenHash = secretHash(token);
  // Checked before hashing, so that made-up tokens cannot make the server hash at will.
  if (!(await resetTokenUsable(db, tokenHash, now))) throw invalid();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeResetToken(tx, tokenHash, now);
    const user = userId ? await findUserById(tx, userId) : undefined;
    if (!userId || !user) throw invalid();
    await updateUser(tx, userId, { passwordHash, passwordChangedAt: now });
    await deleteSessionsOfUser(tx, userId);
    await revokeApiTokensOfUser(tx, userId, now);
    await record(tx, user);
    return user;
  });
}
