import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest, onRequestAbortHookHandler, onResponseHookHandler, onSendHookHandler, preHandlerHookHandler } from "fastify";
import fp from "fastify-plugin";
import type { Principal } from "../lib/access.js";
import { todayInSaxony } from "../lib/clock.js";
import { type DataGenerationReader, createDataGenerationReader, createWatchedDataGenerationReader } from "../lib/data-generation.js";
import { queryDataGeneration } from "../lib/data-generation.repo.js";

/**
 * HTTP caching of the public read endpoints and an in-process cache of expensive answers, both keyed by
 * the data generation (lib/data-generation.ts), so that they stay correct across API instances: a write
 * acknowledged anywhere raises the generation in the database, and the next request on every instance
 * reads the new generation before it looks at any cache.
 */
declare module "fastify" {
  interface FastifyContextConfig {
    /**
     * Keep 200 answers in the in-process read cache (keyed by route, parameters, query, reader class,
     * today's date, rules and data generation). Implies `httpCache: true` unless `httpCache` is given
     * (a route's own ETag is then kept with the cached answer).
     */
    cache?: boolean;
    /**
     * `true`: send an ETag derived from the data generation, Cache-Control and Vary, and answer 304 to a
     * matching If-None-Match. `"headers"`: Cache-Control and Vary only; the route's own ETag stays (the
     * municipality detail's ETag is the record version that If-Match refers to, not a representation).
     */
    httpCache?: true | "headers";
  }
  interface FastifyInstance {
    dataGeneration: DataGenerationReader;
    readCache: ReadCache;
  }
  interface FastifyRequest {
    readCacheState: ReadCacheState | undefined;
    /** The data generation this request reads at (read once per request, on first use). */
    dataGenerationRead: Promise<string> | undefined;
  }
}

export interface HttpCacheSettings {
  /** max-age (seconds) of answers to anonymous readers, which shared caches may keep. */
  publicMaxAge: number;
  /** stale-while-revalidate (seconds) of answers to anonymous readers. */
  staleWhileRevalidate: number;
  /** Entries the in-process read cache keeps (least recently used go first). */
  readCacheEntries: number;
  /** Bytes of answers the in-process read cache keeps at most (least recently used go first; a larger answer is not kept). */
  readCacheBytes: number;
}

export const DEFAULT_HTTP_CACHE_SETTINGS: HttpCacheSettings = {
  publicMaxAge: 60,
  staleWhileRevalidate: 300,
  readCacheEntries: 500,
  readCacheBytes: 64 * 1024 * 1024,
};

export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Requests that waited for an identical computation in flight and were served by it. */
  shared: number;
  notModified: number;
  entries: number;
  /** Bytes of the answers kept. */
  bytes: number;
}

export interface ReadCache {
  stats(): ReadCacheStats;
  /** The data generation for this request: read on first use, after the request arrived, then kept. */
  generationOf(request: FastifyRequest): Promise<string>;
  /**
   * A value derived from the database that changes only with the data generation (e.g. the public
   * access setting): loaded once per generation, shared by every request.
   */
  perGeneration<T>(request: FastifyRequest, name: string, load: () => Promise<T>): Promise<T>;
}

/**
 * An answer as the bytes sent (decision 0026, prepared bytes): serialised and checked against the response
 * schema once, when it was computed; a hit sends the same Buffer again, without JSON, zod or UTF-8 encoding.
 */
interface CachedAnswer {
  body: Buffer;
  contentType: string;
  /** The Vary header sent with it (Cookie, Authorization and whatever the route added). */
  vary: string;
  /** The route's own ETag (`httpCache: "headers"`, e.g. the detail's record version), sent again with the answer. */
  etag?: string;
  /** A download's Content-Disposition (its file name), sent again with the answer. */
  disposition?: string;
}

interface ReadCacheState {
  etag: string | undefined;
  key: string | undefined;
  fromCache: boolean;
  /** Set when this request computes an answer others wait for. */
  release: (() => void) | undefined;
}

