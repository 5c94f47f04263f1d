import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

export const LINK_SECRET_FILE = "link-secret";

/**
 * The key of the update-request links when LINK_SECRET is not set (outside production): the file
 * DATA_DIR/link-secret, created once with 256 random bits, readable by the owner only. Losing it makes
 * the links of messages not yet sent unrenderable (links already sent keep working: the database checks
 * a link by its hash).
 */
export function loadOrCreateLinkSecret(dataDir: string): string {
  const dir = path.resolve(dataDir);
  const file = path.join(dir, LINK_SECRET_FILE);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32) throw new Error(`${file} holds no usable key (fewer than 32 characters): delete it to create a new one, or set LINK_SECRET`);
  return secret;
}
