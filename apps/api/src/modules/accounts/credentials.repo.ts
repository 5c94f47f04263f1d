import { type Db, schema } from "@insek/db";
import { and, desc, eq, exists, gt, isNull, lt, or, sql } from "drizzle-orm";
import { QueryBuilder, alias } from "drizzle-orm/pg-core";

const { sessions, apiTokens, passwordResetTokens, users } = schema;

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

/** The account's password was confirmed in this session now (re-authentication). */
export async function markReauthenticated(db: Db, id: string, at: Date): Promise<void> {
  await db.update(sessions).set({ reauthenticatedAt: at }).where(eq(sessions.id, id));
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

/** Revokes every unrevoked token of the account (reset, disable); returns how many. */
export async function revokeApiTokensOfUser(db: Db, userId: string, at: Date): Promise<number> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length;
}

// One-time links to set a password

export async function insertResetToken(
  db: Db,
  row: { tokenHash: string; userId: string; createdAt: Date; expiresAt: Date; createdBy: string | null },
): Promise<void> {
  // A new link replaces the account's earlier unused ones.
  await db.delete(passwordResetTokens).where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt)));
  await db.insert(passwordResetTokens).values(row);
}

/** A link works while its maker's account is enabled (links made before makers were recorded: always). */
const maker = alias(users, "maker");
const makerEnabled = or(
  isNull(passwordResetTokens.createdBy),
  exists(
    new QueryBuilder()
      .select({ one: sql`1` })
      .from(maker)
      .where(and(eq(maker.id, passwordResetTokens.createdBy), isNull(maker.disabledAt))),
  ),
);

/** Removes the unused links the account made and those made for it (disable, reset). */
export async function deleteUnusedResetTokensOf(db: Db, userId: string): Promise<void> {
  await db
    .delete(passwordResetTokens)
    .where(and(isNull(passwordResetTokens.usedAt), or(eq(passwordResetTokens.createdBy, userId), eq(passwordResetTokens.userId, userId))));
}

/** Removes the unused links the account made. */
export async function deleteUnusedResetTokensMadeBy(db: Db, userId: string): Promise<void> {
  await db.delete(passwordResetTokens).where(and(isNull(passwordResetTokens.usedAt), eq(passwordResetTokens.createdBy, userId)));
}

export async function resetTokenUsable(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ userId: passwordResetTokens.userId })
    .from(passwordResetTokens)
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now), makerEnabled));
  return row !== undefined;
}

/** Marks the link used if it is unused and unexpired, in one statement (two racing uses: one wins). */
export async function consumeResetToken(db: Db, tokenHash: string, now: Date): Promise<string | undefined> {
  const [row] = await db
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, now), makerEnabled))
    .returning({ userId: passwordResetTokens.userId });
  return row?.userId;
}
