import {
  ERROR_CODES,
  agsParamsSchema,
  agsSchema,
  municipalityDetailSchema,
  municipalityListQuerySchema,
  municipalityListSchema,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, NotFoundError } from "../../lib/errors.js";
import { findMunicipality, listMunicipalities } from "./municipalities.repo.js";

export const municipalityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/api/municipalities",
    {
      schema: {
        tags: ["registry"],
        summary: "Municipalities that exist on a date (default today), filtered, sorted and paged",
        querystring: municipalityListQuerySchema,
        response: { 200: municipalityListSchema },
      },
    },
    async (request) => {
      const asOf = request.query.asOf ?? todayInSaxony(app.deps.clock);
      return listMunicipalities(app.deps.database.db, app.deps.rules, { ...request.query, asOf });
    },
  );

  app.get(
    "/api/municipalities/:ags",
    {
      schema: {
        tags: ["registry"],
        summary: "One municipality (current or dissolved) with its predecessors",
        params: agsParamsSchema,
        response: { 200: municipalityDetailSchema },
      },
    },
    async (request, reply) => {
      const { ags } = request.params;
      if (!agsSchema.safeParse(ags).success) {
        throw new AppError(400, ERROR_CODES.invalidAgs, "The AGS must be 8 digits", [
          { path: "params.ags", code: ERROR_CODES.invalidAgs, message: "must be an 8-digit AGS" },
        ]);
      }
      const found = await findMunicipality(app.deps.database.db, app.deps.rules, ags, todayInSaxony(app.deps.clock));
      if (!found) throw new NotFoundError(ERROR_CODES.municipalityNotFound, `No municipality with AGS ${ags}`);
      void reply.header("ETag", `"${found.version}"`);
      return found;
    },
  );
};
