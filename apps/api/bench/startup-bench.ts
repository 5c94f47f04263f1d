/**
 * Start-up time of the embedded default: `node apps/api/dist/server.js` (what `pnpm start` runs after
 * its build) on an existing DATA_DIR whose PGlite database is already migrated and seeded, until
 * GET /health/ready answers 200. Writes its section of docs/benchmarks.md between the api-startup
 * markers. Run: `pnpm --filter @insek/api bench:startup` after a build, or `pnpm bench`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { machine, percentile, startApiServer, table, verdict, writeSection } from "./bench-lib.js";

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const TARGET_MS = 5_000;

/** The environment of a plain `pnpm start`: no NODE_ENV, no DATABASE_URL; only where to listen and the data folder. */
const startEnv = (dataDir: string) => ({ NODE_ENV: "development", LOG_LEVEL: "info", DATA_DIR: dataDir });

async function main(): Promise<void> {
  const mach = machine();
  const dataDir = await mkdtemp(join(tmpdir(), "insek-startup-"));
  const warm: number[] = [];
  const warmCpu: number[] = [];
  let first: number;
  let firstCpu: number;
  try {
    // First start: creates the database, migrates, seeds registry, demo history and demo accounts.
    const initial = await startApiServer(startEnv(dataDir), { pollMs: 25 });
    first = initial.readyAfterMs;
    firstCpu = initial.readyCpuMs;
    await initial.stop();
    console.info(`[bench] first start (creates, migrates and seeds the database): ${Math.round(first)} ms`);
    for (let i = 0; i < RUNS; i += 1) {
      const server = await startApiServer(startEnv(dataDir), { pollMs: 25 });
      warm.push(server.readyAfterMs);
      warmCpu.push(server.readyCpuMs);
      await server.stop();
      console.info(`[bench] warm start ${i + 1}/${RUNS}: ready after ${Math.round(server.readyAfterMs)} ms (CPU ${Math.round(server.readyCpuMs)} ms)`);
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  const median = percentile(warm, 50);
  const section = `
## API: start-up of the embedded default (\`apps/api/bench/startup-bench.ts\`)

Target (issue #7): a warm \`pnpm start\` is serving within ${TARGET_MS / 1000} s.

Last run: ${mach.date} — ${mach.description}.

${table(
  ["Measure", "Median", "Min", "Max", "CPU used (median)", "Target", "Result"],
  [
    [
      `Warm start → \`/health/ready\` 200 (${RUNS} runs)`,
      `${Math.round(median)} ms`,
      `${Math.round(Math.min(...warm))} ms`,
      `${Math.round(Math.max(...warm))} ms`,
      `${Math.round(percentile(warmCpu, 50))} ms`,
      `≤ ${TARGET_MS} ms`,
      verdict(median <= TARGET_MS),
    ],
    ["First start (creates, migrates, seeds)", `${Math.round(first)} ms`, "–", "–", `${Math.round(firstCpu)} ms`, "(for comparison)", "–"],
  ],
)}

### Method

- \`node apps/api/dist/server.js\` (the production build; \`pnpm start\` runs it after a cached \`turbo run build\`, whose own time is not included) with the environment of a plain \`pnpm start\`: the embedded PGlite database in a temporary \`DATA_DIR\`, no \`DATABASE_URL\`.
- The first start creates, migrates and seeds the database (registry, demo history, demo accounts) and is shown for comparison. Then ${RUNS} warm starts on that same folder: time from spawning the process until \`GET /health/ready\` answers 200 (database reachable, migrations applied), polled every 25 ms. Each server is stopped with SIGTERM before the next start. "CPU used": user + system CPU time of the server process until it was ready (from \`/proc\`); on a busy machine the wall-clock time grows with the competition for the cores, the CPU time hardly does.
- Re-run: \`pnpm bench\` (root) or \`pnpm --filter @insek/api bench:startup\` after a build.
`;
  writeSection("api-startup", section);
  console.info(`[bench] warm start median ${Math.round(median)} ms (target ≤ ${TARGET_MS} ms): ${verdict(median <= TARGET_MS)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
