import {
  endpoints,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { listAssociations } from "./associations.repo.js";
import { associationDetail } from "./associations.service.js";

export const associationRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.associationList, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["registry"],
        summary: "The Verwaltungsgemeinschaften and Verwaltungsverbände that exist on a date (default today), with their members then",
      },
    }),
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      return { items: await listAssociations(app.deps.database.db, asOf) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.associationDetail, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["registry"],
        summary: "One Verwaltungsgemeinschaft or Verwaltungsverband (current or dissolved) with its members over time",
      },
    }),
    handler: async (request) => associationDetail(app.deps.database.db, request.params.key),
  });
};
