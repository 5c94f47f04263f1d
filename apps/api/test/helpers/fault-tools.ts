import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { type Server, Socket, createServer } from "node:net";
import type { Db } from "@insek/db";
import { createApiToken } from "../../src/modules/accounts/auth.service.js";
import { addAccount } from "./accounts.js";
import { apiDist, freePort, productionEnv } from "./server-process.js";

/** A real server process (dist/server.js) the test can kill with any signal and restart on the same port. */
export interface ControlledServer {
  url: string;
  port: number;
  output(): string;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string>;
  isRunning(): boolean;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

export async function startControlledServer(env: Record<string, string>, options: { port?: number; readyTimeoutMs?: number } = {}): Promise<ControlledServer> {
  const entry = `${apiDist}server.js`;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "pnpm build" first (pnpm test does)`);
  const port = options.port ?? (await freePort());
  let output = "";
  const child: ChildProcess = spawn(process.execPath, [entry], {
    env: { ...productionEnv(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal ?? "unknown")));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited with ${child.exitCode ?? child.signalCode}:\n${output}`);
    const ready = await fetch(`${url}/health/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`server not ready in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    port,
    output: () => output,
    exited,
    isRunning: () => child.exitCode === null && child.signalCode === null,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** An SMR administrator with an API token, made directly in the database: bearer headers for writes. */
export async function writerToken(db: Db, email = `writer-${Math.random().toString(36).slice(2)}@test.example`): Promise<Record<string, string>> {
  const account = await addAccount(db, { email, role: "smr", admin: true, password: null });
  const { token } = await createApiToken(db, account.id, { name: "fault test", expiresInDays: 30 }, new Date());
  return { authorization: `Bearer ${token}` };
}

/** The first status event of a municipality without history (record version 0). */
export const FIRST_EVENT = { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2020-01-01", source: "fs_inge" } as const;

export interface WriteOutcome {
  status: number;
  /** Event id of a 201. */
  eventId?: number;
  version?: number;
  /** Current version from a 412. */
  current?: number;
  body: unknown;
  /** Network failure (connection refused or reset): no answer at all. */
  networkError?: string;
  ms: number;
}

/** POST /api/municipalities/:ags/events over HTTP, never throwing. */
export async function postEvent(
  baseUrl: string,
  headers: Record<string, string>,
  ags: string,
  version: number,
  body: object,
  timeoutMs = 15_000,
): Promise<WriteOutcome> {
  const started = Date.now();
  try {
    const res = await fetch(`${baseUrl}/api/municipalities/${ags}/events`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "if-match": `"${version}"` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    const outcome: WriteOutcome = { status: res.status, body: json, ms: Date.now() - started };
    const record = json as { event?: { id?: number }; version?: number; current?: { version?: number } };
    if (res.status === 201) {
      outcome.eventId = record.event?.id;
      outcome.version = record.version;
    }
    if (res.status === 412) outcome.current = record.current?.version;
    return outcome;
  } catch (error) {
    return { status: 0, body: null, networkError: error instanceof Error ? `${error.name}: ${error.message} ${error.cause instanceof Error ? error.cause.message : ""}` : String(error), ms: Date.now() - started };
  }
}

/**
 * A TCP proxy in front of PostgreSQL that the test can take down and bring back: `outage()` destroys
 * every proxied connection and stops accepting (new connections are refused), `restore()` listens again
 * on the same port. `stall()` keeps every connection open but forwards nothing (new ones are accepted and
 * held): a database that stops answering, as in a network partition; `unstall()` forwards again.
 * This is a database restart as the API sees it, without touching the shared server.
 */
export interface DatabaseProxy {
  port: number;
  connections(): number;
  outage(): Promise<void>;
  restore(): Promise<void>;
  stall(): void;
  unstall(): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

export async function startDatabaseProxy(target: { host: string; port: number }): Promise<DatabaseProxy> {
  const pairs = new Set<Pair>();
  const port = await freePort();
  let server: Server | undefined;
  let stalled = false;
  const drop = (pair: Pair) => {
    pair.client.destroy();
    pair.upstream?.destroy();
    pairs.delete(pair);
  };
  const link = (pair: Pair) => {
    const upstream = new Socket();
    pair.upstream = upstream;
    upstream.on("error", () => drop(pair));
    upstream.on("close", () => drop(pair));
    upstream.connect(target.port, target.host, () => {
      if (stalled) return;
      pair.client.pipe(upstream);
      upstream.pipe(pair.client);
    });
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const pair: Pair = { client };
        pairs.add(pair);
        client.on("error", () => drop(pair));
        client.on("close", () => drop(pair));
        if (stalled) client.pause();
        else link(pair);
      });
      s.once("error", reject);
      s.listen(port, "127.0.0.1", () => {
        server = s;
        resolve();
      });
    });
  await listen();
  const stop = () =>
    new Promise<void>((resolve) => {
      const s = server;
      server = undefined;
      for (const pair of pairs) drop(pair);
      if (!s) return resolve();
      s.close(() => resolve());
    });
  return {
    port,
    connections: () => pairs.size,
    outage: stop,
    restore: listen,
    stall: () => {
      stalled = true;
      for (const { client, upstream } of pairs) {
        client.unpipe();
        upstream?.unpipe();
        client.pause();
        upstream?.pause();
      }
    },
    unstall: () => {
      stalled = false;
      for (const pair of pairs) {
        if (!pair.upstream) {
          link(pair);
          continue;
        }
        pair.client.pipe(pair.upstream);
        pair.upstream.pipe(pair.client);
      }
    },
    close: stop,
  };
}
