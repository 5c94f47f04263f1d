import { endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { listDistricts } from "./districts.repo.js";

export const districtRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.districtList, {
      config: { access: "read", httpCache: true },
      schema: {
        tags: ["registry"],
        summary: "The 13 districts with the number and population of their municipalities on a date",
      },
    }),
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      return { items: await listDistricts(app.deps.database.db, asOf) };
    },
  });
};
