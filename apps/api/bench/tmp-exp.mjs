import Fastify from "fastify";
const app = Fastify({ logger: false });
const big = process.env.BIG === "1";
app.get("/", async (req, reply) => {
  if (big) {
    reply.header("Content-Security-Policy", "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'none';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'");
    for (const h of ["Cross-Origin-Opener-Policy","Cross-Origin-Resource-Policy","Origin-Agent-Cluster","Referrer-Policy","X-Content-Type-Options","X-DNS-Prefetch-Control","X-Download-Options","X-Frame-Options","X-Permitted-Cross-Domain-Policies","X-XSS-Protection"]) reply.header(h, "same-origin");
    reply.header("x-request-id", "a89e13d5-96f6-4d4d-ad49-1d7119e1fc55");
  }
  return { status: "ok" };
});
await app.listen({ host: "127.0.0.1", port: Number(process.env.PORT) });
