import type { Endpoint } from "@insek/contracts";
import type { FastifyContextConfig } from "fastify";
import type { z } from "zod";

/** What a route adds to its endpoint's schemas: the OpenAPI text and the error answers it documents. */
export interface EndpointRouteSchema {
  tags: string[];
  summary: string;
  description?: string;
  security?: readonly Record<string, readonly string[]>[];
  /** Request headers the route reads (e.g. If-Match), for validation and the OpenAPI document. */
  headers?: z.ZodType;
  /** Content types of the body beside JSON (e.g. multipart/form-data), and of a non-JSON answer, for the OpenAPI document. */
  consumes?: string[];
  produces?: string[];
  /** Further documented answers (errors); the success answer comes from the endpoint. */
  response?: Record<number, z.ZodType>;
}

type SuccessStatus<E extends Endpoint> = NonNullable<E["status"]> extends 201 | 204 ? NonNullable<E["status"]> : 200;

/**
 * The method, URL and schemas of a route, taken from its entry in the contracts' endpoint map, with the
 * route's own access rule (`config.access`) and OpenAPI text. Use as
 * `app.route({ ...endpointRoute(endpoints.x, { config, schema }), handler })`: Fastify infers the
 * request's params, query and body and the handler's answer from the endpoint's schemas.
 */
export function endpointRoute<E extends Endpoint>(endpoint: E, options: { config: FastifyContextConfig; schema: EndpointRouteSchema }) {
  const { response: extra, security, ...text } = options.schema;
  const status = (endpoint.status ?? 200) as SuccessStatus<E>;
  return {
    method: endpoint.method,
    url: endpoint.path,
    config: options.config,
    schema: {
      ...text,
      ...(security ? { security: security.map((s) => ({ ...s })) as Record<string, string[]>[] } : {}),
      // Only the parts the endpoint has (an undefined key would reach the validator and the OpenAPI transform).
      ...((endpoint.params ? { params: endpoint.params } : {}) as { params: E["params"] }),
      ...((endpoint.query ? { querystring: endpoint.query } : {}) as { querystring: E["query"] }),
      ...((endpoint.body ? { body: endpoint.body } : {}) as { body: E["body"] }),
      response: { ...extra, [status]: endpoint.response } as Record<SuccessStatus<E>, E["response"]>,
    },
  };
}
