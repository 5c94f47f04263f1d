import { ERROR_CODES, endpoints } from "@insek/contracts";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError, NotFoundError, TooManyRequestsError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { SESSION_COOKIE, assertSameOrigin, clearSessionCookie, setSessionCookie } from "../../lib/session-cookie.js";
import { createApiToken, endSession, endSessionById, login, reauthenticate, resetPassword } from "./auth.service.js";
import { type ApiTokenRow, listApiTokens, revokeApiToken } from "./credentials.repo.js";
import { type ThrottledBy, firstRefusalInWindow } from "./login-throttle.js";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SECURITY: Record<string, string[]>[] = [{ session: [] }, { bearer: [] }];

export function apiTokenView(r: ApiTokenRow) {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  };
}

/**
 * 429 for a throttled sign-in or password confirmation. The audit log gets one row per address and
 * 15-minute window (the first refusal); login_refusals counts them all, so a flood of refused requests
 * cannot fill the append-only log.
 */
async function refuseThrottled(request: FastifyRequest, email: string, outcome: { by: ThrottledBy; retryAfterSeconds: number }): Promise<never> {
  const { database, clock } = request.server.deps;
  const refusal = await firstRefusalInWindow(database.db, request.ip, clock());
  if (refusal.first) {
    await recordAudit(requestContext(request), "auth.login.throttled", `account:${email}`, {
      email,
      by: outcome.by,
      retryAfterSeconds: outcome.retryAfterSeconds,
      window: refusal.windowStart.toISOString(),
      further: "counted per address and window in login_refusals",
    });
  }
  throw new TooManyRequestsError(
    ERROR_CODES.tooManyAttempts,
    `Too many failed sign-in attempts. Wait ${outcome.retryAfterSeconds} seconds before trying again.`,
    outcome.retryAfterSeconds,
  );
}

