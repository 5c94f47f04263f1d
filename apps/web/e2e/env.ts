import { existsSync } from "node:fs";

const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

export type BrowserResolution =
  | { kind: "found"; path: string }
  | { kind: "skip"; reason: string }
  | { kind: "error"; reason: string };

/**
 * Finds the system Chromium; a browser is never downloaded. Without one the suite is skipped,
 * unless REQUIRE_BROWSER=1 (CI), where a missing browser is an error.
 */
export function resolveBrowser(
  env: NodeJS.ProcessEnv = process.env,
  defaultPath: string = DEFAULT_CHROMIUM_PATH,
): BrowserResolution {
  const configured = env.CHROMIUM_PATH?.trim();
  const required = env.REQUIRE_BROWSER === "1";
  const path = configured || defaultPath;
  if (existsSync(path)) return { kind: "found", path };
  // An explicitly configured browser that is missing is a mistake, not a reason to skip.
  if (configured) return { kind: "error", reason: `CHROMIUM_PATH points to ${configured}, which does not exist.` };
  const reason = `No Chromium at ${defaultPath} (set CHROMIUM_PATH to use another one).`;
  return required ? { kind: "error", reason: `${reason} REQUIRE_BROWSER=1 makes this an error.` } : { kind: "skip", reason };
}

/**
 * The API server's environment: only what it needs, so a DATABASE_URL or similar in the
 * developer's shell can never point the test server at a real database.
 */
export function serverEnv(settings: { port: number; host: string; dataDir: string }): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    // Not "production": the embedded demo database then creates one account per role (demo-accounts.txt).
    NODE_ENV: "development",
    PORT: String(settings.port),
    HOST: settings.host,
    DATA_DIR: settings.dataDir,
  };
}
