import {
  endpoints,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { municipalityNotFound, parseAgsParam } from "./ags-param.js";
import { findMunicipality, listMunicipalities } from "./municipalities.repo.js";

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.municipalityList, {
      config: { access: "read", cache: true },
      schema: {
        tags: ["registry"],
        summary: "Municipalities that exist on a date (default today), filtered, sorted and paged",
      },
    }),
    handler: async (request) => {
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      return listMunicipalities(app.deps.database.db, app.deps.rules, { ...request.query, asOf });
    },
  });

  app.route({
    ...endpointRoute(endpoints.municipalityDetail, {
      // Cache-Control only: the ETag stays the record version (see below); the answer joins the read cache
      // (with that ETag), keyed on the data generation like the statistics.
      config: { access: "read", cache: true, httpCache: "headers" },
      schema: {
        tags: ["registry"],
        summary: "One municipality (current or dissolved) with its predecessors and its INSEK record on a date (default today)",
        description:
          "`advisors`: the FS INGE advisors assigned to it today (not on `asOf`), for signed-in readers only; anonymous " +
          "readers get an empty list (people's names are shown to signed-in accounts only, as in the history).",
      },
    }),
    handler: async (request, reply) => {
      const ags = parseAgsParam(request.params.ags);
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      // FS INGE advisors (names, e-mails) are for signed-in readers; anonymous readers get an empty list.
      const advisorsOn = request.principal.kind === "user" ? { advisorsOn: todayInSaxony(app.deps.clock) } : {};
      const found = await findMunicipality(app.deps.database.db, app.deps.rules, ags, asOf, advisorsOn);
      if (!found) throw municipalityNotFound(ags);
      // The ETag names the record version (what If-Match of a change refers to), not this representation,
      // which also depends on the date: hence no 304 answers to If-None-Match.
      void reply.header("ETag", `"${found.version}"`);
      return found;
    },
  });
};
