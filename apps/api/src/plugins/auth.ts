import cookie from "@fastify/cookie";
import { ERROR_CODES } from "@insek/contracts";
import type { FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { ANONYMOUS, type Principal, REAUTH_MINUTES, decideAccess } from "../lib/access.js";
import { AppError, authenticationRequired, forbidden, outOfScope } from "../lib/errors.js";
import { requestContext } from "../lib/request-context.js";
import { CSRF_HEADER, SESSION_COOKIE, clearSessionCookie } from "../lib/session-cookie.js";
import { canWriteMunicipality } from "../modules/accounts/accounts.service.js";
import {
  CREDENTIAL_TOUCH_INTERVAL_MS,
  type CheckedCredential,
  checkApiToken,
  checkSession,
  touchApiTokenUsed,
  touchSessionSeen,
} from "../modules/accounts/auth.service.js";
import { sameSecret, secretHash } from "../modules/accounts/secrets.js";
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

const SAFE_METHODS = new Set(["GET", "HEAD"]);
/** Credentials an instance remembers (least recently used go first). */
const KNOWN_CREDENTIALS = 10_000;

interface KnownCredential {
  /** The data generation the credential was checked at. */
  generation: string;
  checked: Promise<CheckedCredential | undefined>;
}

/**
 * Decision 0026: a signed-in read does not ask the database who is asking. A credential checked at data
 * generation G holds for later reads at G: every change that ends or narrows a session, a token or an
 * account raises the generation (migration 0018), and each request reads the generation after it arrived
 * (shared with the read cache), so a logout, a disabled account or a revoked token is refused on every
 * instance at its next request. Times are checked here: the absolute end from what was read, the idle
 * timeout from the last-seen time; a session that looks idle here is checked in the database again (another
 * instance may have seen it since). Last-seen and last-used times are written at most once a minute per
 * credential and instance; writes (unsafe methods) always check in the database.
 */
class CredentialCache {
  private readonly map = new Map<string, KnownCredential>();

  get(key: string): KnownCredential | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: KnownCredential): void {
    this.map.delete(key);
    this.map.set(key, value);
    if (this.map.size > KNOWN_CREDENTIALS) {
      const oldest = this.map.keys().next();
      if (oldest.done !== true) this.map.delete(oldest.value);
    }
  }

  delete(key: string, value: KnownCredential): void {
    if (this.map.get(key) === value) this.map.delete(key);
  }
}

async function checkedCredential(
  request: FastifyRequest,
  cache: CredentialCache | undefined,
  key: string,
  check: () => Promise<CheckedCredential | undefined>,
): Promise<CheckedCredential | undefined> {
  const server = request.server;
  if (cache === undefined || !SAFE_METHODS.has(request.method) || !server.hasDecorator("readCache")) return check();
  const generation = await server.readCache.generationOf(request);
  const known = cache.get(key);
  if (known?.generation === generation) {
    const checked = await known.checked;
    if (checked === undefined) return undefined;
    const now = server.deps.clock().getTime();
    const idleMs = server.deps.auth.sessionIdleMinutes * 60_000;
    const stillValid = checked.expiresAt > now && (checked.lastSeenAt === undefined || checked.lastSeenAt + idleMs > now);
    if (stillValid) {
      await touchIfDue(request, checked, now);
      return checked;
    }
  }
  // Checked after the generation was read: at least as new as that generation.
  const entry: KnownCredential = { generation, checked: check() };
  cache.set(key, entry);
  // Only valid credentials are kept: a refusal is shared by the requests that waited for this check, and
  // the next request checks again (as before decision 0026; expiry is a matter of time, not generation).
  entry.checked.then(
    (checked) => {
      if (checked === undefined) cache.delete(key, entry);
    },
    () => cache.delete(key, entry),
  );
  return entry.checked;
}

/** Last-seen (idle timeout) and last-used times: written at most once per interval and credential. */
async function touchIfDue(request: FastifyRequest, checked: CheckedCredential, now: number): Promise<void> {
  const { database, clock } = request.server.deps;
  const { principal } = checked;
  if (principal.via === "session") {
    if (checked.lastSeenAt !== undefined && now - checked.lastSeenAt < CREDENTIAL_TOUCH_INTERVAL_MS) return;
    // Set first, so that the requests in flight with this session write once, not each; undone if the write fails.
    const before = checked.lastSeenAt;
    checked.lastSeenAt = now;
    await touchSessionSeen(database.db, principal.sessionId, clock()).catch((error: unknown) => {
      if (checked.lastSeenAt === now) checked.lastSeenAt = before;
      throw error;
    });
  } else {
    if (checked.lastUsedAt !== undefined && now - checked.lastUsedAt < CREDENTIAL_TOUCH_INTERVAL_MS) return;
    const before = checked.lastUsedAt;
    checked.lastUsedAt = now;
    await touchApiTokenUsed(database.db, principal.tokenId, clock()).catch((error: unknown) => {
      if (checked.lastUsedAt === now) checked.lastUsedAt = before;
      throw error;
    });
  }
}

async function resolvePrincipal(request: FastifyRequest, cache: CredentialCache | undefined): Promise<Resolution> {
  const { database, clock, auth } = request.server.deps;
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!bearer) return { principal: ANONYMOUS, problem: "invalid_token" };
    const hash = secretHash(bearer);
    const checked = await checkedCredential(request, cache, `t:${hash}`, () => checkApiToken(database.db, hash, clock()));
    return checked ? { principal: checked.principal } : { principal: ANONYMOUS, problem: "invalid_token" };
  }
  const token = request.cookies[SESSION_COOKIE];
  if (token) {
    const id = secretHash(token);
    const checked = await checkedCredential(request, cache, `s:${id}`, () => checkSession(database.db, id, clock(), auth));
    return checked ? { principal: checked.principal } : { principal: ANONYMOUS, problem: "session_ended" };
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

    const credentials = new CredentialCache();
    const authorize = async (request: FastifyRequest, reply: FastifyReply) => {
      const { principal, problem } = await resolvePrincipal(request, credentials);
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
    };
    app.addHook("onRequest", (request, reply, done) => {
      // Anonymous, on a public route (health, login, the web app's files): nothing to look up or check.
      if (request.headers.authorization === undefined && !request.cookies[SESSION_COOKIE] && request.routeOptions.config.access === "public") {
        request.principal = ANONYMOUS;
        done();
        return;
      }
      authorize(request, reply).then(() => done(), done);
    });
  },
  { name: "insek-auth" },
);
