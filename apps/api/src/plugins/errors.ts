import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { ERROR_CODES, type ErrorResponse } from "@insek/contracts";
import { isDatabaseUnavailable } from "@insek/db";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, type FieldIssue, TooManyRequestsError } from "../lib/errors.js";
import { ServerBusyError } from "../lib/uploads/work-gate.js";

const SAFE_CLIENT_ERRORS: Record<string, { statusCode: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { statusCode: 400, code: ERROR_CODES.malformedJson, message: "The request body is not valid JSON" },
  FST_ERR_CTP_EMPTY_JSON_BODY: { statusCode: 400, code: ERROR_CODES.malformedJson, message: "The JSON request body is empty" },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: ERROR_CODES.payloadTooLarge, message: "The request body is too large" },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: ERROR_CODES.unsupportedMediaType, message: "Unsupported content type" },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: ERROR_CODES.badRequest, message: "Content-Length does not match the body" },
};

/** The stable code of each client-error status answered without a code of its own (e.g. by a plugin). */
const CLIENT_ERROR_CODES: Record<number, string> = {
  400: ERROR_CODES.badRequest,
  401: ERROR_CODES.authenticationRequired,
  403: ERROR_CODES.forbidden,
  404: ERROR_CODES.notFound,
  405: ERROR_CODES.methodNotAllowed,
  406: ERROR_CODES.notAcceptable,
  408: ERROR_CODES.requestTimeout,
  413: ERROR_CODES.payloadTooLarge,
  414: ERROR_CODES.uriTooLong,
  415: ERROR_CODES.unsupportedMediaType,
  416: ERROR_CODES.rangeNotSatisfiable,
  431: ERROR_CODES.requestHeaderFieldsTooLarge,
};

export function clientErrorCode(status: number): string {
  return CLIENT_ERROR_CODES[status] ?? ERROR_CODES.badRequest;
}

function send(reply: FastifyReply, request: FastifyRequest, body: Omit<ErrorResponse, "requestId">) {
  const payload: ErrorResponse = { ...body, requestId: request.id };
  return reply.status(body.statusCode).type("application/json; charset=utf-8").send(payload);
}

function zodIssues(error: FastifyError): FieldIssue[] {
  const context = error.validationContext ?? "request";
  return (error.validation ?? []).map((v) => {
    const path = v.instancePath.split("/").filter(Boolean).join(".");
    // A shared rule of the contracts (text, dates) names its own stable code in the issue's params.
    const ruleCode = (v.params as { params?: { code?: unknown } } | undefined)?.params?.code;
    return {
      path: path ? `${context}.${path}` : context,
      code: typeof ruleCode === "string" ? ruleCode : v.keyword,
      message: v.message ?? "invalid",
    };
  });
}

/** Maps every error to `{ statusCode, code, message, requestId }`; 5xx details go to the log only. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      if (error instanceof TooManyRequestsError || error instanceof ServerBusyError) {
        void reply.header("Retry-After", String(error.retryAfterSeconds));
      }
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
    if (isDatabaseUnavailable(error)) {
      // A database restart or network failure: the client may retry; readiness reports the same.
      request.log.warn({ err: error }, "database unavailable");
      void reply.header("Retry-After", "5");
      return send(reply, request, { statusCode: 503, code: ERROR_CODES.notReady, message: "Database not reachable" });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      request.log.info({ err: error }, "client error");
      return send(reply, request, { statusCode: status, code: clientErrorCode(status), message: STATUS_CODES[status] ?? "Bad request" });
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

/**
 * Errors Fastify raises before routing, bypassing the error handler: a URL that does not decode
 * (`/api/municipalities/%ff`), a path parameter over the length limit. Same shape as every other error.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void reply.header("x-request-id", request.id);
  if (error.code === "FST_ERR_MAX_PARAM_LENGTH") {
    void send(reply, request, { statusCode: 414, code: ERROR_CODES.uriTooLong, message: "A path parameter is too long" });
  } else if (error.code === "FST_ERR_BAD_URL") {
    void send(reply, request, { statusCode: 400, code: ERROR_CODES.badRequest, message: "The URL is not validly encoded" });
  } else {
    request.log.error({ err: error }, "request failed before routing");
    void send(reply, request, { statusCode: 500, code: ERROR_CODES.internal, message: "Internal server error" });
  }
}

/**
 * Requests Node's HTTP parser refuses (broken chunked encoding, duplicate Content-Length, bytes not
 * allowed in the request line, oversized headers, timeouts): answered on the raw socket, in the standard
 * error shape, and the connection is closed. Replaces Fastify's default, which sends another shape.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Duplex) {
  // A reset connection has nobody to answer to.
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const { statusCode, message } =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? { statusCode: 408, message: "The request took too long to arrive" }
      : error.code === "HPE_HEADER_OVERFLOW"
        ? { statusCode: 431, message: "The request headers are too large" }
        : { statusCode: 400, message: "Malformed HTTP request" };
  const requestId = randomUUID();
  const body = JSON.stringify({ statusCode, code: clientErrorCode(statusCode), message, requestId } satisfies ErrorResponse);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode] ?? ""}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
