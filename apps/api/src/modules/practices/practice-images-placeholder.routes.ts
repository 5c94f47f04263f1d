import { ERROR_CODES, endpoints } from "@insek/contracts";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { endpointRoute } from "../../lib/endpoint-route.js";
import { AppError, NotFoundError } from "../../lib/errors.js";

/*
 * Placeholders of the two image routes of the endpoint map until the image processing lands (branch
 * practices-images replaces this file with the real routes and removes it from app.ts): the upload answers
 * as a route that is not there yet, and no image exists to download.
 */
export const practiceImagePlaceholderRoutes: FastifyPluginAsyncZod = async (app) => {
  app.route({
    ...endpointRoute(endpoints.practiceImageCreate, { config: { access: "signedIn" }, schema: { tags: ["practices"], summary: "Upload an image (not yet available)" } }),
    handler: async () => {
      throw new AppError(404, ERROR_CODES.routeNotFound, "Image uploads are not available yet");
    },
  });
  app.route({
    ...endpointRoute(endpoints.imageDownload, { config: { access: "read" }, schema: { tags: ["practices"], summary: "An image in one size (not yet available)" } }),
    handler: async (request) => {
      throw new NotFoundError(ERROR_CODES.imageNotFound, `Image ${request.params.id} not found`);
    },
  });
};
