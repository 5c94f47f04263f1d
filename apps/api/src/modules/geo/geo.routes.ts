import { createHash } from "node:crypto";
import { endpoints } from "@insek/contracts";
import type { FastifyReply } from "fastify";
import { composeMunicipalities, saxonyBaseTopology } from "@insek/refdata/saxony";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";

// `municipalities` (those of the latest territorial state) stays for the API's readers, beside the base
// shapes of 2016 that the web composes for any date; all objects share the same arcs.
const current = composeMunicipalities(saxonyBaseTopology, "9999-12-31");
const body = JSON.stringify({
  ...saxonyBaseTopology,
  objects: { municipalities: current.objects.municipalities, ...saxonyBaseTopology.objects },
});
const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;

function matches(ifNoneMatch: string | undefined): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

export const geoRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.saxonyGeo, {
      config: { access: "read" },
      schema: {
        tags: ["geo"],
        summary: "TopoJSON of today's municipalities (`municipalities`, id = AGS), the 13 districts (id = key) and the 426 municipalities of 2016 (`base`)",
        description:
          "Boundaries © GeoBasis-DE / BKG (2016). `municipalities` are those of the latest territorial state. `lineage` lists the municipalities created or dissolved since 2016 " +
          "(validFrom, validTo, successorAgs): the municipalities of a date are the base shapes grouped by the " +
          "municipality each belonged to then (composeMunicipalities in @insek/refdata).",
      },
    }),
    handler: (request, reply) => {
      reply.header("ETag", etag).header("Cache-Control", "public, max-age=86400, stale-while-revalidate=604800");
      // Not modified: no body, so no answer schema (the plain reply type allows the status).
      if (matches(request.headers["if-none-match"])) return (reply as FastifyReply).status(304).send();
      return reply.type("application/json; charset=utf-8").send(body);
    },
  });
};
