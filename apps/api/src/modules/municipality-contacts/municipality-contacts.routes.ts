import {
  ERROR_CODES,
  EVENT_IMPORT_CONTENT_TYPES,
  EVENT_IMPORT_MAX_BYTES,
  contactImportFailedSchema,
  endpoints,
  errorResponseSchema,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { WorkGate } from "../../lib/uploads/work-gate.js";
import { ContactImportInvalidError, deleteContact, importContacts, listContacts, putContact } from "./municipality-contacts.service.js";

/** Municipality contacts (decision 0028): read and kept by staff (SMR and FS INGE). */
export const municipalityContactRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["update-requests"];
  const gate = new WorkGate(1, 4);

  app.addContentTypeParser(EVENT_IMPORT_CONTENT_TYPES.csv, { parseAs: "buffer", bodyLimit: EVENT_IMPORT_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.route({
    ...endpointRoute(endpoints.municipalityContactList, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Every municipality existing today with its contact for update requests and its accounts' e-mails",
        description: "`missing=true`: only those with no address at all. `withoutAddress` counts them over all municipalities.",
      },
    }),
    handler: async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return listContacts(requestContext(request), request.query);
    },
  });

  app.route({
    ...endpointRoute(endpoints.municipalityContactPut, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Set a municipality's contact for update requests (e-mail, optional name and function); audited",
        response: { 400: errorResponseSchema, 404: errorResponseSchema },
      },
    }),
    handler: async (request) => putContact(requestContext(request), request.params.ags, request.body),
  });

  app.route({
    ...endpointRoute(endpoints.municipalityContactDelete, {
      config: { access: "staff" },
      schema: { tags, summary: "Remove a municipality's contact; audited", response: { 400: errorResponseSchema, 404: errorResponseSchema } },
    }),
    handler: async (request, reply) => {
      await deleteContact(requestContext(request), request.params.ags);
      return reply.status(204).send(null);
    },
  });

  app.route({
    bodyLimit: EVENT_IMPORT_MAX_BYTES,
    ...endpointRoute(endpoints.municipalityContactImport, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Import municipality contacts from CSV (dry run by default): a report per row; all rows or none",
        description:
          "The file is the request body (text/csv, UTF-8, semicolon or comma; the bounds of every CSV upload). Columns: AGS; E-Mail; " +
          "Name; Funktion (the first two required). Each row is created, updated, unchanged or an error (invalid or unknown AGS, an AGS " +
          "listed twice, an invalid e-mail). A real run with an error writes nothing (422 IMPORT_INVALID with the report).",
        response: {
          400: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: z.union([contactImportFailedSchema, errorResponseSchema]),
          503: errorResponseSchema,
        },
      },
    }),
    handler: async (request, reply) => {
      const essence = request.headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
      const body: unknown = request.body;
      if (essence !== EVENT_IMPORT_CONTENT_TYPES.csv || !(Buffer.isBuffer(body) || body === undefined)) {
        throw new AppError(415, ERROR_CODES.unsupportedMediaType, `Send the file as ${EVENT_IMPORT_CONTENT_TYPES.csv}`);
      }
      try {
        return await gate.run(() => importContacts(requestContext(request), body ?? Buffer.alloc(0), request.query.dryRun));
      } catch (error) {
        if (!(error instanceof ContactImportInvalidError)) throw error;
        return reply.status(422).send({ statusCode: 422, code: error.code, message: error.message, requestId: request.id, ...error.result });
      }
    },
  });
};
