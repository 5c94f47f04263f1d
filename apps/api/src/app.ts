import { randomBytes, randomUUID } from "node:crypto";
import type { Rules } from "@insek/contracts";
import type { DatabaseHandle } from "@insek/db";
import Fastify, { type FastifyServerOptions, LogController } from "fastify";
import { validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { responseSerializerCompiler } from "./lib/response-serializer.js";
import { type AuthSettings, DEFAULT_AUTH_SETTINGS } from "./lib/access.js";
import { type Clock, systemClock } from "./lib/clock.js";
import { authPlugin } from "./plugins/auth.js";
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandling } from "./plugins/errors.js";
import { metricsPlugin } from "./plugins/metrics.js";
import { registerOpenApi } from "./plugins/openapi.js";
import { type HttpCacheSettings, readCachePlugin } from "./plugins/read-cache.js";
import { registerRouteAccess } from "./plugins/route-access.js";
import { registerSecurityHeaders } from "./plugins/security-headers.js";
import { registerWeb } from "./plugins/web.js";
import { authRoutes } from "./modules/accounts/auth.routes.js";
import { userRoutes } from "./modules/accounts/users.routes.js";
import { auditRoutes } from "./modules/audit/audit.routes.js";
import { settingsRoutes } from "./modules/settings/settings.routes.js";
import { districtRoutes } from "./modules/districts/districts.routes.js";
import { geoRoutes } from "./modules/geo/geo.routes.js";
import { healthRoutes } from "./modules/health/health.routes.js";
import { municipalityRoutes } from "./modules/municipalities/municipalities.routes.js";
import { associationRoutes } from "./modules/associations/associations.routes.js";
import { eventRoutes } from "./modules/events/events.routes.js";
import { conceptRoutes } from "./modules/concepts/concepts.routes.js";
import { practiceImageRoutes } from "./modules/practice-images/practice-images.routes.js";
import { fundingRoutes } from "./modules/funding/funding.routes.js";
import { DEFAULT_WRITE_BATCH, EventWriteBatcher, type WriteBatchOptions } from "./modules/events/write-batch.js";
import { eventImportRoutes } from "./modules/event-import/event-import.routes.js";
import { exportRoutes } from "./modules/exports/exports.routes.js";
import { practiceRoutes } from "./modules/practices/practices.routes.js";
import { statsRoutes } from "./modules/stats/stats.routes.js";
import { assignmentRoutes } from "./modules/assignments/assignments.routes.js";
import { portfolioRoutes } from "./modules/portfolio/portfolio.routes.js";
import { consultationRoutes } from "./modules/consultations/consultations.routes.js";
import type { MailTransport } from "./modules/mail/mail-sender.js";
import type { MailSettings } from "./modules/mail/mail-settings.js";
import { mailPlugin } from "./modules/mail/mail.plugin.js";
import { outboxRoutes } from "./modules/mail/outbox.routes.js";
import { municipalityContactRoutes } from "./modules/municipality-contacts/municipality-contacts.routes.js";
import { updateRequestRoutes } from "./modules/update-requests/update-requests.routes.js";

export interface AppDeps {
  database: DatabaseHandle;
  clock?: Clock;
  /** Currency and staleness rules (default: 10 years, 12 months, 12 months). */
  rules?: Rules;
  /** Built SPA to serve on the same port (production). */
  webDistDir?: string | undefined;
  logger?: FastifyServerOptions["logger"];
  trustProxy?: boolean;
  /** Session timeouts and cookie settings (default: 30 minutes idle, 12 hours absolute). */
  auth?: Partial<AuthSettings>;
  /** Cache-Control of public answers and size of the read cache (plugins/read-cache.ts). */
  httpCache?: Partial<HttpCacheSettings>;
  /** Bearer token that GET /metrics requires; unset: /metrics is open. */
  metricsToken?: string | undefined;
  /**
   * Where every link the application writes points (PUBLIC_URL, or http://HOST:PORT; server.ts passes
   * publicOriginFromEnv). Never taken from a request. Default: DEFAULT_PUBLIC_URL.
   */
  publicUrl?: string | undefined;
  /**
   * Key of the update-request links (LINK_SECRET or DATA_DIR/link-secret; decision 0017). Default: a random
   * key for this app instance only (tests), so links of earlier instances cannot be written again.
   */
  linkSecret?: string | undefined;
  /** E-mail delivery (SMTP_URL, MAIL_FROM, ...); without an SMTP URL messages wait in the outbox. */
  mail?: Partial<MailSettings> | undefined;
  /** Another mail transport than SMTP (tests). */
  mailTransport?: MailTransport;
  /** How plain status writes of concurrent requests are grouped (modules/events/write-batch.ts). */
  writeBatch?: Partial<WriteBatchOptions>;
}

