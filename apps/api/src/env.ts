import { fileURLToPath } from "node:url";
import type { Rules } from "@insek/contracts";
import type { AuthSettings } from "./lib/access.js";
import type { MailSettings } from "./modules/mail/mail-settings.js";
import type { HttpCacheSettings } from "./plugins/read-cache.js";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1");

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** PostgreSQL connection string; without it the embedded PGlite database is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  /** Folder of the embedded database (relative to the working directory). */
  DATA_DIR: z.string().min(1).default("./data/pglite"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /** Built web app to serve; default: apps/web/dist beside this app. */
  WEB_DIST_DIR: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** How long a graceful shutdown waits for requests in flight. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(10_000),
  /** Years an adopted concept counts as current after its council resolution. */
  RULE_CURRENCY_YEARS: z.coerce.number().int().min(1).max(50).default(10),
  /** A current concept is "expiring" when it lapses within this many months. */
  RULE_EXPIRING_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /** A record is "stale" when nobody changed or confirmed it for this many months. */
  RULE_STALE_MONTHS: z.coerce.number().int().min(1).max(120).default(12),
  /**
   * "Fortschreibung empfohlen": a soft flag on an adopted concept this many years after its latest council
   * resolution (decision 0027). It never changes coverage or currency.
   */
  RULE_UPDATE_RECOMMENDED_YEARS: z.coerce.number().int().min(1).max(50).default(5),
  /** Honour X-Forwarded-* headers (set when running behind a reverse proxy). */
  TRUST_PROXY: booleanFlag.default(false),
  /** A session ends after this many minutes without a request. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** A session ends this many hours after sign-in, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  /** Mark the session cookie Secure even when a request does not arrive as HTTPS (over HTTPS it always is). */
  COOKIE_SECURE: booleanFlag.default(false),
  /**
   * Seed a made-up INSEK history once into an empty history, for demonstrations. Unset: yes on the
   * embedded database, no with DATABASE_URL; never with NODE_ENV=production (true is refused there).
   */
  SEED_DEMO_DATA: booleanFlag.optional(),
  /** E-mail delivery (update requests): smtp://user:pass@host:port or smtps://…; unset: messages wait in the outbox view. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^\s]+$/, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** Sender of the application's e-mails. */
  MAIL_FROM: z.string().min(3).max(300).default("INSEK-Monitor Sachsen <insek-monitor@localhost>"),
  /** Delivery attempts per e-mail before it stays `failed`. */
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(5),
  /** How often failed e-mails are retried (seconds). */
  MAIL_RETRY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /**
   * Public address of the application: every link the application writes (update requests, password
   * links) starts with it. Required in production; unset elsewhere: http://HOST:PORT. Never a request's Host.
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  /**
   * Key the links of update requests are derived from (HMAC), kept outside the database so that the
   * database and its backups hold no usable link. Required in production; unset elsewhere: a key file
   * DATA_DIR/link-secret (mode 600), created at the first start.
   */
  LINK_SECRET: z.string().min(32, "must be at least 32 characters (e.g. openssl rand -base64 32)").optional(),
  /**
   * Seconds a shared cache (reverse proxy, CDN) and the browser may keep an answer of a public read
   * endpoint to an anonymous reader (Cache-Control: public, max-age). Answers to signed-in readers are
   * always `private, no-cache`.
   */
  PUBLIC_CACHE_MAX_AGE: z.coerce.number().int().min(0).max(86_400).default(60),
  /** Seconds after max-age in which a cache may serve the old answer while it revalidates. */
  PUBLIC_CACHE_STALE_WHILE_REVALIDATE: z.coerce.number().int().min(0).max(604_800).default(300),
  /** Answers the in-process read cache of the statistics keeps per instance. */
  READ_CACHE_ENTRIES: z.coerce.number().int().min(1).max(100_000).default(500),
  /** Bytes of answers the in-process read cache keeps per instance at most (default 64 MiB). */
  READ_CACHE_BYTES: z.coerce.number().int().min(65_536).max(4_294_967_296).default(67_108_864),
  /**
   * GET /metrics requires `Authorization: Bearer <token>`. Required with NODE_ENV=production; unset in
   * development, /metrics is open.
   */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** What only the server needs (the command line serves nothing): a production server protects /metrics. */
function serverProblems(env: Env): string[] {
  const problems: string[] = [];
  if (env.NODE_ENV === "production" && env.METRICS_TOKEN === undefined) {
    problems.push("METRICS_TOKEN: required with NODE_ENV=production (at least 16 characters; GET /metrics then needs Authorization: Bearer <token>)");
  }
  if (env.NODE_ENV === "production" && env.SEED_DEMO_DATA === true) {
    problems.push("SEED_DEMO_DATA: a production server never seeds made-up history (it could not be removed from the append-only history)");
  }
  // Links must never take a request's Host header, and a key file beside the data is no place for a
  // production secret.
  if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
    problems.push("PUBLIC_URL: required in production (the address users open, e.g. https://insek.sachsen.example)");
  }
  if (env.NODE_ENV === "production" && !env.LINK_SECRET) {
    problems.push("LINK_SECRET: required in production (at least 32 random characters, e.g. openssl rand -base64 32)");
  }
  return problems;
}

