import type { Db } from "@insek/db";
import { countRefusal, deleteStaleThrottles, deleteThrottle, findThrottle, releaseFailure, reserveFailure } from "./login-throttle.repo.js";

const MINUTE = 60_000;

/**
 * Sign-in throttling (decision 0016). Failures are counted in 15-minute windows:
 * - per account and address: from the 5th failure on, that address waits 2^(n−5) s after its last failure
 *   before its next attempt for the account (at most 15 minutes); other addresses are not affected;
 * - per address, any account: the same from the 20th failure (one address guessing many accounts);
 * - per account, from anywhere: past 50 failures the account is under attack from many addresses; each
 *   address then waits from its 1st failure for the account on (2^(n−1) s). This ceiling only delays: an
 *   address without a failure for the account is always checked, so the owner signs in from a fresh one.
 * The count is reserved before the password is checked (one conditional upsert per key, in a
 * transaction), so parallel attempts cannot get past it; a success gives its reservation back.
 */
export const THROTTLE = {
  windowMinutes: 15,
  perAccountAddress: 5,
  perAddress: 20,
  perAccount: 50,
  maxDelaySeconds: 15 * 60,
} as const;

export type ThrottledBy = "account_address" | "address";

export type Reservation =
  | { ok: true; keys: { pair: string; address: string; account: string } }
  | { ok: false; by: ThrottledBy; retryAfterSeconds: number };

const keysOf = (email: string, address: string) => ({
  pair: `pair:${address} ${email}`,
  address: `address:${address}`,
  account: `account:${email}`,
});

class Throttled extends Error {
  constructor(
    readonly by: ThrottledBy,
    readonly key: string,
    readonly threshold: number,
  ) {
    super("throttled");
  }
}

function windowStartOf(now: Date): Date {
  return new Date(now.getTime() - THROTTLE.windowMinutes * MINUTE);
}

async function retryAfterSeconds(db: Db, key: string, threshold: number, now: Date): Promise<number> {
  const row = await findThrottle(db, key);
  if (!row) return 1;
  const delay = Math.min(2 ** Math.max(0, row.failures - threshold), THROTTLE.maxDelaySeconds) * 1000;
  const windowEnd = row.windowStart.getTime() + THROTTLE.windowMinutes * MINUTE;
  const until = Math.min(row.lastFailureAt.getTime() + delay, windowEnd);
  return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
}

/** Reserves one failure per key for an attempt about to be checked, or says how long to wait. */
export async function reserveAttempt(db: Db, email: string, address: string, now: Date): Promise<Reservation> {
  const keys = keysOf(email, address);
  const options = { now, windowStart: windowStartOf(now), maxDelaySeconds: THROTTLE.maxDelaySeconds };
  try {
    // Always in this order (account, pair, address), so that concurrent reservations cannot deadlock.
    await db.transaction(async (tx) => {
      const accountFailures = (await reserveFailure(tx, keys.account, { ...options, threshold: null })) ?? 0;
      const pairThreshold = accountFailures > THROTTLE.perAccount ? 1 : THROTTLE.perAccountAddress;
      if ((await reserveFailure(tx, keys.pair, { ...options, threshold: pairThreshold })) === undefined) {
        throw new Throttled("account_address", keys.pair, pairThreshold);
      }
      if ((await reserveFailure(tx, keys.address, { ...options, threshold: THROTTLE.perAddress })) === undefined) {
        throw new Throttled("address", keys.address, THROTTLE.perAddress);
      }
    });
  } catch (error) {
    if (!(error instanceof Throttled)) throw error;
    return { ok: false, by: error.by, retryAfterSeconds: await retryAfterSeconds(db, error.key, error.threshold, now) };
  }
  return { ok: true, keys };
}

/** A successful attempt: the pair starts afresh, the address and account counts get the reservation back. */
export async function releaseAttempt(db: Db, keys: { pair: string; address: string; account: string }, now: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await releaseFailure(tx, keys.account);
    await deleteThrottle(tx, keys.pair);
    await releaseFailure(tx, keys.address);
  });
  await deleteStaleThrottles(db, windowStartOf(now), new Date(now.getTime() - 7 * 24 * 60 * MINUTE));
}

/**
 * Counts a refused attempt per address and 15-minute window (aligned to the clock); true for the first
 * of its window, the one the audit log records.
 */
export async function firstRefusalInWindow(db: Db, address: string, now: Date): Promise<{ first: boolean; windowStart: Date }> {
  const size = THROTTLE.windowMinutes * MINUTE;
  const windowStart = new Date(Math.floor(now.getTime() / size) * size);
  return { first: (await countRefusal(db, address, windowStart, now)) === 1, windowStart };
}
