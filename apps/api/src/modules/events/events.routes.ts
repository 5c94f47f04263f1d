import { type PreconditionFailed, errorResponseSchema, preconditionFailedSchema, endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { canSeeInternal, canSeeNames, eventSourceOf } from "../../lib/access.js";
import { requestContext } from "../../lib/request-context.js";
import { auditEntry } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { parseAgsParam } from "../municipalities/ags-param.js";
import { assertSourceAllowed, correctableSources, recordedViaOf, visibleTo } from "./event-visibility.js";
import { expectedVersionOf } from "./if-match.js";
import { VersionMismatchError, listEvents, recordEvent } from "./events.service.js";

export const eventRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.municipalityEvents, {
      config: { access: "read", httpCache: true },
      schema: {
        tags: ["history"],
        summary: "The status history of a municipality, its predecessors' events included and marked",
      },
    }),
    handler: async (request) => {
      const ags = parseAgsParam(request.params.ags);
      const events = await listEvents(app.deps.database.db, ags);
      const reader = { internal: canSeeInternal(request.principal), names: canSeeNames(request.principal) };
      return { items: events.map((e) => visibleTo(e, reader)) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.municipalityEventCreate, {
      config: { access: "write:municipality" },
      schema: {
        tags: ["history"],
        summary: "Record a status change or a confirmation on top of the record version named by If-Match",
        response: {
          400: errorResponseSchema,
          404: errorResponseSchema,
          412: preconditionFailedSchema,
          422: errorResponseSchema,
          428: errorResponseSchema,
        },
      },
    }),
    handler: async (request, reply) => {
      const ags = parseAgsParam(request.params.ags);
      const expected = expectedVersionOf(request.headers["if-match"]);
      const { database, clock, rules, writes } = app.deps;
      const principal = requireSignedIn(request.principal);
      const { user } = principal;
      assertSourceAllowed(user.role, request.body.source);
      try {
        const created = await recordEvent({ db: database.db, clock, rules, writes }, ags, request.body, expected, {
          userId: user.id,
          via: recordedViaOf(principal),
          defaultSource: eventSourceOf(user),
          correctable: correctableSources(user.role),
          auditEntry: ({ type, status, effectiveDate, supersedes, version }) =>
            auditEntry(requestContext(request), "status_event.created", `municipality:${ags}`, { type, status, effectiveDate, supersedes, version }),
        });
        return await reply.status(201).header("ETag", `"${created.version}"`).send(created);
      } catch (error) {
        if (!(error instanceof VersionMismatchError)) throw error;
        const body: PreconditionFailed = {
          statusCode: 412,
          code: error.code,
          message: error.message,
          requestId: request.id,
          current: error.current,
        };
        return reply.status(412).header("ETag", `"${error.current.version}"`).send(body);
      }
    },
  });
};
