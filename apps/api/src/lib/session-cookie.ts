import { ERROR_CODES } from "@insek/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "./errors.js";

/** The session cookie and the CSRF header of cookie-authenticated writes (plugins/auth.ts checks them). */
export const SESSION_COOKIE = "insek_session";
export const CSRF_HEADER = "x-csrf-token";

/**
 * Refuses a request that a browser sent from another site (login CSRF): a foreign Origin or
 * Sec-Fetch-Site: cross-site. Requests without these headers (scripts, old browsers) pass.
 */
export function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  const crossSite = request.headers["sec-fetch-site"] === "cross-site";
  let foreign = false;
  if (origin !== undefined) {
    try {
      // Host names only: ports and schemes differ legitimately behind a TLS-terminating proxy.
      foreign = origin === "null" || new URL(origin).hostname !== new URL(`http://${request.host}`).hostname;
    } catch {
      foreign = true;
    }
  }
  if (crossSite || foreign) throw new AppError(403, ERROR_CODES.crossSiteRequest, "Requests from other sites are refused");
}

function cookieSecure(request: FastifyRequest): boolean {
  return request.protocol === "https" || request.server.deps.auth.cookieSecure;
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - request.server.deps.clock().getTime()) / 1000));
  void reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: "lax", path: "/", secure: cookieSecure(request), maxAge });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", path: "/", secure: cookieSecure(request) });
}
