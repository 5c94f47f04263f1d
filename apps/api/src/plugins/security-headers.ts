import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * The headers of machine-readable answers (JSON, CSV, XLSX, metrics): nothing in them may load, run or be
 * framed, and none may be sniffed as something else. Decision 0026: the browser-page headers of helmet
 * (a CSP for the SPA's scripts and styles, DNS prefetch, download options, origin-agent clustering and the
 * rest) say nothing about a JSON answer, but added ~650 bytes to every one of them: each client (and the
 * load generator of the bench) parsed them on every request.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
});

/** Paths answered with data, not pages: the API (except its HTML docs UI), health and metrics. */
export function isDataPath(url: string): boolean {
  if (url.startsWith("/api/")) return !url.startsWith("/api/docs");
  return url.startsWith("/health/") || url === "/metrics" || url.startsWith("/metrics?");
}

/**
 * Security headers on every answer. Pages (the SPA, its files, the OpenAPI UI): helmet with a strict
 * Content-Security-Policy for the SPA, no framing, no MIME sniffing, and the rest of helmet's defaults.
 * Data answers: API_SECURITY_HEADERS, stricter still (nothing may load at all). No HSTS: the server
 * itself speaks plain HTTP (TLS is the reverse proxy's, which sets HSTS for its host name). The helmet
 * middleware is built once; @fastify/helmet built it again for every request, parsing the policy each time.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  const apply = helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    strictTransportSecurity: false,
  });
  app.addHook("onRequest", (request, reply, done) => {
    // The request id goes back with every answer (set here, once, instead of in a hook before sending).
    reply.header("x-request-id", request.id);
    if (isDataPath(request.url)) {
      reply.headers(API_SECURITY_HEADERS);
      done();
      return;
    }
    apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
