import type { Endpoint } from "@insek/contracts";
import type { FastifyContextConfig } from "fastify";
import type { z } from "zod";

/** What a route adds to its endpoint's schemas: the OpenAPI text and the error answers it documents. */
export interface EndpointRouteSchema {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: readonly Record<string, readonly string[]>[];
  /** Left out of the OpenAPI document (the document itself). */
  hide?: boolean;
  /** Request headers the route reads (e.g. If-Match), for validation and the OpenAPI document. */
  headers?: z.ZodType;
  /** Content types of the body beside JSON (e.g. multipart/form-data), and of a non-JSON answer, for the OpenAPI document. */
  consumes?: string[];
  produces?: string[];
  /** Further documented answers (errors); the success answer comes from the endpoint. */
  response?: Record<number, z.ZodType>;
}

type SuccessStatus<E extends Endpoint> = NonNullable<E["status"]> extends 201 | 204 ? NonNullable<E["status"]> : 200;

/** A route that sends prepared bytes (`produces`) answers with whatever it prepared; the others with their response schema. */
type SuccessAnswer<E extends Endpoint> = E["produces"] extends string ? z.ZodUnknown : E["response"];

/**
 * The method, URL and schemas of a route, taken from its entry in the contracts' endpoint map, with the
 * route's own access rule (`config.access`) and OpenAPI text. Use as
 * `app.route({ ...endpointRoute(endpoints.x, { config, schema }), handler })`: Fastify infers the
 * request's params, query, headers and body and the handler's answer from the endpoint's schemas.
 *
 * An endpoint with `consumes` takes a file as its body (the route adds the content type parsers); one with
 * `produces` sends prepared bytes, so its success answer is documented by media type, not serialized.
 */
export function endpointRoute<E extends Endpoint, X extends Record<number, z.ZodType> = Record<never, z.ZodType>>(
  endpoint: E,
  options: { config: FastifyContextConfig; schema: EndpointRouteSchema & { response?: X } },
) {
  const { response: extra, security, ...text } = options.schema;
  const status = (endpoint.status ?? 200) as SuccessStatus<E>;
  // Prepared bytes are documented by their media type (and never serialized: Fastify sends strings and buffers as they are).
  const success =
    endpoint.produces === undefined
      ? { [status]: endpoint.response }
      : { [status]: { description: `${endpoint.produces}`, content: { [endpoint.produces]: { schema: endpoint.response } } } };
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
      ...((endpoint.headers ? { headers: endpoint.headers } : {}) as { headers: E["headers"] }),
      ...((endpoint.body ? { body: endpoint.body } : {}) as { body: E["body"] }),
      ...(endpoint.consumes ? { consumes: [...endpoint.consumes] } : {}),
      response: { ...extra, ...success } as X & Record<SuccessStatus<E>, SuccessAnswer<E>>,
    },
  };
}
