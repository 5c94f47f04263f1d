import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { sendRouteNotFound } from "./errors.js";

const API_PREFIXES = ["/api/", "/health/"];

/**
 * Source maps stay beside the build for debugging reported errors (vite: sourcemap "hidden") but are
 * never served: they would hand out the whole client source with its comments.
 */
const isSourceMap = (pathname: string) => pathname.toLowerCase().endsWith(".map");

/**
 * Serves the built single-page app on the API's port. Unknown GET paths outside the API fall back to
 * index.html so that client-side routes (e.g. /gemeinden/14511000) load directly.
 */
export async function registerWeb(app: FastifyInstance, webDistDir: string | undefined) {
  const indexHtml = webDistDir ? path.join(webDistDir, "index.html") : undefined;
  const hasWeb = indexHtml !== undefined && existsSync(indexHtml);
  if (hasWeb) {
    // The web app's files are public; the data they show is guarded by the API's own rules.
    await app.routeAccess.withDefault("public", () => app.register(fastifyStatic, {
      root: webDistDir,
      wildcard: false,
      index: false,
      cacheControl: false,
      allowedPath: (pathName) => !isSourceMap(pathName),
      setHeaders: (res, filePath) => {
        // Vite fingerprints everything under assets/, so those files never change.
        const immutable = filePath.includes(`${path.sep}assets${path.sep}`);
        res.setHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
      },
    }));
  }
  app.setNotFoundHandler((request, reply) => {
    const pathname = request.url.split("?")[0] ?? "/";
    const isApi = API_PREFIXES.some((p) => pathname.startsWith(p)) || pathname === "/api" || pathname === "/health";
    // A missing (or withheld) file is a 404, not the app's page: client routes never lie under /assets/.
    const isFile = pathname.startsWith("/assets/") || isSourceMap(pathname);
    if (hasWeb && !isApi && !isFile && (request.method === "GET" || request.method === "HEAD")) {
      return reply.header("Cache-Control", "no-cache").sendFile("index.html");
    }
    return sendRouteNotFound(request, reply);
  });
}
