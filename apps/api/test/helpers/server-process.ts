import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

/** The production server refuses to start without a metrics token (env.ts). */
export const TEST_METRICS_TOKEN = "test-metrics-token-0123456789";

export const apiDist = fileURLToPath(new URL("../../dist/", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface ServerProcess {
  url: string;
  output: () => string;
  /** Standard output alone (the JSON log lines). */
  stdout: () => string;
  stop(): Promise<number | null>;
}

/**
 * Starts the built production server (dist/server.js) and waits until /health/ready answers 200.
 * Production needs PUBLIC_URL and LINK_SECRET: by default the server's own address and a random key.
 */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const entry = `${apiDist}server.js`;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "pnpm build" first (pnpm test does)`);
  const port = await freePort();
  let output = "";
  let stdout = "";
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...productionEnv(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => {
    output += d.toString();
    stdout += d.toString();
  });
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => output,
    stdout: () => stdout,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
  };
}

/** What a production server needs to start (the secrets production refuses to run without), on a port. */
export function productionEnv(port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    NODE_ENV: "production",
    METRICS_TOKEN: TEST_METRICS_TOKEN,
    LOG_LEVEL: "warn",
    HOST: "127.0.0.1",
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port === 0 ? 3000 : port}`,
    LINK_SECRET: randomBytes(32).toString("base64url"),
  };
}

/** Runs the built server until it exits by itself (a refused start) and returns its exit code and output. */
export function runServerUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const entry = `${apiDist}server.js`;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "pnpm build" first (pnpm test does)`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry], {
      env: { ...productionEnv(0), ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
