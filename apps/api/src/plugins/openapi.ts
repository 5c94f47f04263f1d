import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { endpoints } from "@insek/contracts";
import { jsonSchemaTransform } from "fastify-type-provider-zod";
import { endpointRoute } from "../lib/endpoint-route.js";

/**
 * OpenAPI 3 generated from the routes' zod schemas, served at /api/openapi.json with a UI at /api/docs.
 * Both follow the public-access setting (rule `read`): with anonymous reading off, only signed-in accounts
 * see the description of the API.
 */
export async function registerOpenApi(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "INSEK-Monitor Sachsen API",
        description:
          "Status of the integrated development concepts (INSEK/INGEKO) of Saxony's municipalities. " +
          "Errors are `{ statusCode, code, message, requestId }` with a stable `code`.",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "insek_session", description: "Set by POST /api/auth/login; writes also need the x-csrf-token header" },
          bearer: { type: "http", scheme: "bearer", description: "An API token from POST /api/auth/tokens" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.routeAccess.withDefault("read", () => app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true }));
  app.route({
    ...endpointRoute(endpoints.openApiDocument, { config: { access: "read" }, schema: { hide: true } }),
    handler: () => app.swagger(),
  });
}