/** A Map in insertion order doubles as an LRU list; bounded by entries and by the bytes of the answers. */
export class AnswerLru {
  private readonly map = new Map<string, CachedAnswer>();
  private totalBytes = 0;
  constructor(
    private readonly capacity: number,
    private readonly maxBytes: number,
  ) {}
  /** The most recently used key: asked for again (the usual case under load), it need not move. */
  private newest: string | undefined;
  get(key: string): CachedAnswer | undefined {
    const value = this.map.get(key);
    if (value !== undefined && key !== this.newest) {
      this.map.delete(key);
      this.map.set(key, value);
      this.newest = key;
    }
    return value;
  }
  set(key: string, value: CachedAnswer): void {
    this.delete(key);
    // An answer larger than the whole budget is not kept (it would push out everything else).
    if (value.body.length > this.maxBytes) return;
    this.map.set(key, value);
    this.newest = key;
    this.totalBytes += value.body.length;
    while (this.map.size > this.capacity || this.totalBytes > this.maxBytes) {
      const oldest = this.map.keys().next();
      if (oldest.done === true) break;
      this.delete(oldest.value);
    }
  }
  private delete(key: string): void {
    const known = this.map.get(key);
    if (known === undefined) return;
    this.map.delete(key);
    this.totalBytes -= known.body.length;
  }
  get size(): number {
    return this.map.size;
  }
  get bytes(): number {
    return this.totalBytes;
  }
}

/**
 * A small memo for values derived from request strings (the normalised query of a URL, an ETag digest):
 * bounded, and simply emptied when full (the strings come from clients, so the memo must not grow with them).
 */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly capacity: number) {}
  get(key: string, compute: () => V): V {
    const known = this.map.get(key);
    if (known !== undefined) return known;
    const value = compute();
    if (this.map.size >= this.capacity) this.map.clear();
    this.map.set(key, value);
    return value;
  }
}

/** Who a representation is for: answers differ by role (names and internal notes), never by person. */
export function readerClass(principal: Principal): string {
  return principal.kind === "anonymous" ? "public" : principal.user.role;
}

export function stableJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  // Dates and other values with their own JSON form (a parsed query may hold them).
  if (typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
  if (value instanceof Map || value instanceof Set) return `${value.constructor.name}${stableJson([...value])}`;
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
}

