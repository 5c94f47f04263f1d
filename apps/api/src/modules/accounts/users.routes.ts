import { ERROR_CODES, endpoints } from "@insek/contracts";
import { AppError, NotFoundError } from "../../lib/errors.js";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { createAccount, findAccountUser, listAccounts, toAccount, updateAccount } from "./accounts.service.js";
import { UUID, apiTokenView, noStore } from "./auth.routes.js";
import { createResetToken, revokeCredentials } from "./auth.service.js";
import { listApiTokens, revokeApiToken } from "./credentials.repo.js";

/**
 * The page that reads the token and asks for the new password. The token travels in the fragment, so
 * it never reaches a server log or a Referer header.
 */
function resetUrl(request: FastifyRequest, token: string): string {
  // The configured address (PUBLIC_URL), never the request's Host header: a forged Host would send the link elsewhere.
  return `${request.server.deps.publicUrl}/passwort-setzen#token=${token}`;
}

export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;
  const tags = ["accounts"];
  const administration =
    "Needs an administrator's browser session whose password was confirmed within 10 minutes (POST /api/auth/reauth); " +
    "otherwise 403 REAUTHENTICATION_REQUIRED. API tokens never administer accounts.";
  app.addHook("onRequest", noStore);

  app.route({
    ...endpointRoute(endpoints.userList, { config: { access: "smrAdmin" }, schema: { tags, summary: "All accounts (administrators)" } }),
    handler: async () => ({ items: await listAccounts(database.db) }),
  });

  app.route({
    ...endpointRoute(endpoints.userCreate, {
      config: { access: "accountAdmin" },
      schema: {
        tags,
        summary: "Create an account (administrators): the answer carries a one-time link (24 h) to set its password",
        description: `${administration} The link stops working when the administrator's account is disabled or reset.`,
      },
    }),
    handler: async (request, reply) => {
      const actor = requireSignedIn(request.principal);
      const now = clock();
      const result = await database.db.transaction(async (tx) => {
        const user = await createAccount(tx, request.body, now);
        const link = await createResetToken(tx, user.id, now, actor.user.id);
        const ags = [...new Set(request.body.ags ?? [])].sort();
        await recordAudit(requestContext(request), "user.created", `user:${user.id}`, { email: user.email, role: user.role, admin: user.admin, ags }, { db: tx });
        return { account: toAccount(user, ags), link };
      });
      return reply.status(201).send({
        user: result.account,
        resetUrl: resetUrl(request, result.link.token),
        expiresAt: result.link.expiresAt.toISOString(),
      });
    },
  });

  app.route({
    ...endpointRoute(endpoints.userUpdate, {
      config: { access: "accountAdmin" },
      schema: {
        tags,
        summary: "Change an account (administrators): disable or enable, role, admin flag, AGS, name",
        description:
          `${administration} Disabling ends the account's sessions, revokes its API tokens for good (enabling it again ` +
          "does not revive them) and voids the unused one-time links it made or that were made for it.",
      },
    }),
    handler: async (request) => {
      const actor = requireSignedIn(request.principal);
      return database.db.transaction(async (tx) => {
        const change = await updateAccount(tx, actor.user.id, request.params.id, request.body, clock());
        if (Object.keys(change.changes).length > 0) {
          await recordAudit(requestContext(request), "user.updated", `user:${change.user.id}`, { email: change.user.email, changes: change.changes }, { db: tx });
        }
        return toAccount(change.user, change.ags);
      });
    },
  });

  app.route({
    ...endpointRoute(endpoints.userReset, {
      config: { access: "accountAdmin" },
      schema: {
        tags,
        summary: "Reset an account: a new one-time link (24 h) to set its password; its sessions and API tokens end at once",
        description:
          `${administration} Earlier unused links for the account stop working, and so do the unused links it made. ` +
          "Administrators cannot reset their own account (422 OWN_ACCOUNT_CHANGE_REFUSED).",
      },
    }),
    handler: async (request) => {
      const actor = requireSignedIn(request.principal);
      const now = clock();
      const link = await database.db.transaction(async (tx) => {
        const user = await findAccountUser(tx, request.params.id);
        if (user.id === actor.user.id) {
          throw new AppError(422, ERROR_CODES.ownAccountChange, "You cannot reset your own account: ask another administrator");
        }
        // "Keys", not "tokens": audit details under a key that names a token are redacted.
        const { revokedTokens: revokedApiKeys } = await revokeCredentials(tx, user.id, now);
        const created = await createResetToken(tx, user.id, now, actor.user.id);
        await recordAudit(requestContext(request), "user.reset_link_created", `user:${user.id}`, { email: user.email, revokedApiKeys }, { db: tx });
        return created;
      });
      return { resetUrl: resetUrl(request, link.token), expiresAt: link.expiresAt.toISOString() };
    },
  });

  app.route({
    ...endpointRoute(endpoints.userTokens, {
      config: { access: "smrAdmin" },
      schema: { tags, summary: "An account's API tokens (administrators; never the tokens themselves)" },
    }),
    handler: async (request) => {
      const user = await findAccountUser(database.db, request.params.id);
      return { items: (await listApiTokens(database.db, user.id)).map(apiTokenView) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.userTokenRevoke, {
      config: { access: "accountAdmin" },
      schema: { tags, summary: "Revoke one of an account's API tokens (administrators)", description: administration },
    }),
    handler: async (request, reply) => {
      const { tokenId } = request.params;
      await database.db.transaction(async (tx) => {
        const user = await findAccountUser(tx, request.params.id);
        const found = UUID.test(tokenId) && (await revokeApiToken(tx, user.id, tokenId.toLowerCase(), clock()));
        if (!found) throw new NotFoundError(ERROR_CODES.tokenNotFound, `No API token ${tokenId} of this account`);
        await recordAudit(requestContext(request), "auth.token.revoked", `token:${tokenId.toLowerCase()}`, { owner: user.email }, { db: tx });
      });
      return reply.status(204).send(null);
    },
  });
};
