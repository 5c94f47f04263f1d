import { ERROR_CODES, endpoints } from "@insek/contracts";
import { migrationStatus } from "@insek/db";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError } from "../../lib/errors.js";

/** How long readiness waits for the database to answer `select 1`. */
const READY_PING_TIMEOUT_MS = 2000;

/**
 * The liveness answer as prepared bytes, checked against its schema once (decision 0026): the probe is the
 * cheapest request there is, so zod and JSON.stringify per call were a visible share of it.
 */
const LIVE = Buffer.from(JSON.stringify(endpoints.healthLive.response.parse({ status: "ok" })));

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.healthLive, { config: { access: "public" }, schema: { tags: ["health"], summary: "Liveness" } }),
    handler: (_request, reply) => {
      // Bytes, not the typed answer: Fastify sends a Buffer as it is.
      void (reply as FastifyReply).type("application/json; charset=utf-8").send(LIVE);
    },
  });

  app.route({
    ...endpointRoute(endpoints.healthReady, {
      config: { access: "public" },
      schema: { tags: ["health"], summary: "Readiness: database reachable, migrations applied" },
    }),
    handler: async () => {
      const { database } = app.deps;
      // Bounded: a database that stops answering (network partition) makes the probe fail, not hang.
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), READY_PING_TIMEOUT_MS);
      });
      const reachable = await Promise.race([
        database.ping().then(
          () => true,
          () => false,
        ),
        timeout,
      ]).finally(() => clearTimeout(timer));
      if (!reachable) throw new AppError(503, ERROR_CODES.notReady, "Database not reachable");
      const migrations = await migrationStatus(database);
      if (migrations.applied < migrations.expected) {
        throw new AppError(503, ERROR_CODES.notReady, "Database migrations pending");
      }
      return { status: "ok" as const, checks: { database: "ok" as const, migrations: "ok" as const } };
    },
  });
};
