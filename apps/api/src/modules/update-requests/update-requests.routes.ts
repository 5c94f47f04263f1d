import { endpoints, errorResponseSchema } from "@insek/contracts";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { requestContext } from "../../lib/request-context.js";
import { visibleTo } from "../events/event-visibility.js";
import {
  answerByToken,
  campaignRequests,
  createCampaign,
  listCampaigns,
  markOpened,
  pendingReviews,
  previewCampaign,
  reviewRequest,
  tokenForm,
  type UpdateRequestContext,
} from "./update-requests.service.js";

/** The service's context: the request's, with the rules, the links' key and address, and the mail delivery. */
function contextOf(request: FastifyRequest): UpdateRequestContext {
  const { rules, linkSecret, publicUrl } = request.server.deps;
  return { ...requestContext(request), rules, linkSecret, publicUrl, mail: request.server.mail };
}

const errors = { 400: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema, 410: errorResponseSchema, 422: errorResponseSchema };

export const updateRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ["update-requests"];

  app.route({
    ...endpointRoute(endpoints.updateRequestCreate, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Send update requests (single-use links) to listed municipalities, a district, every stale record or every municipality with a measure at risk (fundingAtRisk)",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      const created = await createCampaign(contextOf(request), request.body);
      // The answer carries the live links: no cache may keep it.
      return reply.header("cache-control", "no-store").status(201).send(created);
    },
  });

  app.route({
    ...endpointRoute(endpoints.updateRequestPreview, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Who a campaign with this body would go to (addresses, and how many have none), before sending; writes nothing",
        description: "Same body, targets, scope rules and errors as POST /api/update-requests (403 OUT_OF_SCOPE, 422 NO_RECIPIENTS, UNKNOWN_AGS, UNKNOWN_DISTRICT).",
        response: errors,
      },
    }),
    handler: async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return previewCampaign(contextOf(request), request.body);
    },
  });

  app.route({
    ...endpointRoute(endpoints.campaignList, { config: { access: "staff" }, schema: { tags, summary: "Update request campaigns with their counts (advisors: campaigns they created, and those with requests to their municipalities, counted over those)" } }),
    handler: async (request) => ({ items: await listCampaigns(contextOf(request)) }),
  });

  app.route({
    ...endpointRoute(endpoints.campaignRequests, {
      config: { access: "staff" },
      schema: { tags, summary: "The requests of one campaign, without their links (advisors: of their own campaigns, else only those to their municipalities; 404 otherwise)", response: { 404: errorResponseSchema } },
    }),
    handler: async (request) => ({ items: await campaignRequests(contextOf(request), request.params.id) }),
  });

  app.route({
    ...endpointRoute(endpoints.pendingUpdateRequests, {
      config: { access: "staff" },
      schema: { tags, summary: "Answers waiting for review (advisors: of their municipalities)" },
    }),
    handler: async (request) => ({ items: await pendingReviews(contextOf(request)) }),
  });

  app.route({
    ...endpointRoute(endpoints.updateRequestReview, {
      config: { access: "staff" },
      schema: {
        tags,
        summary: "Accept (record) or reject an answer waiting for review",
        response: errors,
      },
    }),
    handler: async (request) => reviewRequest(contextOf(request), request.params.id, request.body),
  });

  app.route({
    ...endpointRoute(endpoints.updateRequestForm, {
      // The token in the path is the only credential; it never grants anything else.
      config: { access: "public" },
      schema: {
        tags,
        summary: "The municipality's record behind a single-use link, to pre-fill the form (no account). Reading does not count as opened.",
        response: { 400: errorResponseSchema, 410: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      void reply.header("cache-control", "no-store");
      return tokenForm(contextOf(request), request.params.token);
    },
  });

  app.route({
    ...endpointRoute(endpoints.updateRequestOpened, {
      // Like the answer: the link's secret is the proof. A GET never marks a request opened, since mail
      // scanners fetch the links they see; the page calls this on the person's first action.
      config: { access: "public", csrf: false },
      schema: {
        tags,
        summary: "The person behind a link acted on its page: count the request as opened (once; idempotent)",
        response: { 400: errorResponseSchema, 410: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      await markOpened(contextOf(request), request.params.token);
      return reply.header("cache-control", "no-store").status(204).send(null);
    },
  });

  app.route({
    ...endpointRoute(endpoints.updateRequestAnswer, {
      // No CSRF token: the link's secret is the proof, and a signed-in session adds nothing to it.
      config: { access: "public", csrf: false },
      schema: {
        tags,
        summary: "Answer a single-use link: confirm the record unchanged, or report a change",
        response: { 400: errorResponseSchema, 410: errorResponseSchema, 422: errorResponseSchema },
      },
    }),
    handler: async (request, reply) => {
      void reply.header("cache-control", "no-store");
      const result = await answerByToken(contextOf(request), request.params.token, request.body);
      return { outcome: result.outcome, event: result.event ? visibleTo(result.event, { internal: false, names: false }) : null };
    },
  });
};
