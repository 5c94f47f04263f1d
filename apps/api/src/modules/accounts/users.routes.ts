import {
  accountCreateSchema,
  accountCreatedSchema,
  accountListSchema,
  accountSchema,
  accountUpdateSchema,
  idParamsSchema,
  resetLinkSchema,
} from "@insek/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { audit } from "../../plugins/audit.js";
import { requireSignedIn } from "../../plugins/auth.js";
import { createAccount, findAccountUser, listAccounts, toAccount, updateAccount } from "./accounts.service.js";
import { createResetToken } from "./auth.service.js";

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

  app.get(
    "/api/users",
    { config: { access: "smrAdmin" }, schema: { tags, summary: "All accounts (administrators)", response: { 200: accountListSchema } } },
    async () => ({ items: await listAccounts(database.db) }),
  );

  app.post(
    "/api/users",
    {
      config: { access: "smrAdmin" },
      schema: {
        tags,
        summary: "Create an account (administrators): the answer carries a one-time link (24 h) to set its password",
        body: accountCreateSchema,
        response: { 201: accountCreatedSchema },
      },
    },
    async (request, reply) => {
      const now = clock();
      const result = await database.db.transaction(async (tx) => {
        const user = await createAccount(tx, request.body, now);
        const link = await createResetToken(tx, user.id, now);
        const ags = [...new Set(request.body.ags ?? [])].sort();
        await audit(request, "user.created", `user:${user.id}`, { email: user.email, role: user.role, admin: user.admin, ags }, { db: tx });
        return { account: toAccount(user, ags), link };
      });
      return reply.status(201).send({
        user: result.account,
        resetUrl: resetUrl(request, result.link.token),
        expiresAt: result.link.expiresAt.toISOString(),
      });
    },
  );

  app.patch(
    "/api/users/:id",
    {
      config: { access: "smrAdmin" },
      schema: {
        tags,
        summary: "Change an account (administrators): disable or enable, role, admin flag, AGS, name",
        description: "Disabling ends the account's sessions at once; its API tokens stop working.",
        params: idParamsSchema,
        body: accountUpdateSchema,
        response: { 200: accountSchema },
      },
    },
    async (request) => {
      const actor = requireSignedIn(request);
      return database.db.transaction(async (tx) => {
        const change = await updateAccount(tx, actor.user.id, request.params.id, request.body, clock());
        if (Object.keys(change.changes).length > 0) {
          await audit(request, "user.updated", `user:${change.user.id}`, { email: change.user.email, changes: change.changes }, { db: tx });
        }
        return toAccount(change.user, change.ags);
      });
    },
  );

  app.post(
    "/api/users/:id/reset",
    {
      config: { access: "smrAdmin" },
      schema: {
        tags,
        summary: "A new one-time link (24 h) for the account to set its password; earlier unused links stop working",
        params: idParamsSchema,
        response: { 200: resetLinkSchema },
      },
    },
    async (request) => {
      const now = clock();
      const link = await database.db.transaction(async (tx) => {
        const user = await findAccountUser(tx, request.params.id);
        const created = await createResetToken(tx, user.id, now);
        await audit(request, "user.reset_link_created", `user:${user.id}`, { email: user.email }, { db: tx });
        return created;
      });
      return { resetUrl: resetUrl(request, link.token), expiresAt: link.expiresAt.toISOString() };
    },
  );
};
