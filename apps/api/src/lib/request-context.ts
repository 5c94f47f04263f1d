import type { Db } from "@insek/db";
import type { FastifyRequest } from "fastify";
import type { Principal } from "./access.js";
import type { Clock } from "./clock.js";

/**
 * What a service needs to know about the request it serves, as plain data: who asks, from where, under
 * which request id, the app's clock and the database. Services take this (or a part of it), never the
 * Fastify request (decision 0022); routes build it with `requestContext(request)`.
 */
export interface RequestContext {
  principal: Principal;
  /** The client's address (behind a trusted proxy: the forwarded one). */
  address: string | null;
  requestId: string | null;
  clock: Clock;
  db: Db;
}

/** The one place a request becomes a context. */
export function requestContext(request: FastifyRequest): RequestContext {
  const { clock, database } = request.server.deps;
  return { principal: request.principal, address: request.ip, requestId: request.id, clock, db: database.db };
}
