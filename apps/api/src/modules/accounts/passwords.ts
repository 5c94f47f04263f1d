import { hash, verify } from "@node-rs/argon2";

// argon2id (the library's default algorithm; its `Algorithm` is a const enum that isolated modules cannot
// import) with OWASP's baseline cost: 19 MiB, 2 iterations, 1 lane, about 50 ms per hash.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. Without a hash (unknown account, or no password set yet) it
 * verifies against a dummy, so that the answer takes as long as for a known account.
 */
export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("dummy password for unknown accounts");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
