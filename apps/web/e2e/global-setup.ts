import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { resolveBrowser, serverEnv } from "./env";
import { API_SERVER, RESULTS_DIR, SERVER_LOG, WEB_DIST_INDEX } from "./paths";

declare module "vitest" {
  export interface ProvidedContext {
    /** Null when the suite is skipped (no browser). */
    e2e: { baseUrl: string; chromiumPath: string; dataDir: string } | null;
  }
}

const HOST = "127.0.0.1";
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

function logTail(lines = 40): string {
  try {
    return readFileSync(SERVER_LOG, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no server log)";
  }
}

async function waitUntilReady(baseUrl: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`The API server exited (${child.exitCode ?? child.signalCode}) before it was ready.\n${logTail()}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`GET /health/ready was not 200 within ${READY_TIMEOUT_MS / 1000} s (last: ${last}).\n${logTail()}`);
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const browser = resolveBrowser();
  if (browser.kind === "error") throw new Error(`[e2e] ${browser.reason}`);
  if (browser.kind === "skip") {
    console.warn(`\n[e2e] SKIPPING the browser tests: ${browser.reason} Set REQUIRE_BROWSER=1 to fail instead.\n`);
    project.provide("e2e", null);
    return async () => {};
  }

  for (const [file, build] of [
    [API_SERVER, "pnpm --filter @insek/api build"],
    [WEB_DIST_INDEX, "pnpm --filter @insek/web build"],
  ] as const) {
    if (!existsSync(file)) throw new Error(`[e2e] ${file} is missing; run \`${build}\` first.`);
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const dataDir = await mkdtemp(join(tmpdir(), "insek-e2e-"));
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const log = createWriteStream(SERVER_LOG);
  const child = spawn(process.execPath, [API_SERVER], {
    env: serverEnv({ port, host: HOST, dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const teardown = async () => {
    await stop(child);
    log.end();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilReady(baseUrl, child);
  } catch (error) {
    await teardown();
    throw error;
  }

  console.info(`[e2e] API server ready at ${baseUrl} (log: ${SERVER_LOG})`);
  project.provide("e2e", { baseUrl, chromiumPath: browser.path, dataDir });
  return teardown;
}
