import { endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { queryAuditLog } from "./audit.repo.js";

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.auditList, {
      config: { access: "smr" },
      schema: {
        tags: ["audit"],
        summary: "The audit log, newest first: every write and every login attempt (smr)",
      },
    }),
    handler: async (request) => {
      const { rows, total } = await queryAuditLog(app.deps.database.db, request.query);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actorUserId: r.actorUserId,
          actorLabel: r.actorLabel,
          address: r.address,
          requestId: r.requestId,
          action: r.action,
          target: r.target,
          details: r.details,
        })),
      };
    },
  });
};
