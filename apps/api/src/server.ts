import path from "node:path";
import { buildApp } from "./app.js";
import { openAndPrepareDatabase } from "./bootstrap.js";
import {
  EnvError,
  authSettingsFromEnv,
  defaultWebDistDir,
  httpCacheSettingsFromEnv,
  loadServerEnv,
  mailSettingsFromEnv,
  publicOriginFromEnv,
  rulesFromEnv,
} from "./env.js";
import { loadOrCreateLinkSecret } from "./lib/link-secret.js";
import { loggerOptions } from "./lib/logging.js";

async function main() {
  const env = loadServerEnv();
  // Every file this process creates (the embedded database's, the demo accounts') is the owner's alone.
  process.umask(0o077);
  const { database, seed, demo } = await openAndPrepareDatabase(env);

  const app = await buildApp({
    database,
    rules: rulesFromEnv(env),
    webDistDir: env.WEB_DIST_DIR ?? defaultWebDistDir(),
    trustProxy: env.TRUST_PROXY,
    auth: authSettingsFromEnv(env),
    logger: loggerOptions(env.LOG_LEVEL),
    httpCache: httpCacheSettingsFromEnv(env),
    metricsToken: env.METRICS_TOKEN,
    mail: mailSettingsFromEnv(env),
    publicUrl: publicOriginFromEnv(env),
    linkSecret: env.LINK_SECRET ?? loadOrCreateLinkSecret(env.DATA_DIR),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down: finishing requests in flight");
    // Requests in flight get a grace period; a client that stalls a response cannot block the exit.
    setTimeout(() => {
      app.log.warn("grace period over: closing remaining connections");
      app.server.closeAllConnections();
    }, env.SHUTDOWN_GRACE_MS).unref();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const seedNote = {
    seeded: " (Referenzdaten eingespielt)",
    "associations-seeded": " (Verwaltungsgemeinschaften und -verbände eingespielt)",
    unchanged: "",
  } as const;
  const address = await app.listen({ host: env.HOST, port: env.PORT });
  const where = env.DATABASE_URL ? "PostgreSQL" : `PGlite in ${path.resolve(env.DATA_DIR)}`;
  const url = address.replace("127.0.0.1", "localhost").replace("[::1]", "localhost");
  // On stderr: stdout carries only the JSON log lines, for log shippers.
  process.stderr.write(
    `\nINSEK-Monitor Sachsen läuft: ${url}\n  Datenbank: ${where}${seedNote[seed]}\n` +
      (demo === "seeded"
        ? "  Demo-Daten eingespielt: erfundene INSEK-Stände zur Vorführung (abschalten vor dem ersten Start: SEED_DEMO_DATA=false)\n"
        : "") +
      "\n",
  );
}

main().catch((error: unknown) => {
  if (error instanceof EnvError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`INSEK-Monitor could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
