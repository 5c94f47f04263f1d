import { endpoints, errorResponseSchema, practicePreconditionFailedSchema } from "@insek/contracts";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { todayInSaxony } from "../../lib/clock.js";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { requestContext } from "../../lib/request-context.js";
import { expectedVersionOf } from "../events/if-match.js";
import { toCsv } from "../exports/export-csv.js";
import { PRACTICE_COLUMNS, practiceFeed } from "./practice-feed.js";
import {
  PracticeVersionMismatchError,
  addAdopter,
  createPractice,
  listPractices,
  practiceDetail,
  practiceWorkflowStep,
  publishedEntries,
  updatePractice,
} from "./practices.service.js";

const tags = ["practices"];
const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 422: errorResponseSchema };

/** Newest entries in the feed. */
const FEED_ENTRIES = 50;

const WORKFLOW_DESCRIPTION =
  "The workflow table (packages/contracts/src/practice-workflow.ts) decides by the entry's state (or its revision's) and the " +
  "caller: editors (SMR, FS INGE), owners (a municipality account of one of the entry's municipalities, or its author) or " +
  "others. Refusals: PRACTICE_NOT_OWNER and PRACTICE_EDITORS_ONLY (403); PRACTICE_IN_REVIEW, PRACTICE_ALREADY_SUBMITTED, " +
  "PRACTICE_NOT_SUBMITTED, PRACTICE_NOTHING_TO_SUBMIT, PRACTICE_ALREADY_PUBLISHED, PRACTICE_WITHDRAWN (409). " +
  "An entry the caller may not see is 404. Audited.";

