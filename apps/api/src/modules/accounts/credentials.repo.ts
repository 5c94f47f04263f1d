import { type Db, schema } from "@insek/db";
import { and, count, desc, eq, gt, gte, isNull, lt, max, or, sql } from "drizzle-orm";

const { sessions, apiTokens, passwordResetTokens, loginAttempts, users } = schema;

export type SessionRow = typeof sessions.$inferSelect;
export type ApiTokenRow = typeof apiTokens.$inferSelect;
type UserRow = typeof users.$inferSelect;

// Sessions

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

export async function findSessionWithUser(db: Db, id: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  const [row] = await db.select({ session: sessions, user: users }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(eq(sessions.id, id));
  return row;
}

export async function touchSession(db: Db, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id));
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Removes sessions past their absolute or idle timeout. */
export async function deleteExpiredSessions(db: Db, now: Date, idleCutoff: Date): Promise<void> {
  await db.delete(sessions).where(or(lt(sessions.expiresAt, now), lt(sessions.lastSeenAt, idleCutoff)));
}

// API tokens

export async function insertApiToken(db: Db, row: Omit<ApiTokenRow, "id" | "revokedAt" | "lastUsedAt">): Promise<ApiTokenRow> {
  const [created] = await db.insert(apiTokens).values(row).returning();
  if (!created) throw new Error("token insert returned nothing");
  return created;
}

/** Runs on every request with a Bearer token: a named statement, parsed and planned once per connection. */
export async function findApiTokenWithUser(db: Db, tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
  const [row] = await db
    .select({ token: apiTokens, user: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")))
    .prepare("insek_find_api_token_with_user")
    .execute({ tokenHash });
  return row;
}

export async function touchApiToken(db: Db, id: string, at: Date): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function listApiTokens(db: Db, userId: string): Promise<ApiTokenRow[]> {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the account's tokens; false when it has no such token. Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, userId: string, id: string, at: Date): Promise<boolean> {
  const [row] = await db.select({ revokedAt: apiTokens.revokedAt }).from(apiTokens).where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  if (!row) return false;
  if (!row.revokedAt) await db.update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
  return true;
}

// One-time links to set a password

export async function insertResetToken(db: Db, row: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  // A new link replaces the account's earlier unused ones.
  await db.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt)));
  await db.insert(passwordResetTokens).values(row);
}

export async function resetTokenUsable(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)));
  return row !== undefined;
}

/** Marks the link used if it is unused and unexpired, in one statement (two racing uses: one wins). */
export async function consumeResetToken(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now)))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId;
}

// Login attempts

export async function recordLoginAttempt(db: Db, row: { email: string; address: string; at: Date; success: boolean }): Promise<void> {
  await db.insert(loginAttempts).values(row);
}

export interface FailureCount {
  failures: number;
  lastFailureAt: Date | null;
}

/** Failed attempts for the e-mail since `since`, not counting those before its latest success. */
export async function failuresForEmail(db: Db, email: string, since: Date): Promise<FailureCount> {
  const [success] = await db
    .select({ at: max(loginAttempts.at) })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.email, email), eq(loginAttempts.success, true), gte(loginAttempts.at, since)));
  const from = success?.at && success.at > since ? success.at : since;
  return countFailures(db, and(eq(loginAttempts.email, email), eq(loginAttempts.success, false), gt(loginAttempts.at, from)));
}

export async function failuresForAddress(db: Db, address: string, since: Date): Promise<FailureCount> {
  return countFailures(db, and(eq(loginAttempts.address, address), eq(loginAttempts.success, false), gte(loginAttempts.at, since)));
}

async function countFailures(db: Db, where: ReturnType<typeof and>): Promise<FailureCount> {
  const [row] = await db.select({ n: count(), last: max(loginAttempts.at) }).from(loginAttempts).where(where);
  return { failures: row?.n ?? 0, lastFailureAt: row?.last ?? null };
}

export async function deleteLoginAttemptsBefore(db: Db, before: Date): Promise<void> {
  await db.delete(loginAttempts).where(lt(loginAttempts.at, before));
}
