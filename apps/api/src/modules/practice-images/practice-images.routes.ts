import { createHash } from "node:crypto";
import multipart from "@fastify/multipart";
import { ERROR_CODES, PRACTICE_IMAGE_MAX_BYTES, endpoints, errorResponseSchema, practiceImageUploadFieldsSchema } from "@insek/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError, ValidationError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { imageTooLarge } from "../../lib/uploads/images.js";
import { WorkGate } from "../../lib/uploads/work-gate.js";
import { addImage, deleteImage, imageForDownload, updateImageAlt } from "./practice-images.service.js";

const tags = ["practices"];
const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema };

/** A year: the bytes behind an image's id and size never change (decision 0035). */
const IMMUTABLE = "max-age=31536000, immutable";

interface MultipartError extends Error {
  code?: string;
  statusCode?: number;
}

function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === etag || t === "*");
}

export const practiceImageRoutes: FastifyPluginAsyncZod = async (app) => {
  // Decoding and re-encoding is memory- and CPU-heavy: one picture at a time, a few wait, more get 503 SERVER_BUSY.
  const gate = new WorkGate(1, 4);

  // multipart/form-data only inside this plugin: the image upload.
  await app.register(multipart, {
    limits: { fileSize: PRACTICE_IMAGE_MAX_BYTES, files: 1, fields: 4, fieldSize: 2000, parts: 6, headerPairs: 100 },
  });

  app.route({
    ...endpointRoute(endpoints.practiceImageCreate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Add an image to a Praxisbeispiel (multipart/form-data: file, alt)",
        description:
          "The file must be a JPEG, PNG or WebP by its bytes (the name and Content-Type are not trusted; PRACTICE_IMAGE_INVALID), of at most " +
          "10 MB (PRACTICE_IMAGE_TOO_LARGE) and 40 megapixels as its header declares (PRACTICE_IMAGE_TOO_MANY_PIXELS), all 422 at the field " +
          "`file`; `alt` is required (422 at the field `alt`). It is stored re-encoded as WebP in three sizes (320, 800, 1600 px on the longest " +
          "side, never enlarged) without any metadata (EXIF, GPS, XMP); the upload itself is not kept. Editors (smr, FS INGE) add images while " +
          "the entry is not withdrawn; its municipalities and author while it is a draft or returned to them.",
        consumes: ["multipart/form-data"],
        response: { ...errors, 413: errorResponseSchema, 503: errorResponseSchema },
      },
    }),
    bodyLimit: PRACTICE_IMAGE_MAX_BYTES + 1024 * 1024,
    handler: async (request, reply) => {
      if (!request.isMultipart()) {
        throw new AppError(415, ERROR_CODES.unsupportedMediaType, "Send the image as multipart/form-data (fields `file` and `alt`)");
      }
      const ctx = requestContext(request);
      const image = await gate.run(async () => {
        const fields: Record<string, string> = {};
        let content: Buffer | undefined;
        try {
          for await (const part of request.parts()) {
            if (part.type === "file") {
              if (part.fieldname !== "file" || content !== undefined) {
                part.file.resume();
                continue;
              }
              content = await part.toBuffer();
            } else if (typeof part.value === "string") {
              fields[part.fieldname] = part.value;
            }
          }
        } catch (error) {
          const failure = error as MultipartError;
          if (failure.code === "FST_REQ_FILE_TOO_LARGE") throw imageTooLarge();
          if (failure instanceof AppError) throw failure;
          // A body that is no well-formed multipart message (cut off, no boundary, broken part headers).
          if (failure.statusCode === undefined || failure.statusCode < 500) {
            throw new AppError(failure.statusCode === 413 ? 413 : 400, failure.statusCode === 413 ? ERROR_CODES.payloadTooLarge : ERROR_CODES.badRequest, "The multipart body is malformed or exceeds its limits");
          }
          throw error;
        }
        const parsed = practiceImageUploadFieldsSchema.safeParse(fields);
        if (!parsed.success) {
          throw new ValidationError(
            "The form fields are not valid",
            parsed.error.issues.map((i) => ({ path: `body.${i.path.join(".") || "alt"}`, code: ERROR_CODES.validation, message: i.message })),
            422,
          );
        }
        if (!content) {
          const message = "send the picture in the form field `file`";
          throw new AppError(422, ERROR_CODES.practiceImageFileRequired, message, [{ path: "body.file", code: ERROR_CODES.practiceImageFileRequired, message }]);
        }
        return addImage(ctx, request.params.id, { alt: parsed.data.alt, content });
      });
      return reply.status(201).send(image);
    },
  });

  app.route({
    ...endpointRoute(endpoints.practiceImageUpdate, {
      config: { access: "signedIn" },
      schema: { tags, summary: "Change an image's alt text (its bytes and URLs stay)", description: "Who may change it: as for adding an image.", response: errors },
    }),
    handler: async (request) => updateImageAlt(requestContext(request), request.params.id, request.params.imageId, request.body.alt),
  });

  app.route({
    ...endpointRoute(endpoints.practiceImageDelete, {
      config: { access: "signedIn" },
      schema: { tags, summary: "Delete an image of a Praxisbeispiel", description: "Who may delete it: as for adding an image.", response: errors },
    }),
    handler: async (request, reply) => {
      await deleteImage(requestContext(request), request.params.id, request.params.imageId);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(endpoints.imageDownload, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "One size of an image (image/webp): an <img> source",
        description:
          "Images of a published entry: `Cache-Control: public, max-age=31536000, immutable` while public access is on (else `private`), " +
          "since an id's bytes never change; the ETag is their SHA-256. Images of other entries only for those who may see the entry " +
          "(else 404 IMAGE_NOT_FOUND), `private, no-cache`.",
        produces: ["image/webp"],
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const found = await imageForDownload(requestContext(request), request.params.id, request.query.size, request.query.v);
      const etag = `"${createHash("sha256").update(found.content).digest("hex")}"`;
      const shared = found.published && (await app.publicAccessEnabled(request));
      void reply
        .header("ETag", etag)
        .header("Cache-Control", found.published ? `${shared ? "public" : "private"}, ${IMMUTABLE}` : "private, no-cache")
        .header("Content-Disposition", `inline; filename="image-${request.params.id}-${request.query.size}.webp"`);
      if (etagMatches(request.headers["if-none-match"], etag)) return (reply as FastifyReply).status(304).send();
      return reply.header("Content-Type", found.contentType).header("Content-Length", String(found.content.length)).send(found.content);
    },
  });
};
