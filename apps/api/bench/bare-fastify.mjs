// The baseline of the HTTP bench (issue #18): a bare Fastify 5 app, one route answering {status:"ok"},
// no plugins, logger off. Run as its own process like the API server: `HOST=127.0.0.1 PORT=… node bare-fastify.mjs`.
import process from "node:process";
import Fastify from "fastify";

const app = Fastify({ logger: false });
// The canonical Fastify hello-world handler (async), as the issue measured it.
// eslint-disable-next-line @typescript-eslint/require-await
app.get("/", async () => ({ status: "ok" }));
await app.listen({ host: process.env.HOST ?? "127.0.0.1", port: Number(process.env.PORT ?? 0) });
process.on("SIGTERM", () => {
  void app.close().then(() => process.exit(0));
});
