import { ERROR_CODES, type ErrorResponse } from "@insek/contracts";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type FieldIssue, TooManyRequestsError } from "../lib/errors.js";

const SAFE_CLIENT_ERRORS: Record<string, { statusCode: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: ERROR_CODES.malformedJson, message: "The request body is not valid JSON" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: ERROR_CODES.malformedJson, message: "The JSON request body is empty" },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: ERROR_CODES.payloadTooLarge, message: "The request body is too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: ERROR_CODES.unsupportedMediaType, message: "Unsupported content type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: ERROR_CODES.badRequest, message: "Content-Length does not match the body" },
};

function send(reply: FastifyReply, request: FastifyRequest, body: Omit<ErrorResponse, "requestId">) {
  const payload: ErrorResponse = { ...body, requestId: request.id };
  return reply.status(body.statusCode).type("application/json; charset=utf-8").send(payload);
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? "request";
  return (error.validation ?? []).map((v) => {
    const path = v.instancePath.split("/").filter(Boolean).join(".");
    return {
      path: path ? `${context}.${path}` : context,
      code: v.keyword,
      message: v.message ?? "invalid",
    };
  });
}

/** Maps every error to `{ statusCode, code, message, requestId }`; 5xx details go to the log only. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError) void reply.header("Retry-After", String(error.retryAfterSeconds));
      return send(reply, request, {
        statusCode: error.statusCode,
        code: error.code,
        message: error.message,
        ...(error.issues ? { issues: error.issues } : {}),
      });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issues = zodIssues(error);
      return send(reply, request, {
        statusCode: 400,
        code: ERROR_CODES.validation,
        message: `Invalid request: ${issues.map((i) => i.path).join(", ")}`,
        issues,
      });
    }
    const known = error.code ? SAFE_CLIENT_ERRORS[error.code] : undefined;
    if (known) return send(reply, request, known);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, "client error");
      return send(reply, request, { statusCode: status, code: ERROR_CODES.badRequest, message: "Bad request" });
    }
    request.log.error({ err: error }, "request failed");
    return send(reply, request, {
      statusCode: 500,
      code: ERROR_CODES.internal,
      message: "Internal server error",
    });
  });
}

export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply) {
  return send(reply, request, {
    statusCode: 404,
    code: ERROR_CODES.routeNotFound,
    message: `No route ${request.method} ${request.url.split("?")[0] ?? ""}`,
  });
}