export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = etag.replace(/^W\//, "");
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim())
    .some((t) => t === "*" || t.replace(/^W\//, "") === bare);
}

const VARY_FIELDS: readonly string[] = ["Cookie", "Authorization"];
const PRIVATE_CACHE_CONTROL = "private, no-cache";

function addVary(reply: FastifyReply, fields: readonly string[]): void {
  const existing = reply.getHeader("vary");
  const present = typeof existing === "string" ? existing.split(",").map((f) => f.trim()).filter(Boolean) : [];
  const lower = new Set(present.map((f) => f.toLowerCase()));
  const merged = [...present, ...fields.filter((f) => !lower.has(f.toLowerCase()))];
  void reply.header("vary", merged.join(", "));
}

/** A route's own hooks of one kind as a list (Fastify takes one function or an array). */
function hookList<T>(hooks: T | T[] | undefined): T[] {
  if (hooks === undefined) return [];
  return Array.isArray(hooks) ? hooks : [hooks];
}

export interface ReadCacheOptions {
  settings?: Partial<HttpCacheSettings> | undefined;
}

export const readCachePlugin = fp<ReadCacheOptions>(
  async (app, options) => {
    const settings: HttpCacheSettings = { ...DEFAULT_HTTP_CACHE_SETTINGS, ...options.settings };
    const { database } = app.deps;
    // PostgreSQL: a connection of its own with a prepared statement (packages/db); PGlite: the pool's one.
    const query = database.readDataGeneration ?? (() => queryDataGeneration(database.db));
    let generation: DataGenerationReader;
    if (database.watchDataGeneration) {
      // The embedded database: one process writes, and tells at commit when the generation changed.
      const watched = createWatchedDataGenerationReader(query);
      const stop = await database.watchDataGeneration(() => watched.changed());
      app.addHook("onClose", async () => {
        await stop().catch(() => undefined);
      });
      generation = watched;
    } else {
      generation = createDataGenerationReader(query);
    }
    const answers = new AnswerLru(settings.readCacheEntries, settings.readCacheBytes);
    const inFlight = new Map<string, Promise<void>>();
    const perGeneration = new Map<string, { generation: string; value: Promise<unknown> }>();
    const rulesKey = stableJson(app.deps.rules);
    const counts = { hits: 0, misses: 0, shared: 0, notModified: 0 };
    // Per request only lookups: the normalised parameters and query of a URL, and the ETag digest of a signature.
    const normalisedRequests = new Memo<string>(2_000);
    const digests = new Memo<string>(2_000);

    const generationOf = (request: FastifyRequest): Promise<string> => (request.dataGenerationRead ??= generation.read());

    app.decorate("dataGeneration", generation);
    app.decorate("readCache", {
      stats: () => ({ ...counts, entries: answers.size, bytes: answers.bytes }),
      generationOf,
      perGeneration: async <T>(request: FastifyRequest, name: string, load: () => Promise<T>): Promise<T> => {
        const current = await generationOf(request);
        const known = perGeneration.get(name);
        if (known?.generation === current) return known.value as Promise<T>;
        // Loaded after the generation was read, so it is at least as new as that generation.
        const value = load();
        perGeneration.set(name, { generation: current, value });
        value.catch(() => {
          if (perGeneration.get(name)?.value === value) perGeneration.delete(name);
        });
        return value;
      },
    } satisfies ReadCache);
    app.decorateRequest("readCacheState", undefined);
    app.decorateRequest("dataGenerationRead", undefined);

    const publicCacheControl = `public, max-age=${settings.publicMaxAge}, stale-while-revalidate=${settings.staleWhileRevalidate}`;
    const cacheControl = (request: FastifyRequest, reply: FastifyReply): string =>
      request.principal.kind === "anonymous" && !reply.hasHeader("set-cookie") ? publicCacheControl : PRIVATE_CACHE_CONTROL;

    /** A hit: the prepared bytes with their headers; the onSend hook below leaves such a reply alone. */
    const sendFromCache = (request: FastifyRequest, reply: FastifyReply, state: ReadCacheState, answer: CachedAnswer) => {
      state.fromCache = true;
      const etag = state.etag ?? answer.etag;
      if (etag !== undefined) void reply.header("etag", etag);
      if (answer.disposition !== undefined) void reply.header("content-disposition", answer.disposition);
      void reply.header("cache-control", cacheControl(request, reply)).header("vary", answer.vary).header("content-type", answer.contentType);
      return reply.send(answer.body);
    };

    /** Resolves to the reply when it answered (304, or from the cache), else undefined (the handler runs). */
    const cachedPreHandler = async (request: FastifyRequest, reply: FastifyReply, mode: true | "headers"): Promise<FastifyReply | undefined> => {
      const config = request.routeOptions.config;
      const current = await generationOf(request);
      const today = todayInSaxony(app.deps.clock);
      const reader = readerClass(request.principal);
      const state: ReadCacheState = { etag: undefined, key: undefined, fromCache: false, release: undefined };
      request.readCacheState = state;

      if (mode === true) {
        // The rules are the same for the whole life of this instance (not part of the memo's key), but
        // differ between instances that run with other rules, so they are part of the digest.
        const digest = digests.get(`${request.url}\n${reader}\n${today}`, () =>
          createHash("sha256").update(`${request.url}\n${reader}\n${today}\n${rulesKey}`).digest("base64url").slice(0, 22),
        );
        state.etag = `W/"${current}-${digest}"`;
        if (etagMatches(request.headers["if-none-match"], state.etag)) {
          counts.notModified += 1;
          void reply.header("etag", state.etag).header("cache-control", cacheControl(request, reply));
          addVary(reply, VARY_FIELDS);
          return reply.code(304).send();
        }
      }

      if (config.cache !== true || request.method !== "GET") return undefined;
      const route = request.routeOptions.url ?? "";
      const normalised = normalisedRequests.get(`${route}\n${request.url}`, () => `${stableJson(request.params)}\n${stableJson(request.query)}`);
      // The rules are fixed for this instance's life: not part of the key of its own cache.
      const key = `${route}\n${normalised}\n${reader}\n${today}\n${current}`;
      state.key = key;
      const hit = answers.get(key);
      if (hit) {
        counts.hits += 1;
        return sendFromCache(request, reply, state, hit);
      }
      // The same answer is being computed (e.g. right after a write, by many readers at once): wait for it.
      const pending = inFlight.get(key);
      if (pending) {
        await pending;
        const shared = answers.get(key);
        if (shared) {
          counts.shared += 1;
          return sendFromCache(request, reply, state, shared);
        }
      } else {
        let release = () => {};
        inFlight.set(
          key,
          new Promise<void>((resolve) => {
            release = resolve;
          }),
        );
        state.release = () => {
          state.release = undefined;
          inFlight.delete(key);
          release();
        };
      }
      counts.misses += 1;
      return undefined;
    };
    // The hooks belong to the cached routes only (route-level hooks, added as each route is registered): a
    // route without caching (the liveness probe, every write) runs none of them (decision 0026).
    const readCachePreHandler: preHandlerHookHandler = function (request, reply, done) {
      const config = request.routeOptions.config;
      const mode = config.httpCache ?? (config.cache === true ? true : undefined);
      if (mode === undefined) {
        done();
        return;
      }
      // A hook that answered itself must not call done() as well.
      cachedPreHandler(request, reply, mode).then((answered) => {
        if (answered === undefined) done();
      }, done);
    };

    const cachedOnSend: onSendHookHandler = function (request, reply, payload, done) {
      const state = request.readCacheState;
      // Not a cached route, or a hit (sendFromCache set every header already).
      if (!state || state.fromCache) {
        done(null, payload);
        return;
      }
      let sent = payload;
      if (reply.statusCode === 200) {
        if (state.etag !== undefined) void reply.header("etag", state.etag);
        void reply.header("cache-control", cacheControl(request, reply));
        addVary(reply, VARY_FIELDS);
        if (state.key !== undefined && (typeof payload === "string" || Buffer.isBuffer(payload))) {
          // Serialised (and checked against the response schema) once; every hit sends these bytes.
          const body = typeof payload === "string" ? Buffer.from(payload) : payload;
          sent = body;
          const contentType = reply.getHeader("content-type");
          const vary = reply.getHeader("vary");
          const routeEtag = state.etag === undefined ? reply.getHeader("etag") : undefined;
          const disposition = reply.getHeader("content-disposition");
          answers.set(state.key, {
            body,
            contentType: typeof contentType === "string" ? contentType : "application/json; charset=utf-8",
            vary: typeof vary === "string" ? vary : VARY_FIELDS.join(", "),
            ...(typeof routeEtag === "string" ? { etag: routeEtag } : {}),
            ...(typeof disposition === "string" ? { disposition } : {}),
          });
        }
      }
      state.release?.();
      done(null, sent);
    };

    // Whatever happened to the request (an error, a closed connection), waiting readers must go on.
    const releaseOnResponse: onResponseHookHandler = function (request, _reply, next) {
      request.readCacheState?.release?.();
      next();
    };
    const releaseOnAbort: onRequestAbortHookHandler = function (request, next) {
      request.readCacheState?.release?.();
      next();
    };

    app.addHook("onRoute", (route) => {
      const config = (route.config ?? {}) as { cache?: boolean; httpCache?: true | "headers" };
      if (config.httpCache === undefined && config.cache !== true) return;
      route.preHandler = [...hookList(route.preHandler), readCachePreHandler];
      route.onSend = [...hookList(route.onSend), cachedOnSend];
      route.onResponse = [...hookList(route.onResponse), releaseOnResponse];
      route.onRequestAbort = [...hookList(route.onRequestAbort), releaseOnAbort];
    });
  },
  { name: "insek-read-cache", dependencies: ["insek-auth"] },
);
