import { createHmac, randomBytes } from "node:crypto";
import { secretHash } from "../accounts/secrets.js";

/**
 * The links of update requests are never stored (decision 0017). A request keeps a random nonce and the
 * SHA-256 of its token; the token is HMAC-SHA256(LINK_SECRET, nonce), so the application can write the
 * link again whenever it sends the e-mail or shows it to staff, while the database and its backups hold
 * nothing that opens a request. The stored e-mail text carries LINK_PLACEHOLDER where the link goes.
 */
export const LINK_PLACEHOLDER = "[[aktualisierungslink]]";

/** Shown instead of a link that can no longer be written (an old message, or LINK_SECRET changed). */
export const LINK_UNAVAILABLE = "(Link nicht mehr verfügbar: bitte eine neue Aktualisierungsanfrage senden)";

export function newLinkNonce(): string {
  return randomBytes(32).toString("base64url");
}

/** The token of a link: 256 bits, URL-safe, like every other secret of the application. */
export function linkToken(linkSecret: string, nonce: string): string {
  return createHmac("sha256", linkSecret).update(`update-request:${nonce}`).digest("base64url");
}

export function updateRequestLink(origin: string, token: string): string {
  return `${origin}/aktualisieren/${token}`;
}

export interface StoredLink {
  linkNonce: string | null;
  tokenHash: string | null;
}

/**
 * The link of a stored request, or null when it cannot be written again: no nonce (a request from before
 * derived links), or a token whose hash no longer matches (LINK_SECRET changed).
 */
export function renderStoredLink(linkSecret: string, origin: string, stored: StoredLink): string | null {
  if (stored.linkNonce === null || stored.tokenHash === null) return null;
  const token = linkToken(linkSecret, stored.linkNonce);
  return secretHash(token) === stored.tokenHash ? updateRequestLink(origin, token) : null;
}

/** The e-mail text with its link in place (or the note that it is gone). */
export function withLink(body: string, link: string | null): string {
  return body.replaceAll(LINK_PLACEHOLDER, link ?? LINK_UNAVAILABLE);
}
