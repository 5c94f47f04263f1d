import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";

export const eventRoutes: FastifyPluginAsyncZod = async (_app) => {};
