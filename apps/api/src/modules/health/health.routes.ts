import { ERROR_CODES, healthSchema } from "@insek/contracts";
import { migrationStatus } from "@insek/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { AppError } from "../../lib/errors.js";

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/health/live",
    { config: { access: "public" }, schema: { tags: ["health"], summary: "Liveness", response: { 200: healthSchema } } },
    () => ({ status: "ok" as const }),
  );

  app.get(
    "/health/ready",
    { config: { access: "public" }, schema: { tags: ["health"], summary: "Readiness: database reachable, migrations applied", response: { 200: healthSchema } } },
    async () => {
      const { database } = app.deps;
      const reachable = await database.ping().then(
        () => true,
        () => false,
      );
      if (!reachable) throw new AppError(503, ERROR_CODES.notReady, "Database not reachable");
      const migrations = await migrationStatus(database);
      if (migrations.applied < migrations.expected) {
        throw new AppError(503, ERROR_CODES.notReady, "Database migrations pending");
      }
      return { status: "ok" as const, checks: { database: "ok" as const, migrations: "ok" as const } };
    },
  );
};