/**
 * The only reader of process.env: parses and validates the configuration once, at start-up. `server`:
 * also the rules of a serving process (server.ts), not of the command line.
 */
export function loadEnv(source: Record<string, string | undefined> = process.env, options: { server?: boolean } = {}): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`));
  }
  const problems = options.server ? serverProblems(result.data) : [];
  if (problems.length > 0) throw new EnvError(problems);
  return result.data;
}

/** The configuration of the serving process (server.ts): loadEnv with the server's own rules. */
export function loadServerEnv(source: Record<string, string | undefined> = process.env): Env {
  return loadEnv(source, { server: true });
}

/**
 * Where the links the application writes point: PUBLIC_URL, else the configured HOST and PORT (an
 * address that listens on every interface is written as the loopback address).
 */
export function publicOriginFromEnv(env: Pick<Env, "PUBLIC_URL" | "HOST" | "PORT">): string {
  if (env.PUBLIC_URL) return env.PUBLIC_URL.replace(/\/+$/, "");
  const host = env.HOST === "0.0.0.0" ? "127.0.0.1" : env.HOST === "::" ? "::1" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT}`;
}

export function defaultWebDistDir(): string {
  // From apps/api/dist/server.js (or apps/api/src/env.ts): ../../web/dist
  return fileURLToPath(new URL("../../web/dist", import.meta.url));
}

export function rulesFromEnv(env: Env): Rules {
  return {
    currencyYears: env.RULE_CURRENCY_YEARS,
    expiringMonths: env.RULE_EXPIRING_MONTHS,
    staleMonths: env.RULE_STALE_MONTHS,
    updateRecommendedYears: env.RULE_UPDATE_RECOMMENDED_YEARS,
  };
}

export function authSettingsFromEnv(env: Env): AuthSettings {
  return {
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: env.SESSION_ABSOLUTE_HOURS,
    cookieSecure: env.COOKIE_SECURE,
  };
}

export function httpCacheSettingsFromEnv(env: Env): HttpCacheSettings {
  return {
    publicMaxAge: env.PUBLIC_CACHE_MAX_AGE,
    staleWhileRevalidate: env.PUBLIC_CACHE_STALE_WHILE_REVALIDATE,
    readCacheEntries: env.READ_CACHE_ENTRIES,
    readCacheBytes: env.READ_CACHE_BYTES,
  };
}

export function mailSettingsFromEnv(env: Env): MailSettings {
  return {
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    maxAttempts: env.MAIL_MAX_ATTEMPTS,
    retryIntervalMs: env.MAIL_RETRY_SECONDS * 1000,
  };
}
