import { ERROR_CODES, endpoints } from "@insek/contracts";
import fp from "fastify-plugin";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { endpointRoute } from "../lib/endpoint-route.js";
import { AppError } from "../lib/errors.js";
import { sameSecret } from "../modules/accounts/secrets.js";

export interface MetricsOptions {
  /**
   * When set, GET /metrics requires `Authorization: Bearer <token>`. Unset, anyone who reaches the port
   * may read it: set it in production, or block /metrics at the reverse proxy.
   */
  token?: string | undefined;
}

const DB_PING_TIMEOUT_MS = 1000;

/** The route pattern of a request (never the raw URL, which would make one time series per AGS). */
function routeLabel(url: string | undefined): string {
  return url ?? "(unmatched)";
}

/**
 * Prometheus metrics at GET /metrics: request durations and counts by method, route pattern and status,
 * the Node.js process metrics, database readiness, the read cache's hits and misses, and the write batches. One registry
 * per application instance (tests build several in one process).
 */
export const metricsPlugin = fp<MetricsOptions>(
  (app, options, done) => {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });

    const duration = new Histogram({
      name: "http_request_duration_seconds",
      help: "Time from request to response, by method, route pattern and status code",
      labelNames: ["method", "route", "status_code"] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    const requests = new Counter({
      name: "http_requests_total",
      help: "Answered requests, by method, route pattern and status code",
      labelNames: ["method", "route", "status_code"] as const,
      registers: [registry],
    });
    const database = app.deps.database;
    new Gauge({
      name: "insek_database_ready",
      help: "1 when the database answers (checked at each scrape, 1 s timeout), else 0",
      registers: [registry],
      async collect() {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error("timeout")), DB_PING_TIMEOUT_MS);
        });
        const ready = await Promise.race([database.ping(), timeout]).then(
          () => 1,
          () => 0,
        );
        clearTimeout(timer);
        this.set(ready);
      },
    });
    const cacheCounter = (name: string, help: string, read: () => number) =>
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          this.reset();
          const value = read();
          if (value > 0) this.inc(value);
        },
      });
    if (app.hasDecorator("readCache")) {
      cacheCounter("insek_read_cache_hits_total", "Answers served from the in-process read cache", () => app.readCache.stats().hits);
      cacheCounter("insek_read_cache_misses_total", "Cacheable answers computed", () => app.readCache.stats().misses);
      cacheCounter(
        "insek_read_cache_shared_total",
        "Answers served by waiting for an identical computation in flight",
        () => app.readCache.stats().shared,
      );
      cacheCounter("insek_http_not_modified_total", "304 answers to If-None-Match", () => app.readCache.stats().notModified);
      cacheCounter("insek_data_generation_queries_total", "Queries for the data generation", () => app.dataGeneration.queries);
      new Gauge({
        name: "insek_read_cache_entries",
        help: "Entries in the in-process read cache",
        registers: [registry],
        collect() {
          this.set(app.readCache.stats().entries);
        },
      });
    }

    cacheCounter("insek_write_batches_total", "Statements that wrote plain status writes together (write-batch.ts)", () => app.deps.writes.stats().batches);
    cacheCounter("insek_write_batch_writes_total", "Plain status writes sent in those statements (÷ batches: the mean batch size)", () => app.deps.writes.stats().writes);

    // The labelled children per method, route and status: prom-client hashes the label set on every call
    // otherwise. Bounded: route patterns (never raw URLs) times methods times status codes.
    const series = new Map<string, { duration: { observe(value: number): void }; requests: { inc(): void } }>();
    app.addHook("onResponse", (request, reply, done) => {
      const route = routeLabel(request.routeOptions.url);
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let child = series.get(key);
      if (child === undefined) {
        const labels = { method: request.method, route, status_code: String(reply.statusCode) };
        child = { duration: duration.labels(labels), requests: requests.labels(labels) };
        series.set(key, child);
      }
      child.duration.observe(reply.elapsedTime / 1000);
      child.requests.inc();
      done();
    });

    const token = options.token;
    app.route({
      ...endpointRoute(endpoints.metrics, {
        config: { access: "public" },
        schema: {
          tags: ["health"],
          summary: "Prometheus metrics (text exposition format); with METRICS_TOKEN set, only with that Bearer token",
        },
      }),
      handler: async (request, reply) => {
        if (token !== undefined) {
          const presented = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "")?.[1];
          if (presented === undefined || !sameSecret(presented, token)) {
            void reply.header("www-authenticate", 'Bearer realm="metrics"');
            throw new AppError(401, ERROR_CODES.authenticationRequired, "Send the metrics token as a Bearer token");
          }
        }
        const body = await registry.metrics();
        return reply.header("cache-control", "no-store").type(registry.contentType).send(body);
      },
    });
    done();
  },
  { name: "insek-metrics" },
);
