import {
  endpoints,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { districtStatsOn, statusMapOn, summaryOn } from "./stats.repo.js";
import { resolveTimelineRange } from "./timeline-range.js";
import { timeline } from "./timeline.repo.js";

export const statsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.statsSummary, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["stats"],
        summary:
          "Statewide counts by status, coverage by count and population, expiring and stale records on a date; " +
          "optionally only one district, municipality type, size class or association (its members on the date)",
      },
    }),
    handler: async (request) => {
      const { asOf = todayInSaxony(app.deps.clock), ...filters } = request.query;
      return summaryOn(app.deps.database.db, app.deps.rules, asOf, filters);
    },
  });

  app.route({
    ...endpointRoute(endpoints.statsDistricts, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["stats"],
        summary:
          "The summary figures per district and per size class on a date; " +
          "optionally only one district, municipality type, size class or association (all 13 districts and every size class are " +
          "still listed, the ones outside the filter with zeros)",
      },
    }),
    handler: async (request) => {
      const { asOf = todayInSaxony(app.deps.clock), district, type, sizeClass, association } = request.query;
      return districtStatsOn(app.deps.database.db, app.deps.rules, asOf, { district, type, sizeClass, association });
    },
  });

  app.route({
    ...endpointRoute(endpoints.statsTimeline, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["stats"],
        summary:
          "Monthly coverage: one point per month end from `from` to `to` (the last point is `to`); " +
          "default: 1 January five years back until today; at most 240 months, not before 1990; " +
          "optionally only one district, municipality type, size class or association (its members on each point's date)",
      },
    }),
    handler: async (request) => {
      const today = todayInSaxony(app.deps.clock);
      const { from, to } = resolveTimelineRange(request.query, today);
      const { district, type, sizeClass, association } = request.query;
      return timeline(app.deps.database.db, app.deps.rules, from, to, { district, type, sizeClass, association }, today);
    },
  });

  app.route({
    ...endpointRoute(endpoints.statsStatusMap, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["stats"],
        summary:
          "Every municipality existing on a date with its status and whether its concept is current, plus the " +
          "registry facts the coverage map filters by (district, type, population); ordered by AGS; " +
          "optionally only the members of one association on the date",
      },
    }),
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      return statusMapOn(app.deps.database.db, app.deps.rules, asOf, { association: request.query.association });
    },
  });
};
