import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const eventImportRoutes: FastifyPluginAsyncZod = async (_app) => {};
