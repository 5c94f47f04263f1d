import multipart from "@fastify/multipart";
import {
  DOCUMENT_MAX_BYTES,
  ERROR_CODES,
  conceptPreconditionFailedSchema,
  documentUploadFieldsSchema,
  endpoints,
  errorResponseSchema,
} from "@insek/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, ValidationError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { WorkGate } from "../../lib/uploads/work-gate.js";
import { expectedVersionOf } from "../events/if-match.js";
import {
  ConceptVersionMismatchError,
  type UploadedFile,
  addDocument,
  conceptDetail,
  createConcept,
  documentForDownload,
  documentTooLarge,
  listConcepts,
  recordResolution,
  updateConcept,
} from "./concepts.service.js";

const tags = ["concepts"];
const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 422: errorResponseSchema };

/** `attachment` with the stored name: an ASCII fallback and the exact name (RFC 6266 / RFC 5987). */
function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

interface MultipartFileError extends Error {
  code?: string;
}

export const conceptRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;
  // One PDF is checked and stored at a time (25 MB each); a few wait, more get 503 SERVER_BUSY.
  const gate = new WorkGate(1, 4);

  // multipart/form-data only inside this plugin: the document upload.
  await app.register(multipart, {
    limits: { fileSize: DOCUMENT_MAX_BYTES, files: 1, fields: 4, fieldSize: 2000, parts: 6, headerPairs: 100 },
  });

  app.route({
    ...endpointRoute(endpoints.conceptList, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "Concepts (town-wide, joint and area), filtered by member, association, scope, kind and state; sorted by title",
        description: "`association`: concepts with a member that belongs to the association today.",
      },
    }),
    handler: async (request) => listConcepts(database.db, app.deps.rules, todayInSaxony(clock), request.query),
  });

  app.route({
    ...endpointRoute(endpoints.conceptDetail, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "One concept with its members' states (n of m adopted), documents, participation, resolutions and area concepts",
        description: "The ETag is the concept's version (what If-Match of PATCH names). `createdBy` is null for anonymous readers.",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const found = await conceptDetail(database.db, app.deps.rules, todayInSaxony(clock), request.params.id, request.principal);
      void reply.header("ETag", `"${found.version}"`);
      return found;
    },
  });

  app.route({
    ...endpointRoute(endpoints.conceptCreate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Create a concept (SMR; FS INGE for municipalities assigned to them)",
        description:
          "Rules, each its own 422 code: a member named twice (CONCEPT_MEMBER_DUPLICATE), an unknown AGS (UNKNOWN_AGS), kind " +
          "not fitting the scope (CONCEPT_KIND_SCOPE_MISMATCH), a municipal concept with other than one member, a joint one with " +
          "fewer than two, an area concept with other than one municipality (CONCEPT_AREA_ONE_MEMBER) or without a parent " +
          "(CONCEPT_AREA_PARENT_REQUIRED), a parent that is not town-wide (CONCEPT_PARENT_NOT_TOWN_WIDE) or does not cover the " +
          "municipality, a lead that is no member, an unknown concept to update.",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      const created = await createConcept(requestContext(request), app.deps.rules, request.body);
      return reply.status(201).header("ETag", `"${created.version}"`).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.conceptUpdate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Change a concept on top of the version named by If-Match (428 without, 412 with an old one)",
        description:
          "SMR; FS INGE when every member is assigned to them; a municipality account for the concepts it is a member of. " +
          "`members` and `participation` replace the lists whole; a member whose council adopted the concept stays " +
          "(CONCEPT_MEMBER_HAS_RESOLUTION). The rules of POST apply to the concept as changed.",
        response: { ...errors, 412: conceptPreconditionFailedSchema, 428: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const expected = expectedVersionOf(request.headers["if-match"], "GET /api/concepts/:id");
      try {
        const updated = await updateConcept(requestContext(request), app.deps.rules, request.params.id, request.body, expected);
        return await reply.header("ETag", `"${updated.version}"`).send(updated);
      } catch (error) {
        if (!(error instanceof ConceptVersionMismatchError)) throw error;
        // The 412 answer is not the endpoint's success shape: its schema is the route's 412 entry.
        return (reply as unknown as FastifyReply)
          .status(412)
          .header("ETag", `"${error.current.version}"`)
          .send({ statusCode: 412, code: error.code, message: error.message, requestId: request.id, current: error.current });
      }
    },
  });

  app.route({
    ...endpointRoute(endpoints.conceptResolutionCreate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Record a member council's resolution; writes that member's status event council_adopted with the concept's id",
        description:
          "One transaction: the resolution and the member's status event (the rules of POST /api/municipalities/:ags/events " +
          "apply, with their codes), so coverage, history and statistics follow. A non-member (RESOLUTION_NOT_MEMBER) or a " +
          "date after today (RESOLUTION_DATE_IN_FUTURE) is 422. An area concept's resolution writes no status event. " +
          "Whoever may write the member's record may record its resolution.",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      const { rules, publicUrl } = app.deps;
      const created = await recordResolution(requestContext(request), { rules, publicUrl }, request.params.id, request.body);
      return reply.status(201).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.conceptDocumentCreate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Add a document: an uploaded PDF (multipart/form-data: file, title?, kind?) or a link (JSON: url, title?, kind?)",
        description:
          "The file must be a PDF by its bytes (DOCUMENT_NOT_PDF) of at most 25 MB (DOCUMENT_TOO_LARGE), both 422. It is stored " +
          "in the database, so that every instance and every backup has it; GET /api/documents/:id serves it.",
        consumes: ["multipart/form-data", "application/json"],
        response: { ...errors, 503: errorResponseSchema },
      },
    }),
    bodyLimit: DOCUMENT_MAX_BYTES + 1024 * 1024,
    handler: async (request, reply) => {
      const ctx = requestContext(request);
      if (request.isMultipart()) {
        const fields: Record<string, string> = {};
        let file: UploadedFile | undefined;
        const document = await gate.run(async () => {
          try {
            for await (const part of request.parts()) {
              if (part.type === "file") {
                if (part.fieldname !== "file") {
                  part.file.resume();
                  continue;
                }
                file = { fileName: part.filename, content: await part.toBuffer() };
              } else if (typeof part.value === "string") {
                fields[part.fieldname] = part.value;
              }
            }
          } catch (error) {
            if ((error as MultipartFileError).code === "FST_REQ_FILE_TOO_LARGE") throw documentTooLarge();
            throw error;
          }
          if (!file) {
            const message = "send the PDF in the form field `file`";
            throw new AppError(422, ERROR_CODES.documentFileRequired, message, [{ path: "body.file", code: ERROR_CODES.documentFileRequired, message }]);
          }
          const parsed = documentUploadFieldsSchema.safeParse(fields);
          if (!parsed.success) {
            throw new ValidationError(
              "The form fields are not valid",
              parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".")}`, code: ERROR_CODES.validation, message: i.message })),
            );
          }
          return addDocument(ctx, request.params.id, { kind: parsed.data.kind, title: parsed.data.title ?? null, file });
        });
        return reply.status(201).send(document);
      }
      const body = request.body;
      if (!body) {
        const message = "send a PDF as multipart/form-data (field `file`) or a link as JSON ({ url })";
        throw new AppError(422, ERROR_CODES.documentFileRequired, message, [{ path: "body.file", code: ERROR_CODES.documentFileRequired, message }]);
      }
      const document = await addDocument(ctx, request.params.id, { kind: body.kind, title: body.title ?? null, url: body.url });
      return reply.status(201).send(document);
    },
  });

  app.route({
    ...endpointRoute(endpoints.documentDownload, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "An uploaded document's bytes, with its media type and file name (Content-Disposition)",
        produces: ["application/pdf"],
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const found = await documentForDownload(database.db, request.params.id);
      return reply
        .header("Content-Type", found.mediaType)
        .header("Content-Disposition", contentDisposition(found.fileName))
        .header("Content-Length", String(found.content.length))
        .header("ETag", `"${found.sha256}"`)
        .send(found.content);
    },
  });
};
