import cookie from "@fastify/cookie";
import { ERROR_CODES } from "@insek/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ANONYMOUS, type Principal, REAUTH_MINUTES, type SignedIn, decideAccess } from "../lib/access.js";
import { todayInSaxony } from "../lib/clock.js";
import { AppError, authenticationRequired, forbidden, outOfScope } from "../lib/errors.js";
import { advisorAssignedOn } from "../modules/accounts/accounts.repo.js";
import { principalFromApiToken, principalFromSession } from "../modules/accounts/auth.service.js";
import { sameSecret } from "../modules/accounts/secrets.js";
import { readPublicAccess } from "../modules/settings/settings.repo.js";

export const SESSION_COOKIE = "insek_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking: resolved from the session cookie or a Bearer token before anything else runs. */
    principal: Principal;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The signed-in principal, or 401. */
export function requireSignedIn(request: FastifyRequest): SignedIn {
  if (request.principal.kind !== "user") throw authenticationRequired();
  return request.principal;
}

/** Whether the public-access setting lets anonymous visitors read (default: on for the embedded database). */
export function publicAccessEnabled(request: FastifyRequest): Promise<boolean> {
  const { database } = request.server.deps;
  const read = () => readPublicAccess(database.db, database.kind === "pglite");
  // Settings changes raise the data generation: one query per generation, not per anonymous request.
  return request.server.hasDecorator("readCache") ? request.server.readCache.perGeneration(request, "publicAccess", read) : read();
}

/**
 * Whether the principal may write for the municipality: smr always, an advisor assigned to it today, a
 * municipality account linked to it. Services call this for every AGS a request names.
 */
export async function canWriteMunicipality(request: FastifyRequest, ags: string): Promise<boolean> {
  const principal = request.principal;
  if (principal.kind !== "user") return false;
  const { user } = principal;
  if (user.role === "smr") return true;
  if (user.role === "municipality") return user.ags.includes(ags);
  const { database, clock } = request.server.deps;
  return advisorAssignedOn(database.db, user.id, ags, todayInSaxony(clock));
}

/** 401 for anonymous, 403 OUT_OF_SCOPE outside the principal's municipalities. */
export async function assertMunicipalityScope(request: FastifyRequest, ags: string): Promise<SignedIn> {
  const principal = requireSignedIn(request);
  if (!(await canWriteMunicipality(request, ags))) throw outOfScope(`Municipality ${ags} is outside your account's scope`);
  return principal;
}

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

type Resolution = { principal: Principal; problem?: "invalid_token" | "session_ended" };

async function resolvePrincipal(request: FastifyRequest): Promise<Resolution> {
  const { database, clock, auth } = request.server.deps;
  const now = clock();
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    const principal = bearer ? await principalFromApiToken(database.db, bearer, now) : undefined;
    return principal ? { principal } : { principal: ANONYMOUS, problem: "invalid_token" };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const principal = await principalFromSession(database.db, token, now, auth);
    return principal ? { principal } : { principal: ANONYMOUS, problem: "session_ended" };
  }
  return { principal: ANONYMOUS };
}

/**
 * Resolves `request.principal`, checks the CSRF token of cookie-authenticated writes, and enforces the
 * route's access rule, all before the body is parsed. Services check data-dependent scope themselves.
 */
export const authPlugin = fp(
  async (app) => {
    await app.register(cookie);
    // Set by the onRequest hook below, before anything else looks at it.
    app.decorateRequest("principal");

    app.addHook("onRequest", async (request, reply) => {
      const { principal, problem } = await resolvePrincipal(request);
      request.principal = principal;
      if (problem === "session_ended") clearSessionCookie(request, reply);

      const config = request.routeOptions.config;
      const rule = config.access;
      // Only the not-found handler has no rule (app.ready() refuses routes without one).
      if (rule === undefined) return;

      // A browser sends the cookie with cross-site requests too; only this site's pages know the token.
      if (principal.kind === "user" && principal.via === "session" && UNSAFE_METHODS.has(request.method) && config.csrf !== false) {
        const header = request.headers[CSRF_HEADER];
        if (typeof header !== "string" || !sameSecret(header, principal.csrfToken)) {
          throw new AppError(403, ERROR_CODES.csrfTokenInvalid, `Send the csrfToken of /api/auth/me in the ${CSRF_HEADER} header`);
        }
      }
      if (rule === "public") return;
      if (problem === "invalid_token") throw authenticationRequired("The API token is invalid, expired or revoked");

      const decision = await decideAccess(rule, principal, {
        publicAccess: () => publicAccessEnabled(request),
        now: () => request.server.deps.clock(),
        municipalityInScope: () => {
          const ags = (request.params as Record<string, string | undefined>).ags;
          return ags === undefined ? Promise.resolve(false) : canWriteMunicipality(request, ags);
        },
      });
      switch (decision) {
        case "allow":
          return;
        case "unauthenticated":
          throw authenticationRequired(problem === "session_ended" ? "Your session has ended: sign in again" : "Sign in first");
        case "forbidden":
          throw forbidden();
        case "outOfScope":
          throw outOfScope();
        case "reauthenticate":
          throw new AppError(
            403,
            ERROR_CODES.reauthenticationRequired,
            `Confirm your password first (POST /api/auth/reauth); it counts for ${REAUTH_MINUTES} minutes`,
          );
      }
    });
  },
  { name: "insek-auth" },
);
