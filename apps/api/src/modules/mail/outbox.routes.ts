import { ERROR_CODES, endpoints, errorResponseSchema } from "@insek/contracts";
import { stringify } from "csv-stringify/sync";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError, NotFoundError } from "../../lib/errors.js";
import { requestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { renderStoredLink, withLink } from "../update-requests/update-request-links.js";
import { neutraliseFormula } from "../exports/export-csv.js";
import { type OutboxRow, listOutbox, markSentByHand, outboxMessage } from "./outbox.repo.js";

const MAIL_STATE_LABELS = { queued: "in Warteschlange", sent: "gesendet", failed: "fehlgeschlagen", held: "im Postausgang" } as const;

/**
 * The outbox: every e-mail the application wrote. Without SMTP the messages are `held` and staff send
 * them by hand (and mark them sent). SMR sees all; an advisor the messages of campaigns they started.
 */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["update-requests"];

  /** The message as staff send it by hand: the link written into the text (it is not stored; decision 0017). */
  function view(row: OutboxRow) {
    const { body, attempts: _attempts, linkNonce, tokenHash, ...rest } = row;
    const link = row.updateRequestId === null ? null : renderStoredLink(app.deps.linkSecret, app.deps.publicUrl, { linkNonce, tokenHash });
    return { ...rest, body: withLink(body, link), link };
  }

  app.route({
    ...endpointRoute(endpoints.outboxList, {
      config: { access: "staff" },
      schema: { tags, summary: "E-mails written by the application, newest first, with their text and link" },
    }),
    handler: async (request, reply) => {
      const { user } = requireSignedIn(request.principal);
      void reply.header("cache-control", "no-store");
      const rows = await listOutbox(app.deps.database.db, {
        state: request.query.state,
        campaignId: request.query.campaign,
        createdBy: user.role === "smr" ? undefined : user.id,
        limit: request.query.limit,
      });
      return { items: rows.map(view) };
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportOutboxCsv, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "The outbox as CSV for hand delivery (default: held messages), with each message's link and text",
        description:
          "Query `state` (default held) and `campaign`. SMR: every message; an advisor: those of campaigns they started. " +
          "UTF-8 with BOM, semicolon-separated, CRLF. The links are live: the file is for the people who deliver the messages.",
      },
    }),
    handler: async (request, reply) => {
      const { user } = requireSignedIn(request.principal);
      const rows = await listOutbox(app.deps.database.db, {
        state: request.query.state ?? "held",
        campaignId: request.query.campaign,
        createdBy: user.role === "smr" ? undefined : user.id,
        limit: 5000,
      });
      const header = ["Gemeinde", "AGS", "Empfänger", "Betreff", "Link", "Text", "Zustand", "Erstellt"];
      const records = rows.map((row) => {
        const message = view(row);
        return [
          message.municipalityName ?? "",
          message.ags ?? "",
          message.recipients.length > 0 ? message.recipients.join(", ") : "(keine Adresse – bitte von Hand zustellen)",
          message.subject,
          message.link ?? "",
          message.body,
          MAIL_STATE_LABELS[message.state],
          message.createdAt,
        ].map(neutraliseFormula);
      });
      const csv = stringify([header, ...records], { delimiter: ";", record_delimiter: "windows", eof: true, bom: true });
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="insek-postausgang-${request.query.state ?? "held"}.csv"`)
        .header("Cache-Control", "no-store")
        .send(csv);
    },
  });

  app.route({
    ...endpointRoute(endpoints.outboxMarkSent, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Mark a held (or failed) message as sent by hand",
        response: { 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema },
      },
    }),
    handler: async (request) => {
      const { user } = requireSignedIn(request.principal);
      const { database, clock } = app.deps;
      const id = request.params.id;
      const found = await outboxMessage(database.db, id);
      if (!found || (user.role !== "smr" && found.campaignCreatedBy !== user.id)) {
        throw new NotFoundError(ERROR_CODES.notFound, `No outbox message ${id}`);
      }
      const updated = await database.db.transaction(async (tx) => {
        if (!(await markSentByHand(tx, id, clock()))) return false;
        await recordAudit(requestContext(request), "outbox.message.sent_by_hand", `outbox_message:${id}`, { updateRequestId: found.updateRequestId }, { db: tx });
        return true;
      });
      if (!updated) throw new AppError(409, ERROR_CODES.badRequest, `Message ${id} is ${found.state}: only held or failed messages can be marked sent`);
      const after = await outboxMessage(database.db, id);
      if (!after) throw new Error(`outbox message ${id} vanished`);
      const { campaignCreatedBy: _c, ...row } = after;
      return view(row);
    },
  });
};
