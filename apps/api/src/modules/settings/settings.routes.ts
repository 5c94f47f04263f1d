import { endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { writePublicAccess } from "./settings.repo.js";

export const settingsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.settingsPublic, {
      config: { access: "public" },
      schema: {
        tags: ["settings"],
        summary: "Whether anonymous visitors may read the dashboard, statistics, map and each municipality's status",
      },
    }),
    handler: async (request) => ({ publicAccess: await app.publicAccessEnabled(request) }),
  });

  app.route({
    ...endpointRoute(endpoints.settingsPublicAccess, {
      config: { access: "smrAdmin" },
      schema: {
        tags: ["settings"],
        summary: "Switch public (anonymous) read access on or off (administrators)",
      },
    }),
    handler: async (request) => {
      const { database, clock } = app.deps;
      const before = await app.publicAccessEnabled(request);
      await database.db.transaction(async (tx) => {
        await writePublicAccess(tx, request.body.enabled, clock());
        await recordAudit(requestContext(request), "settings.public_access.changed", "setting:public_access", { from: before, to: request.body.enabled }, { db: tx });
      });
      return { publicAccess: request.body.enabled };
    },
  });
};