/** The address of the server started with the default HOST and PORT. */
export const DEFAULT_PUBLIC_URL = "http://127.0.0.1:3000";

export const DEFAULT_RULES: Rules = { currencyYears: 10, expiringMonths: 12, staleMonths: 12 };

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

declare module "fastify" {
  interface FastifyInstance {
    deps: Required<Pick<AppDeps, "database" | "clock" | "rules">> & {
      auth: AuthSettings;
      writes: EventWriteBatcher;
      /** PUBLIC_URL without a trailing slash. */
      publicUrl: string;
      linkSecret: string;
    };
  }
}

/** Builds the application without listening: server.ts listens, tests use `inject`. */
export async function buildApp(deps: AppDeps) {
  const app = Fastify({
    logger: deps.logger ?? false,
    // One line per request instead of Fastify's two ("incoming request", "request completed"): below.
    logController: new LogController({ disableRequestLogging: true }),
    trustProxy: deps.trustProxy ?? false,
    bodyLimit: 1_048_576,
    genReqId: (req) => {
      const incoming = req.headers["x-request-id"];
      return typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // Errors before routing (undecodable URL) and from the HTTP parser, in the standard error shape too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  const clock = deps.clock ?? systemClock;
  const rules = deps.rules ?? DEFAULT_RULES;
  app.decorate("deps", {
    database: deps.database,
    clock,
    rules,
    auth: { ...DEFAULT_AUTH_SETTINGS, ...deps.auth },
    writes: new EventWriteBatcher({ db: deps.database.db, clock, rules }, { ...DEFAULT_WRITE_BATCH, ...deps.writeBatch }),
    publicUrl: (deps.publicUrl ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, ""),
    linkSecret: deps.linkSecret ?? randomBytes(32).toString("base64url"),
  });
  // First: every route registered from here on is recorded, and app.ready() fails for one without an access rule.
  registerRouteAccess(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler);
  registerErrorHandling(app);
  // The request log: one JSON line per answered request with its id (reqId), method, redacted URL,
  // status and duration (lib/logging.ts serialises `req` without headers).
  if (deps.logger) {
    app.addHook("onResponse", (request, reply, done) => {
      // pino makes `info` a no-op below its level.
      request.log.info({ req: request, res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime }, "request completed");
      done();
    });
  }
  // Security headers and the request id on every answer.
  registerSecurityHeaders(app);
  await app.register(authPlugin);
  await app.register(readCachePlugin, { settings: deps.httpCache });
  await app.register(metricsPlugin, { token: deps.metricsToken });
  await app.register(mailPlugin, { settings: deps.mail, ...(deps.mailTransport ? { transport: deps.mailTransport } : {}) });
  await registerOpenApi(app);

  // Rules of the routes still being finished in their modules. When a route declares its own
  // `config: { access }` (which wins), delete its line here.
  app.routeAccess.assign({
    "GET /api/export/municipalities.csv": "read",
    "GET /api/export/municipalities.xlsx": "read",
    "GET /api/export/municipalities.geojson": "read",
    // Names who recorded each change: not for anonymous visitors until the export leaves them out for them.
    "GET /api/export/events.csv": "signedIn",
  });

  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(userRoutes);
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(districtRoutes);
  await app.register(municipalityRoutes);
  await app.register(associationRoutes);
  await app.register(geoRoutes);
  await app.register(eventRoutes);
  await app.register(conceptRoutes);
  await app.register(practiceRoutes);
  await app.register(practiceImageRoutes);
  await app.register(fundingRoutes);
  await app.register(eventImportRoutes);
  await app.register(statsRoutes);
  await app.register(exportRoutes);
  await app.register(assignmentRoutes);
  await app.register(portfolioRoutes);
  await app.register(consultationRoutes);
  await app.register(updateRequestRoutes);
  await app.register(outboxRoutes);
  await app.register(municipalityContactRoutes);
  await registerWeb(app, deps.webDistDir);
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
