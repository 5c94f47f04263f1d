import { type Db, excluded, schema } from "@insek/db";
import { and, eq, lt, sql } from "drizzle-orm";

const { loginThrottle, loginRefusals } = schema;

export type ThrottleRow = typeof loginThrottle.$inferSelect;

/**
 * Counts one failure for `key` unless the key is throttled, in one statement (concurrent reservations of
 * a key wait for each other on its row): a window older than `windowStart` starts again at 1; otherwise
 * the count rises while it is below `threshold` or the delay after the last failure (2^(n − threshold)
 * seconds, at most `maxDelaySeconds`) has passed. Undefined when the key is throttled (nothing changed).
 * Without a threshold it always counts.
 */
export async function reserveFailure(
  db: Db,
  key: string,
  options: { now: Date; windowStart: Date; threshold: number | null; maxDelaySeconds: number },
): Promise<number | undefined> {
  const { now, windowStart, threshold, maxDelaySeconds } = options;
  const expired = sql`${loginThrottle.windowStart} <= ${windowStart}`;
  const allowed =
    threshold === null
      ? sql`true`
      : sql`${expired} or ${loginThrottle.failures} < ${threshold}
          or ${loginThrottle.lastFailureAt} + make_interval(secs => least(power(2, ${loginThrottle.failures} - ${threshold}), ${maxDelaySeconds})) <= ${now}`;
  const [row] = await db
    .insert(loginThrottle)
    .values({ key, windowStart: now, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        windowStart: sql`case when ${expired} then ${now}::timestamptz else ${loginThrottle.windowStart} end`,
        failures: sql`case when ${expired} then 1 else ${loginThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
      setWhere: allowed,
    })
    .returning({ failures: loginThrottle.failures });
  return row?.failures;
}

export async function findThrottle(db: Db, key: string): Promise<ThrottleRow | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

/** Gives back the failure a successful attempt had reserved. */
export async function releaseFailure(db: Db, key: string): Promise<void> {
  await db
    .update(loginThrottle)
    .set({ failures: sql`greatest(${loginThrottle.failures} - 1, 0)` })
    .where(eq(loginThrottle.key, key));
}

export async function deleteThrottle(db: Db, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/** Housekeeping: counters whose window and delay are over, refusal counts older than `refusalsBefore`. */
export async function deleteStaleThrottles(db: Db, before: Date, refusalsBefore: Date): Promise<void> {
  await db.delete(loginThrottle).where(and(lt(loginThrottle.windowStart, before), lt(loginThrottle.lastFailureAt, before)));
  await db.delete(loginRefusals).where(lt(loginRefusals.windowStart, refusalsBefore));
}

/** Counts a refused request of the address in the window; returns the count (1: the window's first). */
export async function countRefusal(db: Db, address: string, windowStart: Date, now: Date): Promise<number> {
  const [row] = await db
    .insert(loginRefusals)
    .values({ address, windowStart, refused: 1, firstAt: now, lastAt: now })
    .onConflictDoUpdate({
      target: [loginRefusals.address, loginRefusals.windowStart],
      set: { refused: sql`${loginRefusals.refused} + 1`, lastAt: sql`greatest(${loginRefusals.lastAt}, ${excluded(loginRefusals.lastAt)})` },
    })
    .returning({ refused: loginRefusals.refused });
  if (!row) throw new Error("refusal upsert returned nothing");
  return row.refused;
}

export async function refusalsOf(db: Db, address: string): Promise<(typeof loginRefusals.$inferSelect)[]> {
  return db.select().from(loginRefusals).where(eq(loginRefusals.address, address));
}
