import cookie from "@fastify/cookie";
import { ERROR_CODES } from "@insek/contracts";
import type { FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ANONYMOUS, type Principal, REAUTH_MINUTES, decideAccess } from "../lib/access.js";
import { AppError, authenticationRequired, forbidden, outOfScope } from "../lib/errors.js";
import { requestContext } from "../lib/request-context.js";
import { CSRF_HEADER, SESSION_COOKIE, clearSessionCookie } from "../lib/session-cookie.js";
import { canWriteMunicipality } from "../modules/accounts/accounts.service.js";
import { principalFromApiToken, principalFromSession } from "../modules/accounts/auth.service.js";
import { sameSecret } from "../modules/accounts/secrets.js";
import { readPublicAccess } from "../modules/settings/settings.repo.js";

declare module "fastify" {
  interface FastifyRequest {
    /** Who is asking: resolved from the session cookie or a Bearer token before anything else runs. */
    principal: Principal;
  }
  interface FastifyInstance {
    /** Whether the public-access setting lets anonymous visitors read (cached per data generation). */
    publicAccessEnabled(request: FastifyRequest): Promise<boolean>;
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Whether the public-access setting lets anonymous visitors read (default: on for the embedded database). */
function publicAccessEnabled(request: FastifyRequest): Promise<boolean> {
  const { database } = request.server.deps;
  const read = () => readPublicAccess(database.db, database.kind === "pglite");
  // Settings changes raise the data generation: one query per generation, not per anonymous request.
  return request.server.hasDecorator("readCache") ? request.server.readCache.perGeneration(request, "publicAccess", read) : read();
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
    app.decorate("publicAccessEnabled", publicAccessEnabled);

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
          return ags === undefined ? Promise.resolve(false) : canWriteMunicipality(requestContext(request), ags);
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
