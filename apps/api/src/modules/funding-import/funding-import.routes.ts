import multipart from "@fastify/multipart";
import {
  ERROR_CODES,
  EVENT_IMPORT_MAX_BYTES,
  type MeasureImportResult,
  endpoints,
  errorResponseSchema,
  measureImportFailedSchema,
} from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { WorkGate } from "../../lib/uploads/work-gate.js";
import { type ImportFile, MeasureImportInvalidError, importMeasures } from "./funding-import.service.js";

interface MultipartError extends Error {
  code?: string;
  statusCode?: number;
}

const fileRequired = () => {
  const message = "send the programme list (CSV or XLSX) in the form field `file`";
  return new AppError(422, ERROR_CODES.importFileRequired, message, [{ path: "body.file", code: ERROR_CODES.importFileRequired, message }]);
};

/**
 * What a broken multipart body becomes: too large 413, anything else the form parser refuses (a missing
 * boundary, a truncated or malformed part) 400; never a 500.
 */
function multipartError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const e = error as MultipartError;
  if (e.code === "FST_REQ_FILE_TOO_LARGE" || e.statusCode === 413) {
    return new AppError(413, ERROR_CODES.payloadTooLarge, `The file is larger than ${EVENT_IMPORT_MAX_BYTES / 1024 / 1024} MB`);
  }
  if (e.code?.startsWith("FST_") || (e instanceof Error && e.statusCode === undefined)) {
    return new AppError(400, ERROR_CODES.badRequest, "The request body is not readable as multipart/form-data");
  }
  return error;
}

export const fundingImportRoutes: FastifyPluginAsyncZod = async (app) => {
  // One list is read at a time (its cost is bounded by lib/uploads); a few wait, more get 503.
  const gate = new WorkGate(1, 4);

  // multipart/form-data only inside this plugin: the list upload.
  await app.register(multipart, {
    limits: { fileSize: EVENT_IMPORT_MAX_BYTES, files: 1, fields: 4, fieldSize: 200, parts: 6, headerPairs: 100 },
  });

  app.route({
    bodyLimit: EVENT_IMPORT_MAX_BYTES + 64 * 1024,
    ...endpointRoute(endpoints.measureImport, {
      config: { access: "staff" },
      schema: {
        tags: ["funding"],
        summary: "Import a yearly programme list (CSV or XLSX) as measures and federal amounts (dry run by default); all rows or none",
        description:
          "multipart/form-data, field `file` (CSV, `;` or `,`, UTF-8; or XLSX; at most 5 MB and the bounds of POST /api/import/events). " +
          "Columns (any order and spelling of case): Land, Gemeinde, Maßnahme, Programm, Bundesfinanzhilfe; optional AGS, Jahr, " +
          "Landkreis, Fördergebiet, Zustand. Rows of other Länder are skipped (IMPORT_ROW_NOT_SAXONY). A municipality is found by " +
          "AGS, or by name among the Saxon municipalities of the list's year (umlauts, official additions and regional qualifiers " +
          "do not matter; Landkreis decides between namesakes); the programme by id, name or a common variant. Bundesfinanzhilfe " +
          "becomes the measure's federal amount of the year (Jahr, else ?year=, else the year in the file name); a measure of the " +
          "same municipality, programme and name gets that year's amount set instead of a duplicate. Every row that cannot be used " +
          "names its line and a stable code; a real run with any such row writes nothing (422 IMPORT_INVALID). SMR and FS INGE " +
          "(an advisor: rows of the municipalities assigned to them today).",
        consumes: ["multipart/form-data"],
        response: {
          400: errorResponseSchema,
          413: errorResponseSchema,
          415: errorResponseSchema,
          422: z.union([measureImportFailedSchema, errorResponseSchema]),
          503: errorResponseSchema,
        },
      },
    }),
    handler: async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(415, ERROR_CODES.unsupportedMediaType, "Send the list as multipart/form-data with the field `file`");
      }
      const ctx = requestContext(request);
      const { dryRun, year } = request.query;
      try {
        return await gate.run(async () => {
          let file: ImportFile | undefined;
          let parts = 0;
          try {
            for await (const part of request.parts()) {
              parts += 1;
              if (part.type !== "file") continue;
              if (part.fieldname !== "file" || file) {
                part.file.resume();
                continue;
              }
              file = { fileName: part.filename, content: await part.toBuffer() };
            }
          } catch (error) {
            throw multipartError(error);
          }
          // Not one part: the body never names its boundary (or is no form at all).
          if (parts === 0) throw new AppError(400, ERROR_CODES.badRequest, "The request body holds no multipart/form-data part (is the boundary right?)");
          if (!file) throw fileRequired();
          return importMeasures(ctx, file, { dryRun, year });
        });
      } catch (error) {
        if (!(error instanceof MeasureImportInvalidError)) throw error;
        const failed: MeasureImportResult & { statusCode: number; code: string; message: string; requestId: string } = {
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
