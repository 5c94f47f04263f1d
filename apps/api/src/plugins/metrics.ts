import { ERROR_CODES, endpoints } from "@insek/contracts";
import fp from "fastify-plugin";
import { Counter, Gauge, Registry, collectDefaultMetrics } from "prom-client";
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

const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

interface Series {
  labels: { method: string; route: string; status_code: string };
  /** Observations per bucket (not cumulative); the last slot counts those above the largest bound. */
  buckets: number[];
  sum: number;
  count: number;
}

interface Sample {
  metricName: string;
  labels: Record<string, string | number>;
  sharedLabels?: Record<string, string>;
  value: number;
}

/**
 * The request histogram (`http_request_duration_seconds`) and counter (`http_requests_total`) by method,
 * route pattern and status, kept as plain numbers per series and written out at a scrape in prom-client's
 * exposition (decision 0026): prom-client's histogram and counter hash the label set on every observation,
 * even through a labelled child. Bounded: route patterns (never raw URLs) times methods times status codes.
 */
class RequestSeries {
  private readonly series = new Map<string, Series>();
  /** Route → "status method" → series: lookups by strings that are the same objects each time (no new key string per answer). */
  private readonly byRoute = new Map<string, Map<number, Map<string, Series>>>();

  observe(method: string, route: string, status: number, seconds: number): void {
    if (!Number.isFinite(seconds)) return;
    let byStatus = this.byRoute.get(route);
    if (byStatus === undefined) {
      byStatus = new Map();
      this.byRoute.set(route, byStatus);
    }
    let byMethod = byStatus.get(status);
    if (byMethod === undefined) {
      byMethod = new Map();
      byStatus.set(status, byMethod);
    }
    let series = byMethod.get(method);
    if (series === undefined) {
      series = { labels: { method, route, status_code: String(status) }, buckets: new Array<number>(DURATION_BUCKETS.length + 1).fill(0), sum: 0, count: 0 };
      byMethod.set(method, series);
      this.series.set(`${method} ${status} ${route}`, series);
    }
    let i = 0;
    while (i < DURATION_BUCKETS.length && seconds > (DURATION_BUCKETS[i] as number)) i++;
    series.buckets[i] = (series.buckets[i] ?? 0) + 1;
    series.sum += seconds;
    series.count += 1;
  }

  /** A metric for prom-client's registry (its exposition format, as its Histogram writes it). */
  histogram() {
    const name = "http_request_duration_seconds";
    const help = "Time from request to response, by method, route pattern and status code";
    const samples = (): Sample[] =>
      [...this.series.values()].flatMap((s) => {
        let cumulative = 0;
        const out: Sample[] = DURATION_BUCKETS.map((le, i) => {
          cumulative += s.buckets[i] ?? 0;
          return { metricName: `${name}_bucket`, labels: { le }, sharedLabels: s.labels, value: cumulative };
        });
        out.push(
          { metricName: `${name}_bucket`, labels: { le: "+Inf" }, sharedLabels: s.labels, value: s.count },
          { metricName: `${name}_sum`, labels: {}, sharedLabels: s.labels, value: s.sum },
          { metricName: `${name}_count`, labels: {}, sharedLabels: s.labels, value: s.count },
        );
        return out;
      });
    return {
      name,
      help,
      type: "histogram",
      aggregator: "sum",
      getForPromString: () => Promise.resolve({ name, help, type: "histogram", aggregator: "sum", values: samples() }),
      get: () =>
        Promise.resolve({
          name,
          help,
          type: "histogram",
          aggregator: "sum",
          values: samples().map(({ sharedLabels, labels, ...rest }) => ({ ...rest, labels: { ...labels, ...sharedLabels } })),
        }),
    };
  }

  counter() {
    const name = "http_requests_total";
    const help = "Answered requests, by method, route pattern and status code";
    const get = () =>
      Promise.resolve({
        name,
        help,
        type: "counter",
        aggregator: "sum",
        values: [...this.series.values()].map((s) => ({ labels: { ...s.labels }, value: s.count })),
      });
    return { name, help, type: "counter", aggregator: "sum", get };
  }
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

    const requestSeries = new RequestSeries();
    registry.registerMetric(requestSeries.histogram() as never);
    registry.registerMetric(requestSeries.counter() as never);
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

    app.addHook("onResponse", (request, reply, done) => {
      requestSeries.observe(request.method, routeLabel(request.routeOptions.url), reply.statusCode, reply.elapsedTime / 1000);
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
