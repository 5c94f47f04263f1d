import { Readable } from "node:stream";
import { endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { todayInSaxony } from "../../lib/clock.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { queryAuditLog } from "./audit.repo.js";
import { auditCsv } from "./audit.service.js";

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

  app.route({
    ...endpointRoute(endpoints.exportAuditCsv, {
      config: { access: "smr" },
      schema: {
        tags: ["audit", "exports"],
        summary: "The audit log as CSV for German Excel, newest first (smr)",
        description:
          "The filters of GET /api/audit (from, to, actor, action, ags), without paging: every matching entry. " +
          "UTF-8 with BOM, semicolon-separated, CRLF, German headers; times in Europe/Berlin; details as JSON.",
      },
    }),
    handler: async (request, reply) => {
      const filename = `insek-protokoll-${todayInSaxony(app.deps.clock)}.csv`;
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="${filename}"`)
        .header("Cache-Control", "no-store")
        .send(Readable.from(auditCsv(app.deps.database.db, request.query)));
    },
  });
};
