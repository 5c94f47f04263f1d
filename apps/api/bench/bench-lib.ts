/**
 * Helpers shared by the API benchmarks: the machine description, the docs/benchmarks.md sections,
 * throwaway PostgreSQL databases, and the built production server as a child process.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));

/** The server under test; BENCH_API_SERVER names another build (e.g. of an earlier commit, for before/after figures). */
export const API_SERVER = process.env.BENCH_API_SERVER ?? here("../dist/server.js");
export const DOC = here("../../../docs/benchmarks.md");
export const HOST = "127.0.0.1";

/** The PostgreSQL server the benchmarks create their databases on (trust authentication). */
export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Drops (if left over) and creates an empty database; returns its URL. */
export async function freshDatabase(name: string): Promise<string> {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain database name: ${name}`);
  await dropDatabase(name);
  await admin((c) => c.query(`create database ${name}`));
  return databaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  if (!IDENTIFIER.test(name)) throw new Error(`not a plain database name: ${name}`);
  await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}

export async function postgresVersion(): Promise<string> {
  return admin(async (c) => {
    const { rows } = await c.query<{ v: string }>("select current_setting('server_version') as v");
    return rows[0]?.v ?? "unknown";
  });
}

// ---------------------------------------------------------------- server process

export function freePort(): Promise<number> {
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

export interface RunningServer {
  baseUrl: string;
  pid: number;
  /** Milliseconds from spawn until /health/ready answered 200. */
  readyAfterMs: number;
  /** CPU time the server process had used by then (ms; NaN where /proc is not available). */
  readyCpuMs: number;
  log: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the built production server (apps/api/dist/server.js) with only the given environment (plus
 * PATH, HOST, PORT), and waits until GET /health/ready answers 200.
 */
export async function startApiServer(
  env: Record<string, string>,
  options: { timeoutMs?: number; pollMs?: number; /** Another build than API_SERVER. */ server?: string } = {},
): Promise<RunningServer> {
  const serverFile = options.server ?? API_SERVER;
  if (!existsSync(serverFile)) throw new Error(`${serverFile} is missing; run \`pnpm --filter @insek/api build\` first.`);
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  let log = "";
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS, e.g. "--cpu-prof --cpu-prof-dir=/tmp/profiles", profiles the server under load.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter((a) => a !== "");
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, serverFile], {
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "production",
      // A production server refuses to start without these (apps/api/src/env.ts).
      METRICS_TOKEN: "bench-metrics-token-0123456789",
      PUBLIC_URL: baseUrl,
      LINK_SECRET: "bench-link-secret-0123456789-0123456789",
      LOG_LEVEL: "warn",
      HOST,
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  const pollMs = options.pollMs ?? 100;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the API server exited before it was ready:\n${log}`);
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) {
        const readyAfterMs = performance.now() - started;
        return { baseUrl, pid: child.pid ?? 0, readyAfterMs, readyCpuMs: cpuMs(child.pid ?? 0), log: () => log, stop };
      }
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  await stop();
  throw new Error(`GET /health/ready was not 200 in time:\n${log}`);
}

export const BARE_SERVER = here("./bare-fastify.mjs");

/** The bench's baseline: a bare Fastify app (bench/bare-fastify.mjs) as a child process, ready when GET / answers. */
export async function startBareServer(): Promise<RunningServer> {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  let log = "";
  const started = performance.now();
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(" ").filter((a) => a !== "");
  const child = spawn(process.execPath, [...nodeArgs, BARE_SERVER], {
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "production", HOST, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  child.stderr.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4_000)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill("SIGTERM");
    });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the bare Fastify app exited:\n${log}`);
    try {
      const response = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) {
        return { baseUrl, pid: child.pid ?? 0, readyAfterMs: performance.now() - started, readyCpuMs: cpuMs(child.pid ?? 0), log: () => log, stop };
      }
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await stop();
  throw new Error(`the bare Fastify app did not answer in time:\n${log}`);
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc; NaN elsewhere or when gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start at field 3; utime and stime are 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** USER_HZ: 100 on every common Linux build. */
const CLOCK_TICKS = 100;

// ---------------------------------------------------------------- report

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

export const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

export function machine(pgVersion?: string) {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  const parts = [cpu, `${cpus().length} cores`, `${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`, `Node ${process.version}`];
  if (pgVersion) parts.push(`PostgreSQL ${pgVersion}`);
  // The machine may be shared (other builds and tests running): say how busy it was.
  parts.push(`load average ${(loadavg()[0] ?? 0).toFixed(1)} when the run started`);
  return { date: new Date().toISOString().replace(/\.\d+Z$/, "Z"), description: parts.join(", ") };
}

export function table(head: string[], body: string[][]): string {
  return [`| ${head.join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
}

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` (or appends it). */
export function writeSection(name: string, section: string): void {
  const START = `<!-- ${name}:start -->`;
  const END = `<!-- ${name}:end -->`;
  const block = `${START}\n${section.trim()}\n${END}`;
  const existing = existsSync(DOC)
    ? readFileSync(DOC, "utf8")
    : "# Benchmarks\n\nMeasured figures of INSEK-Monitor Sachsen. Each benchmark writes only its own section between its markers; re-run all with `pnpm bench`.\n";
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next =
    start >= 0 && end > start ? `${existing.slice(0, start)}${block}${existing.slice(end + END.length)}` : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

/** Today in Saxony (the server's notion of "today" for confirmations and default effective dates). */
export { todayInSaxony } from "@insek/contracts";