export const practiceRoutes: FastifyPluginAsyncZod = async (app) => {
  const { database, clock } = app.deps;

  app.route({
    ...endpointRoute(endpoints.practiceList, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "Praxisbeispiele, filtered by text, topic, district, phase, criterion, municipality, state, size class and adoption",
        description:
          "The public and municipality accounts see published entries, and a municipality account also its own in any state; " +
          "SMR and FS INGE see every entry. Newest published first.",
      },
    }),
    handler: async (request) => listPractices(database.db, request.principal, request.query),
  });

  app.route({
    ...endpointRoute(endpoints.practiceFeed, {
      config: { access: "read" },
      schema: { tags, summary: "Atom feed of the newest published Praxisbeispiele (at most 50)", description: "The list's filters apply (no state: published only)." },
    }),
    handler: async (request, reply) => {
      const { publicUrl } = app.deps;
      const entries = await publishedEntries(database.db, publicUrl, request.query, FEED_ENTRIES);
      const body = practiceFeed(entries, { publicUrl, selfUrl: `${publicUrl}${request.url}`, now: clock().toISOString() });
      return reply.type("application/atom+xml; charset=utf-8").send(body);
    },
  });

  app.route({
    ...endpointRoute(endpoints.practiceDetail, {
      config: { access: "read" },
      schema: {
        tags,
        summary: "One Praxisbeispiel with its municipalities (status and town-wide concept today), adopters, images and funding",
        description:
          "404 for an entry the reader may not see (a draft for the public and other municipalities). The ETag is the version " +
          "(what If-Match of PATCH names). `returnComment` and `revision` only for editors and the entry's owners.",
        response: { 404: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const found = await practiceDetail(database.db, app.deps.rules, todayInSaxony(clock), request.params.id, request.principal);
      void reply.header("ETag", `"${found.version}"`);
      return found;
    },
  });

  app.route({
    ...endpointRoute(endpoints.practiceCreate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Propose a Praxisbeispiel (a draft): SMR, FS INGE, or a municipality account for its own municipalities",
        description:
          "The description is sanitised (p, ul, ol, li, a[href] with http, https or mailto, strong, em, br). 422 rules: " +
          "UNKNOWN_AGS, PRACTICE_CONCEPT_NOT_FOUND, PRACTICE_LINK_NOT_HTTP, PRACTICE_CONTACT_CONSENT_REQUIRED, " +
          "PRACTICE_DESCRIPTION_EMPTY. A municipality account names at least one of its own municipalities (else 403 OUT_OF_SCOPE).",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      const created = await createPractice(requestContext(request), request.body);
      return reply.status(201).header("ETag", `"${created.version}"`).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.practiceUpdate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Change a Praxisbeispiel on top of the version named by If-Match (428 without, 412 with an old one)",
        description:
          `${WORKFLOW_DESCRIPTION} Changing a published entry opens a revision, reviewed again; the published version stays ` +
          "visible until the revision is published. `criteria` is for editors only (403 PRACTICE_CRITERIA_EDITORS_ONLY).",
        response: { ...errors, 412: practicePreconditionFailedSchema, 428: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      const expected = expectedVersionOf(request.headers["if-match"], "GET /api/practices/:id");
      try {
        const updated = await updatePractice(requestContext(request), app.deps.rules, request.params.id, request.body, expected);
        return await reply.header("ETag", `"${updated.version}"`).send(updated);
      } catch (error) {
        if (!(error instanceof PracticeVersionMismatchError)) throw error;
        return (reply as unknown as FastifyReply)
          .status(412)
          .header("ETag", `"${error.current.version}"`)
          .send({ statusCode: 412, code: error.code, message: error.message, requestId: request.id, current: error.current });
      }
    },
  });

  for (const [entry, action, summary] of [
    [endpoints.practiceSubmit, "submit", "Submit a draft, a returned entry or a revision for review"],
    [endpoints.practicePublish, "publish", "Publish a submitted entry or revision (editors)"],
    [endpoints.practiceWithdraw, "withdraw", "Withdraw an entry: gone from lists, feed and exports"],
  ] as const) {
    app.route({
      ...endpointRoute(entry, { config: { access: "signedIn" }, schema: { tags, summary, description: WORKFLOW_DESCRIPTION, response: errors } }),
      handler: async (request, reply) => {
        const result = await practiceWorkflowStep(requestContext(request), request.params.id, action);
        return reply.header("ETag", `"${result.version}"`).send(result);
      },
    });
  }

  app.route({
    ...endpointRoute(endpoints.practiceReturn, {
      config: { access: "signedIn" },
      schema: { tags, summary: "Return a submitted entry or revision to its authors with a comment (editors)", description: WORKFLOW_DESCRIPTION, response: errors },
    }),
    handler: async (request, reply) => {
      const result = await practiceWorkflowStep(requestContext(request), request.params.id, "return", request.body.comment);
      return reply.header("ETag", `"${result.version}"`).send(result);
    },
  });

  app.route({
    ...endpointRoute(endpoints.practiceAdopterCreate, {
      config: { access: "signedIn" },
      schema: {
        tags,
        summary: "Record a municipality that adopted a published Praxisbeispiel (SMR and FS INGE for any, a municipality for itself)",
        description:
          "Only on published entries (409 PRACTICE_NOT_PUBLISHED); once per municipality (409 PRACTICE_ADOPTER_DUPLICATE); " +
          "not one of the entry's own municipalities (422 PRACTICE_ADOPTER_IS_MUNICIPALITY). Audited.",
        response: errors,
      },
    }),
    handler: async (request, reply) => reply.status(201).send(await addAdopter(requestContext(request), request.params.id, request.body)),
  });

  app.route({
    ...endpointRoute(endpoints.exportPracticesCsv, {
      config: { access: "read" },
      schema: {
        tags: ["practices", "exports"],
        summary: "The published Praxisbeispiele as open data: CSV for German Excel",
        description: "The list's filters (no state, no paging: every published entry matching). UTF-8 with BOM, semicolon-separated, CRLF.",
      },
    }),
    handler: async (request, reply) => {
      const entries = await publishedEntries(database.db, app.deps.publicUrl, request.query);
      return reply
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", `attachment; filename="insek-praxisbeispiele-${todayInSaxony(clock)}.csv"`)
        .header("Cache-Control", "no-store")
        .send(toCsv(PRACTICE_COLUMNS, entries));
    },
  });

  app.route({
    ...endpointRoute(endpoints.exportPracticesJson, {
      config: { access: "read" },
      schema: {
        tags: ["practices", "exports"],
        summary: "The published Praxisbeispiele as open data: JSON",
        description: "The same rows as the CSV, with codes instead of labels.",
      },
    }),
    handler: async (request) => {
      const entries = await publishedEntries(database.db, app.deps.publicUrl, request.query);
      const items = entries.map(({ descriptionHtml: _html, lastPublishedAt: _last, ...item }) => item);
      return { items, total: items.length };
    },
  });
};
