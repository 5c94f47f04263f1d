import {
  ERROR_CODES,
  EVENT_IMPORT_CONTENT_TYPES,
  EVENT_IMPORT_MAX_BYTES,
  type EventImportFailed,
  endpoints,
  errorResponseSchema,
  eventImportFailedSchema,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { correctableSources } from "../events/event-visibility.js";
import type { EventActor } from "../events/events.types.js";
import { AppError } from "../../lib/errors.js";
import { WorkGate } from "../../lib/uploads/work-gate.js";
import { ImportInvalidError, importEvents } from "./event-import.service.js";
import type { TableFormat } from "./read-table.js";

function formatOf(contentType: string | undefined): TableFormat | undefined {
  const essence = contentType?.split(";")[0]?.trim().toLowerCase();
  if (essence === EVENT_IMPORT_CONTENT_TYPES.csv) return "csv";
  if (essence === EVENT_IMPORT_CONTENT_TYPES.xlsx) return "xlsx";
  return undefined;
}

export const eventImportRoutes: FastifyPluginAsyncZod = async (app) => {
  // One workbook is read at a time (its cost is bounded by lib/uploads); a few wait, more get 503.
  const gate = new WorkGate(1, 4);

  // The file is the raw request body; these parsers exist only inside this plugin.
  app.addContentTypeParser(
    [EVENT_IMPORT_CONTENT_TYPES.csv, EVENT_IMPORT_CONTENT_TYPES.xlsx],
    { parseAs: "buffer", bodyLimit: EVENT_IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.route({
    bodyLimit: EVENT_IMPORT_MAX_BYTES,
    ...endpointRoute(endpoints.eventImport, {
      config: { access: "smr" },
      schema: {
        tags: ["history"],
        summary: "Bulk import of status events from CSV or XLSX (dry run by default); all rows or none",
        description:
          "The file is the request body (text/csv or XLSX, at most 5 MB; an XLSX unpacks to at most 32 MB; at most " +
          "10,000 data rows, 50 columns and 4,000 characters per cell: 413/422 with a code per bound). Columns: AGS; Status; Konzeptart; Wirksam ab; " +
          "Ratsbeschluss; Dokument; Planungshorizont; Notiz; Quelle. Each row passes the rules of POST /api/municipalities/:ags/events.",
        response: {
          400: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: z.union([eventImportFailedSchema, errorResponseSchema]),
          503: errorResponseSchema,
        },
      },
    }),
    handler: async (request, reply) => {
      const format = formatOf(request.headers["content-type"]);
      const body: unknown = request.body;
      if (!format || !(Buffer.isBuffer(body) || body === undefined)) {
        throw new AppError(415, ERROR_CODES.unsupportedMediaType, `Send the file as ${Object.values(EVENT_IMPORT_CONTENT_TYPES).join(" or ")}`);
      }
      const { database, clock, rules } = app.deps;
      const { user } = requireSignedIn(request.principal);
      const actor: EventActor = {
        userId: user.id,
        via: "import",
        defaultSource: "import",
        correctable: correctableSources(user.role),
        afterWrite: (tx, { event, version }) =>
          recordAudit(requestContext(request), "status_event.imported", `municipality:${event.ags}`, { eventId: event.id, status: event.status, version }, { db: tx }),
      };
      try {
        return await gate.run(() => importEvents({ db: database.db, clock, rules }, actor, format, body ?? Buffer.alloc(0), request.query.dryRun));
      } catch (error) {
        if (!(error instanceof ImportInvalidError)) throw error;
        const failed: EventImportFailed = {
          statusCode: 422,
          code: error.code,
          message: error.message,
          requestId: request.id,
          ...error.result,
        };
        return reply.status(422).send(failed);
      }
    },
  });
};