/** Every answer of the account routes may carry a secret (session, CSRF token, API token, one-time link). */
export function noStore(_request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction): void {
  void reply.header("cache-control", "no-store");
  done();
}

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;
  app.addHook("onRequest", noStore);

  app.route({
    ...endpointRoute(endpoints.authLogin, {
      config: { access: "public", csrf: false },
      schema: {
        tags: ["auth"],
        summary: "Sign in with e-mail and password: sets the session cookie and returns the CSRF token",
        description:
          "Every login starts a new session. After 5 failed attempts for an account from one address, or 20 from one " +
          "address for any accounts, within 15 minutes the answer from that address is 429 TOO_MANY_ATTEMPTS with " +
          "Retry-After, growing with each further failure; past 50 failures of an account from anywhere, every address " +
          "waits after its first failure for it. A disabled account answers like a wrong password.",
      },
    }),
    handler: async (request, reply) => {
      assertSameOrigin(request);
      const outcome = await login(database.db, request.body, { address: request.ip, now: clock(), settings: app.deps.auth });
      const email = request.body.email;
      switch (outcome.kind) {
        case "throttled":
          return refuseThrottled(request, email, outcome);
        case "failed":
          // A disabled account answers like a wrong password, whichever password was sent: no oracle.
          await recordAudit(requestContext(request), "auth.login.failed", outcome.reason === "disabled" ? `user:${outcome.userId}` : `account:${email}`, {
            email,
            reason: outcome.reason,
          });
          throw new AppError(401, ERROR_CODES.invalidCredentials, "E-mail address or password is wrong");
        case "succeeded": {
          // The session the client came with (if any) ends: one browser, one session.
          const previous = request.cookies[SESSION_COOKIE];
          if (previous) await endSession(database.db, previous);
          setSessionCookie(request, reply, outcome.session.token, outcome.session.expiresAt);
          await recordAudit(requestContext(request), "auth.login.succeeded", `user:${outcome.user.id}`, { email }, {
            actor: { userId: outcome.user.id, label: outcome.user.email },
          });
          return { user: outcome.user, csrfToken: outcome.session.csrfToken };
        }
      }
    },
  });

  app.route({
    ...endpointRoute(endpoints.authLogout, {
      config: { access: "public" },
      schema: {
        tags: ["auth"],
        summary: "Sign out: ends the session on the server and clears the cookie (needs x-csrf-token while signed in)",
      },
    }),
    handler: async (request, reply) => {
      const principal = request.principal;
      if (principal.kind === "user" && principal.via === "session") {
        await endSessionById(database.db, principal.sessionId);
        await recordAudit(requestContext(request), "auth.logout", `user:${principal.user.id}`);
      }
      clearSessionCookie(request, reply);
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(endpoints.authMe, {
      config: { access: "signedIn" },
      schema: {
        tags: ["auth"],
        summary: "The signed-in account and the CSRF token of its session (null with an API token)",
        security: SECURITY,
      },
    }),
    handler: async (request) => {
      const principal = requireSignedIn(request.principal);
      return { user: principal.user, csrfToken: principal.via === "session" ? principal.csrfToken : null };
    },
  });

  app.route({
    ...endpointRoute(endpoints.authReauth, {
      config: { access: "session" },
      schema: {
        tags: ["auth"],
        summary: "Confirm the signed-in account's password: opens account administration to this session for 10 minutes",
        description: "Throttled like a login; a wrong password answers 401 INVALID_CREDENTIALS and leaves the session as it is.",
      },
    }),
    handler: async (request) => {
      const principal = requireSignedIn(request.principal);
      if (principal.via !== "session") throw new AppError(403, ERROR_CODES.forbidden, "Only a browser session confirms a password");
      const { email } = principal.user;
      const outcome = await reauthenticate(database.db, principal, request.body.password, { address: request.ip, now: clock() });
      switch (outcome.kind) {
        case "throttled":
          return refuseThrottled(request, email, outcome);
        case "failed":
          await recordAudit(requestContext(request), "auth.reauth.failed", `user:${principal.user.id}`, { email });
          throw new AppError(401, ERROR_CODES.invalidCredentials, "The password is wrong");
        case "confirmed":
          await recordAudit(requestContext(request), "auth.reauth.succeeded", `user:${principal.user.id}`, { email });
          return { reauthenticatedUntil: outcome.until.toISOString() };
      }
    },
  });

  app.route({
    ...endpointRoute(endpoints.authReset, {
      config: { access: "public", csrf: false },
      schema: {
        tags: ["auth"],
        summary: "Set a password with a one-time link's token (once, within 24 hours): 410 RESET_TOKEN_INVALID otherwise",
      },
    }),
    handler: async (request, reply) => {
      assertSameOrigin(request);
      await resetPassword(database.db, request.body.token, request.body.password, clock(), (tx, user) =>
        recordAudit(requestContext(request), "auth.password.set", `user:${user.id}`, undefined, { actor: { userId: user.id, label: user.email }, db: tx }),
      );
      return reply.status(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(endpoints.authTokenCreate, {
      config: { access: "session" },
      schema: {
        tags: ["auth"],
        summary: "Create a named API token for scripts (shown once; sent as Authorization: Bearer <token>)",
        description: "Only from a signed-in browser session, so that a token cannot mint further tokens.",
      },
    }),
    handler: async (request, reply) => {
      const principal = requireSignedIn(request.principal);
      const created = await database.db.transaction(async (tx) => {
        const result = await createApiToken(tx, principal.user.id, request.body, clock());
        await recordAudit(requestContext(request), "auth.token.created", `token:${result.row.id}`, { name: result.row.name, expiresAt: result.row.expiresAt.toISOString() }, { db: tx });
        return result;
      });
      return reply.status(201).send({
        id: created.row.id,
        name: created.row.name,
        token: created.token,
        expiresAt: created.row.expiresAt.toISOString(),
      });
    },
  });

  app.route({
    ...endpointRoute(endpoints.authTokenList, {
      config: { access: "signedIn" },
      schema: { tags: ["auth"], summary: "The account's API tokens (never the tokens themselves)", security: SECURITY },
    }),
    handler: async (request) => {
      const principal = requireSignedIn(request.principal);
      const rows = await listApiTokens(database.db, principal.user.id);
      return { items: rows.map(apiTokenView) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.authTokenRevoke, {
      config: { access: "signedIn" },
      schema: { tags: ["auth"], summary: "Revoke one of the account's API tokens", security: SECURITY },
    }),
    handler: async (request, reply) => {
      const principal = requireSignedIn(request.principal);
      const { id } = request.params;
      await database.db.transaction(async (tx) => {
        const found = UUID.test(id) && (await revokeApiToken(tx, principal.user.id, id.toLowerCase(), clock()));
        if (!found) throw new NotFoundError(ERROR_CODES.tokenNotFound, `No API token ${id} of this account`);
        await recordAudit(requestContext(request), "auth.token.revoked", `token:${id.toLowerCase()}`, undefined, { db: tx });
      });
      return reply.status(204).send(null);
    },
  });
};
