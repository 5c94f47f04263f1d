import { hash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random secret for a cookie, an API token or a one-time link: 256 bits, URL-safe. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

/**
 * What the database stores instead of a secret. SHA-256 without salt is enough here: the secrets are
 * 256-bit random values, not passwords, so there is nothing to guess.
 */
export function secretHash(secret: string): string {
  // The one-shot form: a third of createHash's time, and every signed-in request hashes its credential.
  return hash("sha256", secret, "hex");
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A password for a demo account: 20 characters from an alphabet without look-alikes. */
export function readablePassword(length = 20): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = randomBytes(length * 2);
  let out = "";
  for (const byte of bytes) {
    // Rejection sampling keeps every character equally likely.
    if (byte >= 256 - (256 % alphabet.length)) continue;
    out += alphabet[byte % alphabet.length];
    if (out.length === length) break;
  }
  return out.length === length ? out : readablePassword(length);
}
