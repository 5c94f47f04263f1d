/**
 * CPU profile of one route of the production server under load (issue #18): starts apps/api/dist/server.js
 * with `--cpu-prof` (embedded PGlite in a temporary DATA_DIR, production settings as in the HTTP bench),
 * runs autocannon against the route, stops the server and prints the functions with the most self time
 * and the files (packages) they belong to.
 *
 * Run (after `pnpm --filter @insek/api build`): `pnpm --filter @insek/api bench:profile [path]` (default
 * /health/live; `bare`: the bench's baseline app). BENCH_DURATION (seconds, default 10), BENCH_CONNECTIONS (default 50), PROFILE_TOP (rows, 25),
 * PROFILE_NODE_ENV (e.g. `development`: the embedded database with its demo data and public access, as the
 * HTTP bench's PGlite rows), PROFILE_LOG_LEVEL, PROFILE_DATABASE_URL (PostgreSQL instead of the embedded
 * database), PROFILE_HEADERS (JSON object of request headers, e.g. a session cookie or a Bearer token).
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { startApiServer, startBareServer } from "./bench-lib.js";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** `bare`: the bench's baseline app (bench/bare-fastify.mjs) instead of the API server. */
const bare = process.argv[2] === "bare";
const route = bare ? "/" : (process.argv[2] ?? "/health/live");
const duration = Number(process.env.BENCH_DURATION ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const top = Number(process.env.PROFILE_TOP ?? 25);

/** node_modules/.pnpm/<package>@<version>/node_modules/<package>/… → <package>; our own files → their path. */
function owner(url: string): string {
  if (url === "") return "(native / V8)";
  const inModules = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules?.[1]) return inModules[1];
  if (url.startsWith("node:")) return url;
  const dist = url.indexOf("/apps/api/dist/");
  return dist >= 0 ? url.slice(dist + 1) : url.replace(/^file:\/\//, "");
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "insek-profile-"));
  const dataDir = path.join(dir, "data");
  const profDir = path.join(dir, "prof");
  process.env.BENCH_SERVER_NODE_ARGS = `--cpu-prof --cpu-prof-dir=${profDir}`;
  try {
    const server = bare
      ? await startBareServer()
      : await startApiServer({
          DATA_DIR: dataDir,
          ...(process.env.PROFILE_LOG_LEVEL ? { LOG_LEVEL: process.env.PROFILE_LOG_LEVEL } : {}),
          ...(process.env.PROFILE_NODE_ENV ? { NODE_ENV: process.env.PROFILE_NODE_ENV } : {}),
          ...(process.env.PROFILE_DATABASE_URL ? { DATABASE_URL: process.env.PROFILE_DATABASE_URL } : {}),
        });
    const headers = JSON.parse(process.env.PROFILE_HEADERS ?? "{}") as Record<string, string>;
    let rps = 0;
    try {
      await autocannon({ url: `${server.baseUrl}${route}`, connections, duration: 2, headers });
      const result = await autocannon({ url: `${server.baseUrl}${route}`, connections, duration, headers });
      rps = result["2xx"] / result.duration;
      if (result.non2xx > 0) console.warn(`[profile] ${result.non2xx} answers were not 2xx`);
    } finally {
      // SIGKILL would lose the profile; SIGTERM right away, so that the last seconds are the load's.
      await server.stop();
    }
    const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error("no .cpuprofile written");
    const profile = JSON.parse(readFileSync(path.join(profDir, file), "utf8")) as Profile;
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfByFunction = new Map<string, number>();
    const selfByOwner = new Map<string, number>();
    // Only the measured seconds: the samples of the last `duration` seconds before the stop (not the start-up).
    let first = profile.samples.length;
    for (let elapsed = 0; first > 0 && elapsed < duration * 1e6; ) elapsed += profile.timeDeltas[--first] ?? 0;
    let total = 0;
    for (const id of profile.samples.slice(first)) {
      const node = byId.get(id);
      if (!node) continue;
      total += 1;
      const { functionName, url, lineNumber } = node.callFrame;
      const name = `${functionName || "(anonymous)"} ${owner(url)}${url ? `:${lineNumber + 1}` : ""}`;
      selfByFunction.set(name, (selfByFunction.get(name) ?? 0) + 1);
      selfByOwner.set(owner(url), (selfByOwner.get(owner(url)) ?? 0) + 1);
    }
    const share = (n: number) => `${((n / total) * 100).toFixed(1)} %`;
    const idle = [...selfByFunction].filter(([name]) => name.startsWith("(idle)")).reduce((s, [, n]) => s + n, 0);
    console.info(`GET ${route}: ${Math.round(rps)} req/s over ${duration} s with ${connections} connections; ${total} samples, idle ${share(idle)}\n`);
    console.info("| self time | function |\n| --- | --- |");
    for (const [name, n] of [...selfByFunction].sort((a, b) => b[1] - a[1]).slice(0, top)) console.info(`| ${share(n)} | \`${name}\` |`);
    console.info("\n| self time | file or package |\n| --- | --- |");
    for (const [name, n] of [...selfByOwner].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.info(`| ${share(n)} | \`${name}\` |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
