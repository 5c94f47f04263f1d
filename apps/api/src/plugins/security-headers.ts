import type { FastifyInstance } from "fastify";
import helmet from "helmet";

/**
 * Security headers on every answer (helmet): a strict Content-Security-Policy for the SPA, no framing,
 * no MIME sniffing, and the rest of helmet's defaults. No HSTS: the server itself speaks plain HTTP
 * (TLS is the reverse proxy's, which sets HSTS for its host name). The middleware is built once;
 * @fastify/helmet built it again for every request, parsing the policy each time.
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
    apply(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined));
  });
}
