/**
 * A/B of two server builds on a busy machine (issue #18): the CPU time each server process spends per answer,
 * measured on the same routes in alternation (A, B, A, B, …), so that the load of other processes falls on
 * both alike. Req/s on a shared machine say little; CPU per request says what a request costs.
 *
 * Run (after a build): `pnpm --filter @insek/api exec tsx bench/ab-cpu.ts <A server.js> [<B server.js>]`
 * (B defaults to this build). PostgreSQL database `insek_ab` (made and dropped): the Saxony registry, public
 * access on, one smr account with a session cookie and an API token; no synthetic history (the cached
 * answers are the same size). AB_ROUTES (comma-separated keys below), AB_REPEATS (default 3), BENCH_DURATION (s, default 3),
 * BENCH_CONNECTIONS (default 50), AB_KEEP=1 (keep the database; prints its URL, the cookie and the token, e.g. for
 * bench:profile's PROFILE_DATABASE_URL and PROFILE_HEADERS).
 */
import { migrateDatabase, openDatabase, seedReferenceData } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import autocannon from "autocannon";
import { insertUser } from "../src/modules/accounts/accounts.repo.js";
import { createApiToken, createSession } from "../src/modules/accounts/auth.service.js";
import { DEFAULT_AUTH_SETTINGS } from "../src/lib/access.js";
import { SESSION_COOKIE } from "../src/lib/session-cookie.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { API_SERVER, type RunningServer, cpuMs, dropDatabase, freshDatabase, startApiServer } from "./bench-lib.js";

const DB = "insek_ab";
const duration = Number(process.env.BENCH_DURATION ?? 3);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const repeats = Number(process.env.AB_REPEATS ?? 3);

const [serverA, serverB = API_SERVER] = process.argv.slice(2);
if (serverA === undefined) throw new Error("usage: ab-cpu.ts <A server.js> [<B server.js>]");

async function main(): Promise<void> {
  const url = await freshDatabase(DB);
  const database = await openDatabase({ url });
  let token: string;
  let cookie: string;
  try {
    await migrateDatabase(database);
    await seedReferenceData(database.db, saxonyReferenceData);
    await writePublicAccess(database.db, true, new Date());
    const user = await insertUser(database.db, { email: "ab@bench.example", displayName: "AB", role: "smr", admin: false, passwordHash: null });
    token = (await createApiToken(database.db, user.id, { name: "ab", expiresInDays: 1 }, new Date())).token;
    cookie = `${SESSION_COOKIE}=${(await createSession(database.db, user.id, new Date(), DEFAULT_AUTH_SETTINGS)).token}`;
  } finally {
    await database.close();
  }
  const routes: Record<string, { path: string; headers: Record<string, string> }> = {
    trivial: { path: "/health/live", headers: {} },
    summary: { path: "/api/stats/summary", headers: {} },
    districts: { path: "/api/stats/districts", headers: {} },
    districtsCookie: { path: "/api/stats/districts", headers: { cookie } },
    summaryToken: { path: "/api/stats/summary", headers: { authorization: `Bearer ${token}` } },
    list: { path: "/api/municipalities?limit=50", headers: { cookie } },
    detail: { path: "/api/municipalities/14627060", headers: { cookie } },
  };
  const chosen = process.env.AB_ROUTES?.split(",") ?? Object.keys(routes);
  const servers: Record<"A" | "B", RunningServer> = {
    A: await startApiServer({ DATABASE_URL: url }, { server: serverA }),
    B: await startApiServer({ DATABASE_URL: url }, { server: serverB }),
  };
  try {
    const results = new Map<string, { cpu: number[]; rps: number[] }>();
    for (let r = 0; r < repeats; r++) {
      for (const key of chosen) {
        const route = routes[key];
        if (!route) throw new Error(`unknown route ${key}`);
        for (const side of r % 2 === 0 ? (["A", "B"] as const) : (["B", "A"] as const)) {
          const server = servers[side];
          const target = { url: `${server.baseUrl}${route.path}`, headers: route.headers, connections };
          await autocannon({ ...target, duration: 1 });
          const before = cpuMs(server.pid);
          const result = await autocannon({ ...target, duration });
          const cpu = (cpuMs(server.pid) - before) / result["2xx"];
          if (result.non2xx > 0) console.warn(`[ab] ${side} ${key}: ${result.non2xx} answers were not 2xx`);
          const entry = results.get(`${key} ${side}`) ?? { cpu: [], rps: [] };
          entry.cpu.push(cpu);
          entry.rps.push(result["2xx"] / result.duration);
          results.set(`${key} ${side}`, entry);
        }
      }
    }
    const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;
    console.info("| route | A: CPU ms/request (median) | B: CPU ms/request (median) | B/A | A: req/s | B: req/s |\n| --- | --- | --- | --- | --- | --- |");
    for (const key of chosen) {
      const a = results.get(`${key} A`);
      const b = results.get(`${key} B`);
      if (!a || !b) continue;
      const [ca, cb] = [median(a.cpu), median(b.cpu)];
      console.info(
        `| ${key} | ${ca.toFixed(4)} | ${cb.toFixed(4)} | ${(cb / ca).toFixed(2)} | ${Math.round(median(a.rps))} | ${Math.round(median(b.rps))} |`,
      );
    }
  } finally {
    await Promise.all([servers.A.stop(), servers.B.stop()]);
    if (process.env.AB_KEEP === "1") console.info(JSON.stringify({ url, cookie, authorization: `Bearer ${token}` }));
    else await dropDatabase(DB);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
