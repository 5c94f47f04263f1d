import { connect } from "node:net";
import { gzipSync } from "node:zlib";
import { errorResponseSchema, eventCreatedSchema, eventImportResultSchema, preconditionFailedSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, bearerFor, sessionFor } from "./helpers/accounts.js";
import { historyInvariants } from "./helpers/history-invariants.js";
import { type JsonSchema, exampleWith, leavesOf } from "./helpers/schema-examples.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * Property-based fuzzing of every route the app has (read from its own route table, so a new route is
 * fuzzed the moment it exists): malformed bodies, parameters, query strings, headers, encodings, huge
 * and deeply nested payloads, by inject for breadth and over raw sockets for what inject cannot send.
 * Never a 5xx; every error in the standard shape; and afterwards the history is sound, holding exactly
 * the writes that were answered 201.
 */

/** Random requests per property (FUZZ_RUNS=20000 for a long local run). */
const RUNS = Number(process.env.FUZZ_RUNS ?? 3000);
/** Requests the suite sends at least (all properties together), none answered with a 5xx. */
const MIN_REQUESTS = 10_000;
const BODY_LIMIT = 1_048_576;

interface Route {
  method: string;
  url: string;
  access: string;
  query: string[];
  /** The JSON request body's schema, when the route takes one. */
  body?: JsonSchema;
}

type Res = { statusCode: number; headers: Record<string, unknown>; body: string; rawPayload?: Buffer };

let t: TestApp;
let routes: Route[];
let agsPool: string[];
const personas: Record<string, Record<string, string>> = {};
/** Accepted writes by what the API answered: event ids of 201s and of applied imports. */
let acceptedEvents = 0;
let eventsBefore = 0;
let requests = 0;
/** Requests answered with a status of 500 or more (each also fails its own check at once). */
const serverErrors: string[] = [];
let smrId = "";

beforeAll(async () => {
  t = await createTestApp();
  await t.app.ready();
  const db = t.database.db;
  const smr = await addAccount(db, { email: "fuzz-smr@test.example", role: "smr", admin: true, password: null });
  const muni = await addAccount(db, { email: "fuzz-muni@test.example", role: "municipality", ags: ["14627060"], password: null });
  smrId = smr.id;
  personas.anonymous = {};
  personas.bearer = (await bearerFor(t.app, smr.id)).headers;
  personas.municipality = (await bearerFor(t.app, muni.id)).headers;
  personas.session = (await sessionFor(t.app, smr.id)).headers;
  personas.brokenBearer = { authorization: "Bearer nonsense" };

  // Query parameter names per path from the OpenAPI document (fastify's /:ags is {ags} there).
  type Operation = { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
  const doc = t.app.swagger() as { paths?: Record<string, Record<string, Operation>> };
  const operation = (method: string, url: string) => doc.paths?.[url.replace(/:([A-Za-z]+)/g, "{$1}")]?.[method.toLowerCase()];
  const queryNames = (method: string, url: string) =>
    (operation(method, url)?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
  const seen = new Set<string>();
  routes = t.app.routeAccess
    .entries()
    .filter((r) => {
      const key = `${r.method} ${r.url}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => {
      const body = operation(r.method, r.url)?.requestBody?.content?.["application/json"]?.schema;
      return { ...r, query: queryNames(r.method, r.url), ...(body ? { body } : {}) };
    });
  agsPool = (
    await queryRows<{ ags: string }>(db, sql`select ags from municipalities where valid_to is null order by ags limit 40`)
  ).map((r) => r.ags);
  eventsBefore = (await historyInvariants(db)).events;
});

afterAll(async () => {
  await t?.close();
});

// ---------------------------------------------------------------- checks

function isErrorStatus(status: number) {
  return status >= 400;
}

/** Never a 5xx; an error body has the standard shape with this request's id. */
function checkResponse(what: string, method: string, res: Res) {
  requests++;
  const context = `${what} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 500) serverErrors.push(context);
  expect(res.statusCode, context).toBeLessThan(500);
  if (!isErrorStatus(res.statusCode) || method === "HEAD") return;
  expect(String(res.headers["content-type"]), context).toMatch(/^application\/json/);
  const parsed = errorResponseSchema.safeParse(JSON.parse(res.body));
  expect(parsed.success, context).toBe(true);
  if (!parsed.success) return;
  expect(parsed.data.statusCode, context).toBe(res.statusCode);
  expect(parsed.data.requestId, context).toBe(res.headers["x-request-id"]);
}

/** Counts the writes the API acknowledged as creating status events. */
function countAccepted(method: string, url: string, res: Res) {
  if (method !== "POST") return;
  if (/^\/api\/municipalities\/[^/]+\/events$/.test(url.split("?")[0] ?? "") && res.statusCode === 201) {
    eventCreatedSchema.parse(JSON.parse(res.body));
    acceptedEvents++;
  }
  if ((url.split("?")[0] ?? "") === "/api/import/events" && res.statusCode === 200) {
    const result = eventImportResultSchema.parse(JSON.parse(res.body));
    if (result.applied) acceptedEvents += result.summary.ok;
  }
}

// ---------------------------------------------------------------- arbitraries

const printable = (max: number) => fc.string({ unit: "binary-ascii", maxLength: max }).map((s) => s.replace(/[^\x20-\x7e]/g, ""));
const nasty = fc.constantFrom(
  "",
  " ",
  "%",
  "%zz",
  "%ff%fe",
  "%E0%A4%A",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%C0%80",
  "0000-01-01",
  "0000-Q1",
  "..%2f..%2fetc%2fpasswd",
  "__proto__",
  "constructor",
  "null",
  "undefined",
  "NaN",
  "-1",
  "1e309",
  "99999999999999999999999",
  "0x10",
  "true",
  "[]",
  "{}",
  "'; drop table status_events; --",
  "\u00e4\u00f6\u00fc\u00df",
  "%F0%9F%98%80",
  "a".repeat(250),
  "9".repeat(300),
);
/** Values PostgreSQL refuses that the contracts must refuse first: years out of range, NUL, lone surrogates. */
const QUERY_DATES = ["0000-01-01", "0000-12-31", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31", "0000-Q1", "1899-Q4", "2101-Q1", "9999-Q4"];
const QUERY_TEXTS = ["%00", "a%00b", "%00%00", "%ED%A0%80", "x%ED%B0%80", "%C0%80"];
const BODY_TEXTS = ["\u0000", "a\u0000b", "\ud800", "x\udc00y", "\udc00\ud800", "\ud83d"];
const BODY_DATES = ["0000-01-01", "0000-02-29", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"];
const badText = fc.constantFrom(...BODY_TEXTS);

const paramValue = fc.oneof(
  { arbitrary: fc.constantFrom("14627060", "14612000", "14521240", "00000000", "1462706", "146270600"), weight: 3 },
  { arbitrary: fc.uuid(), weight: 2 },
  { arbitrary: fc.stringMatching(/^[0-9]{8}$/), weight: 2 },
  { arbitrary: nasty, weight: 3 },
  { arbitrary: printable(30).map(encodeURIComponent), weight: 2 },
);
const queryValue = fc.oneof(
  nasty,
  printable(20).map(encodeURIComponent),
  fc.integer().map(String),
  fc.constantFrom("2026-11-25", "2026-13-45", "1900-01-01", "9999-12-31", "true", "false", "1", "0", "asc", "desc", "INSEK", "drafting"),
  fc.constantFrom(...QUERY_DATES, ...QUERY_TEXTS),
);

function concreteUrl(url: string, params: string[]): string {
  let i = 0;
  return url.replace(/:[A-Za-z]+/g, () => params[i++ % params.length] ?? "x").replace("*", params[params.length - 1] ?? "x");
}

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json; charset=utf-16le",
  "application/json;;charset=\"",
  "APPLICATION/JSON",
  "application/jsonx",
  "text/plain",
  "text/csv",
  "text/csv; charset=windows-1252",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "multipart/form-data; boundary=xyz",
  "application/x-www-form-urlencoded",
  "application/xml",
  "*/*",
  ";;;",
  "",
];

const deepJson = fc
  .tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean())
  .map(([depth, arrays]) => (arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`));

const eventLike = fc.record(
  {
    type: fc.oneof(fc.constantFrom("status", "confirmation"), fc.jsonValue()),
    status: fc.oneof(fc.constantFrom("none", "drafting", "council_adopted", "funding_eligible", "updating"), fc.jsonValue()),
    conceptKind: fc.oneof(fc.constantFrom("INSEK", "INGEKO"), fc.jsonValue()),
    effectiveDate: fc.oneof(fc.constantFrom("2020-01-01", "2026-11-25", "2030-01-01", "1989-12-31", "2026-02-30", ...BODY_DATES), fc.jsonValue()),
    councilResolutionDate: fc.oneof(fc.constantFrom("2019-06-01", null), fc.jsonValue()),
    documentUrl: fc.oneof(fc.webUrl(), fc.constantFrom("javascript:alert(1)", "ftp://x", null), printable(40)),
    horizonYear: fc.oneof(fc.integer({ min: 1980, max: 2110 }), fc.double(), fc.jsonValue()),
    note: fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: "grapheme", maxLength: 60 }), fc.constant("x".repeat(4001)), badText),
    noteInternal: fc.oneof(fc.boolean(), fc.jsonValue()),
    source: fc.oneof(fc.constantFrom("municipality", "fs_inge", "smr", "import"), fc.jsonValue()),
    supersedes: fc.oneof(fc.integer({ min: -2, max: 50 }), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

const invalidUtf8 = fc
  .tuple(fc.constantFrom('{"note":"', '{"email":"', '{"name":"', "AGS;Status\n"), fc.uint8Array({ minLength: 1, maxLength: 8 }), fc.constantFrom('"}', "\n"))
  .map(([a, bytes, b]) => Buffer.concat([Buffer.from(a), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(bytes), Buffer.from(b)]));

const bodyArb: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string; encoding?: string }> = fc.oneof(
  fc.constant({}),
  fc.record({ payload: fc.jsonValue().map((v) => JSON.stringify(v)), contentType: fc.constantFrom(...CONTENT_TYPES) }),
  fc.record({ payload: eventLike.map((v) => JSON.stringify(v)), contentType: fc.constant("application/json") }),
  fc.record({
    payload: fc.dictionary(fc.constantFrom("email", "password", "name", "displayName", "note", "message", "summary", "token", "date", "from", "to"), fc.oneof(badText, fc.constantFrom(...BODY_DATES))).map((v) => JSON.stringify(v)),
    contentType: fc.constant("application/json"),
  }),
  fc.record({ payload: fc.string({ maxLength: 200 }), contentType: fc.constantFrom(...CONTENT_TYPES) }),
  fc.record({ payload: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), contentType: fc.constantFrom(...CONTENT_TYPES) }),
  fc.record({ payload: invalidUtf8, contentType: fc.constantFrom("application/json", "application/json; charset=utf-8", "text/csv") }),
  fc.record({ payload: deepJson, contentType: fc.constant("application/json") }),
  fc.record({
    payload: fc.jsonValue().map((v) => gzipSync(JSON.stringify(v ?? null))),
    contentType: fc.constant("application/json"),
    encoding: fc.constantFrom("gzip", "deflate", "br", "identity", "x-unknown"),
  }),
);

const headerArb = fc.record(
  {
    accept: fc.oneof(fc.constantFrom("application/json", "text/html", "*/*", "application/xml", "image/png;q=abc", "", ",,,"), printable(30)),
    "accept-charset": fc.constantFrom("utf-8", "iso-8859-1", "bogus", "*"),
    "accept-encoding": fc.constantFrom("gzip", "br", "identity;q=0", "*;q=0", "nonsense"),
    "if-match": fc.oneof(fc.constantFrom('"0"', '"1"', "W/\"0\"", "*", '"-1"', '"99999999999"', ""), printable(20)),
    "if-none-match": fc.oneof(fc.constantFrom('"0"', "*", "W/"), printable(20)),
    "x-request-id": fc.oneof(fc.stringMatching(/^[A-Za-z0-9._-]{1,64}$/), printable(80)),
    origin: fc.constantFrom("null", "http://evil.example", "not a url", "http://localhost", "http://[::1", "http://%zz"),
    "sec-fetch-site": fc.constantFrom("cross-site", "same-origin", "none", "?"),
    cookie: fc.oneof(fc.constantFrom("insek_session=", "insek_session=%zz", "insek_session=a; insek_session=b", "=;=;", "a=b"), printable(60)),
    range: fc.constantFrom("bytes=0-10", "bytes=-1", "bytes=abc"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "not an ip", "::1, 10.0.0.1"),
    "content-length-mismatch": fc.constantFrom("shorter", "longer", "garbage"),
  },
  { requiredKeys: [] },
);

const requestArb: fc.Arbitrary<FuzzRequest> = fc
  .record({
    routeIndex: fc.nat(),
    persona: fc.constantFrom("anonymous", "bearer", "municipality", "session", "brokenBearer"),
    params: fc.array(paramValue, { minLength: 1, maxLength: 3 }),
    query: fc.array(fc.tuple(fc.oneof(fc.constant("known"), nasty, printable(10)), queryValue, fc.nat()), { maxLength: 5 }),
    rawQuery: fc.option(fc.constantFrom("?", "??", "?&&&", "?=", "?a", "?%", "?a[b]=1", "?a[__proto__][x]=1", "?limit=1&limit=2&limit=x"), { nil: undefined }),
    body: bodyArb,
    headers: headerArb,
    methodSwap: fc.option(fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"), { freq: 8, nil: undefined }),
  })
  .map(({ routeIndex, persona, params, query, rawQuery, body, headers, methodSwap }) => {
    const route = routes[routeIndex % routes.length] as Route;
    const parts = query.map(([key, value, n]) => {
      const name = key === "known" ? (route.query[n % Math.max(route.query.length, 1)] ?? "q") : key;
      return `${name}=${value}`;
    });
    const url = `${concreteUrl(route.url, params)}${rawQuery ?? (parts.length ? `?${parts.join("&")}` : "")}`;
    const { "content-length-mismatch": mismatch, ...plainHeaders } = headers;
    const all: Record<string, string> = { ...personas[persona], ...plainHeaders };
    if (body.contentType !== undefined) all["content-type"] = body.contentType;
    if (body.encoding !== undefined) all["content-encoding"] = body.encoding;
    if (body.payload !== undefined && mismatch !== undefined) {
      const length = Buffer.byteLength(body.payload);
      all["content-length"] = mismatch === "garbage" ? "12abc" : String(mismatch === "shorter" ? Math.max(0, length - 1) : length + 5);
    }
    const method = methodSwap ?? route.method;
    return { method, url, headers: all, ...(body.payload !== undefined ? { payload: body.payload } : {}) };
  });

async function send(request: FuzzRequest): Promise<Res> {
  const res = await t.app.inject({
    method: request.method as "GET",
    url: request.url,
    headers: request.headers,
    ...(request.payload !== undefined ? { payload: request.payload } : {}),
  });
  return { statusCode: res.statusCode, headers: res.headers, body: res.body };
}

function describeRequest(r: FuzzRequest) {
  const payload = r.payload === undefined ? "" : ` body(${Buffer.byteLength(r.payload)}b)=${String(r.payload).slice(0, 120)}`;
  return `${r.method} ${r.url.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 300)}${payload}`;
}

async function sendAndCheck(request: FuzzRequest): Promise<Res> {
  const res = await send(request);
  checkResponse(describeRequest(request), request.method, res);
  countAccepted(request.method, request.url, res);
  return res;
}

// ---------------------------------------------------------------- tests

describe("fuzzing every route", () => {
  it("enumerates the app's routes, including the write routes", () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.some((r) => r.method === "POST" && r.url === "/api/municipalities/:ags/events")).toBe(true);
    expect(routes.filter((r) => r.query.length > 0).length).toBeGreaterThan(3);
  });

  it("sends each route the classic malformed requests: never a 5xx, errors in the standard shape", { timeout: 120_000 }, async () => {
    const huge = `{"note":"${"x".repeat(BODY_LIMIT + 10)}"}`;
    const hugeCsv = `AGS;Status\n${"14627060;drafting\n".repeat(Math.ceil((5 * 1024 * 1024) / 18) + 10)}`;
    const deepArray = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    const deepObject = `${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`;
    const cases: { name: string; headers: Record<string, string>; payload?: string | Buffer; query?: string }[] = [
      { name: "empty JSON body", headers: { "content-type": "application/json" }, payload: "" },
      { name: "truncated JSON", headers: { "content-type": "application/json" }, payload: '{"type":"sta' },
      { name: "JSON null", headers: { "content-type": "application/json" }, payload: "null" },
      { name: "JSON string", headers: { "content-type": "application/json" }, payload: '"x"' },
      { name: "proto pollution", headers: { "content-type": "application/json" }, payload: '{"__proto__":{"admin":true},"constructor":{"prototype":{"x":1}}}' },
      { name: "huge JSON", headers: { "content-type": "application/json" }, payload: huge },
      { name: "huge CSV", headers: { "content-type": "text/csv" }, payload: hugeCsv },
      { name: "deep array", headers: { "content-type": "application/json" }, payload: deepArray },
      { name: "deep object", headers: { "content-type": "application/json" }, payload: deepObject },
      { name: "invalid UTF-8 JSON", headers: { "content-type": "application/json; charset=utf-8" }, payload: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]) },
      { name: "UTF-16 JSON", headers: { "content-type": "application/json; charset=utf-16le" }, payload: Buffer.from('{"a":1}', "utf16le") },
      { name: "BOM JSON", headers: { "content-type": "application/json" }, payload: `\ufeff{"type":"confirmation"}` },
      { name: "gzip without support", headers: { "content-type": "application/json", "content-encoding": "gzip" }, payload: gzipSync('{"type":"confirmation"}') },
      { name: "unknown content type", headers: { "content-type": "application/x-nonsense" }, payload: "abc" },
      { name: "multipart", headers: { "content-type": "multipart/form-data; boundary=x" }, payload: "--x\r\n\r\n--x--" },
      { name: "form", headers: { "content-type": "application/x-www-form-urlencoded" }, payload: "a=1&b=%zz" },
      { name: "xlsx garbage", headers: { "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }, payload: Buffer.from("PK\u0003\u0004garbage") },
      { name: "content-length too short", headers: { "content-type": "application/json", "content-length": "3" }, payload: '{"a":1}' },
      { name: "content-length too long", headers: { "content-type": "application/json", "content-length": "100" }, payload: '{"a":1}' },
      { name: "content-length garbage", headers: { "content-type": "application/json", "content-length": "abc" }, payload: '{"a":1}' },
      { name: "accept xml", headers: { accept: "application/xml" } },
      { name: "bad query encoding", headers: {}, query: "?limit=%zz&asOf=%E0%A4%A&from=%00" },
      { name: "repeated query keys", headers: {}, query: "?limit=1&limit=2&status=drafting&status=x&asOf=2026-01-01&asOf=x" },
      { name: "long query", headers: {}, query: `?q=${"a".repeat(20_000)}` },
      { name: "bracket query", headers: {}, query: "?a[b][c]=1&__proto__[x]=1&constructor[prototype][y]=2" },
    ];
    const params = [["14627060"], ["%zz"], ["x".repeat(300)], ["%F0%9F%98%80"]];
    const sweepPersonas = ["bearer", "session", "anonymous", "municipality"];
    for (const route of routes) {
      // A fresh session per route: the logout route ends the one it is called with.
      personas.session = (await sessionFor(t.app, smrId)).headers;
      // Every case once per route, the caller rotating (a signed-in writer gets past the access check).
      for (const [index, c] of cases.entries()) {
        const persona = sweepPersonas[index % sweepPersonas.length] ?? "bearer";
        const withBody = c.payload !== undefined;
        if (withBody && (route.method === "GET" || route.method === "HEAD")) continue;
        const request: FuzzRequest = {
          method: route.method,
          url: `${concreteUrl(route.url, params[0] ?? [])}${c.query ?? ""}`,
          headers: { ...personas[persona], "if-match": '"0"', ...c.headers },
          ...(withBody ? { payload: c.payload } : {}),
        };
        const res = await sendAndCheck(request);
        if (c.name === "huge JSON" && res.statusCode !== 401 && res.statusCode !== 403 && res.statusCode !== 404 && res.statusCode !== 415) {
          expect([400, 413], `${c.name} ${route.method} ${route.url}: ${res.body.slice(0, 200)}`).toContain(res.statusCode);
        }
      }
      for (const p of params.slice(1)) {
        if (!route.url.includes(":") && !route.url.includes("*")) break;
        for (const persona of ["bearer", "anonymous"]) {
          await sendAndCheck({ method: route.method, url: concreteUrl(route.url, p), headers: { ...personas[persona] } });
        }
      }
    }
  });

  it("refuses NUL, lone surrogates and years out of range in every query, path and body field of every route: 400, never a 5xx", { timeout: 120_000 }, async () => {
    const sweepPersonas = ["bearer", "session", "anonymous"];
    let refusedByRule = 0;
    const before = requests;
    const send400 = async (request: FuzzRequest) => {
      const res = await sendAndCheck(request);
      if (res.statusCode === 400 && request.method !== "HEAD") {
        const codes = (errorResponseSchema.parse(JSON.parse(res.body)).issues ?? []).map((i) => i.code);
        if (codes.includes("TEXT_NOT_WELL_FORMED") || codes.includes("DATE_OUT_OF_RANGE")) refusedByRule++;
      }
    };
    for (const route of routes) {
      personas.session = (await sessionFor(t.app, smrId)).headers;
      const url = (params: string[]) => concreteUrl(route.url, params);
      const good = route.url.includes(":ags")
        ? "14522010"
        : route.url.includes(":token")
          ? "a".repeat(32)
          : route.url.includes("/api/associations/:key")
            ? "146255501"
            : "1";
      for (const persona of sweepPersonas) {
        const headers = { ...personas[persona], "if-match": '"0"' };
        for (const name of route.query) {
          for (const value of [...QUERY_TEXTS, ...QUERY_DATES]) {
            await send400({ method: route.method, url: `${url([good])}?${name}=${value}`, headers });
          }
        }
        if (route.url.includes(":")) {
          for (const value of [...QUERY_TEXTS, ...QUERY_DATES.slice(0, 3)]) await send400({ method: route.method, url: url([value]), headers });
        }
        if (!route.body) continue;
        for (const leaf of leavesOf(route.body)) {
          for (const value of [...BODY_TEXTS, ...(leaf.date ? BODY_DATES : [])]) {
            await send400({
              method: route.method,
              url: url([good]),
              headers: { ...headers, "content-type": "application/json" },
              payload: JSON.stringify(exampleWith(route.body, leaf.path, value)),
            });
          }
        }
      }
    }
    // The rule answered for real (not only access checks in front of it).
    console.info(`rule sweep: ${requests - before} requests, ${refusedByRule} refused by the text or date rule`);
    expect(refusedByRule).toBeGreaterThan(200);
  });

  it("answers random malformed requests to random routes without a 5xx, errors in the standard shape", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (request) => {
        await sendAndCheck(request);
      }),
      { numRuns: RUNS },
    );
  });

  it("takes mutated event writes with real and wrong If-Match versions; only valid ones are accepted", { timeout: 120_000 }, async () => {
    const versions = new Map<string, number>();
    const writeArb = fc.record({
      ags: fc.constantFrom(...agsPool.slice(0, 8)),
      body: fc.oneof(
        { arbitrary: eventLike, weight: 2 },
        {
          arbitrary: fc.record({
            type: fc.constant("status"),
            status: fc.constantFrom("drafting", "council_adopted", "funding_eligible", "updating", "none"),
            conceptKind: fc.constantFrom("INSEK", "INGEKO"),
            effectiveDate: fc.date({ min: new Date("2015-01-01"), max: new Date("2026-11-20"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            councilResolutionDate: fc.date({ min: new Date("2014-01-01"), max: new Date("2026-11-20"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
            source: fc.constantFrom("smr", "fs_inge", "municipality"),
            note: fc.string({ maxLength: 40 }),
          }),
          weight: 3,
        },
        { arbitrary: fc.record({ type: fc.constant("confirmation"), note: fc.string({ maxLength: 40 }) }), weight: 2 },
      ),
      versionDelta: fc.oneof({ arbitrary: fc.constant(0), weight: 6 }, { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 1 }),
      persona: fc.constantFrom("bearer", "bearer", "session", "municipality"),
    });
    let created = 0;
    // The random phase may have signed the session out (POST /api/auth/logout): a fresh one.
    personas.session = (await sessionFor(t.app, smrId)).headers;
    await fc.assert(
      fc.asyncProperty(writeArb, async ({ ags, body, versionDelta, persona }) => {
        const known = versions.get(ags) ?? 0;
        const request: FuzzRequest = {
          method: "POST",
          url: `/api/municipalities/${ags}/events`,
          headers: { ...personas[persona], "content-type": "application/json", "if-match": `"${Math.max(0, known + versionDelta)}"` },
          payload: JSON.stringify(body),
        };
        const res = await sendAndCheck(request);
        if (res.statusCode === 201) {
          created++;
          versions.set(ags, eventCreatedSchema.parse(JSON.parse(res.body)).version);
        } else if (res.statusCode === 412) {
          versions.set(ags, preconditionFailedSchema.parse(JSON.parse(res.body)).current.version);
        } else {
          expect([400, 403, 404, 422, 428], res.body).toContain(res.statusCode);
        }
      }),
      { numRuns: Math.round(RUNS / 10) },
    );
    expect(created).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------- raw sockets

describe("raw HTTP that inject cannot send", () => {
  let port = 0;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const address = t.app.server.address();
    port = typeof address === "object" && address ? address.port : 0;
  });

  /** Sends raw bytes (in pieces, with pauses) and collects everything until the server closes or answers. */
  function raw(chunks: (string | Buffer)[], options: { pauseMs?: number; endAfter?: boolean; waitMs?: number } = {}): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, "127.0.0.1");
      let data = "";
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(data);
      }, options.waitMs ?? 5000);
      socket.on("data", (d: Buffer) => {
        data += d.toString("latin1");
      });
      socket.on("error", (e) => {
        clearTimeout(timer);
        if (data) resolve(data);
        else reject(e);
      });
      socket.on("close", () => {
        clearTimeout(timer);
        resolve(data);
      });
      socket.on("connect", () => {
        void (async () => {
          for (const chunk of chunks) {
            if (socket.destroyed) return;
            socket.write(chunk);
            if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
          }
          if (options.endAfter) socket.end();
        })();
      });
    });
  }

  function parseResponse(text: string) {
    const [head = "", ...rest] = text.split("\r\n\r\n");
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
    let body = rest.join("\r\n\r\n");
    if (/transfer-encoding: chunked/i.test(head)) {
      // One chunk is enough for these small answers.
      body = body.replace(/^[0-9a-f]+\r\n/i, "").replace(/\r\n0\r\n\r\n$/, "");
    }
    return { status, head, body };
  }

  function expectStandardError(text: string, statuses: number[]) {
    const { status, head, body } = parseResponse(text);
    expect(statuses, text.slice(0, 500)).toContain(status);
    expect(head, text.slice(0, 500)).toMatch(/content-type: application\/json/i);
    const parsed = errorResponseSchema.safeParse(JSON.parse(body));
    expect(parsed.success, body).toBe(true);
    expect(parsed.data?.statusCode).toBe(status);
  }

  const writer = () => Object.entries(personas.bearer ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join("");

  it("broken chunked encoding gets a 400 in the standard shape", async () => {
    const text = await raw([
      `POST /api/municipalities/14627060/events HTTP/1.1\r\nHost: x\r\n${writer()}If-Match: "0"\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      "zz\r\n{}\r\n0\r\n\r\n",
    ]);
    expectStandardError(text, [400]);
  });

  it("invalid UTF-8 and control bytes in the request line get a 4xx in the standard shape", async () => {
    for (const target of [
      Buffer.from([0x2f, 0x61, 0x70, 0x69, 0x2f, 0xff, 0xfe]),
      Buffer.from("/api/municipalities/%ff%fe"),
      Buffer.from("/api/municipalities/%E0%A4%A"),
      Buffer.from("/api/municipalities?asOf=%ff"),
      Buffer.from("/api/municipalities/\u00e4"),
    ]) {
      const text = await raw([Buffer.concat([Buffer.from("GET "), target, Buffer.from(" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")])]);
      expectStandardError(text, [400, 404]);
    }
  });

  it("a malformed request line or header gets a 400 in the standard shape", async () => {
    for (const request of [
      "GARBAGE\r\n\r\n",
      "GET / HTTP/9.9\r\nHost: x\r\n\r\n",
      "GET /api/districts HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n",
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}",
      "POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ]) {
      const text = await raw([request]);
      expectStandardError(text, [400]);
    }
  });

  it("a slow body, sent byte by byte, is still answered normally", async () => {
    const body = JSON.stringify({ email: "nobody@test.example", password: "wrong password here" });
    const head = `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const text = await raw([head, ...(body.match(/.{1,8}/g) ?? [])], { pauseMs: 40, waitMs: 15_000 });
    expectStandardError(text, [401]);
  });

  it("a body shorter than its Content-Length, then a half-close, does not hang or crash the server", async () => {
    const text = await raw(
      [`POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":`],
      { endAfter: true, waitMs: 5000 },
    );
    // Either the server answers 400 or it closes the connection: both are fine, a 5xx is not.
    if (text) expectStandardError(text, [400]);
    const health = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(health.status).toBe(200);
  });

  it("an oversized body streamed without Content-Length (chunked) gets a 413 in the standard shape", async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const chunks: (string | Buffer)[] = [
      `POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
    ];
    for (let i = 0; i < 20; i++) chunks.push(`${chunk.length.toString(16)}\r\n`, chunk, "\r\n");
    chunks.push("0\r\n\r\n");
    const text = await raw(chunks, { waitMs: 10_000 });
    expectStandardError(text, [413]);
  });
});

// ---------------------------------------------------------------- invariants

describe("after the fuzzing", () => {
  it("the history holds exactly the accepted writes, each audited, versions without gaps", async () => {
    const after = await historyInvariants(t.database.db);
    expect(after.problems).toEqual([]);
    expect(after.events - eventsBefore).toBe(acceptedEvents);
    expect(after.eventAudits).toBe(after.events);
    expect(acceptedEvents).toBeGreaterThan(0);
    expect(requests).toBeGreaterThan(RUNS);
  });

  it(`sent at least ${MIN_REQUESTS} requests, none answered with a 5xx`, () => {
    expect(serverErrors).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
  });

  it("the server still answers normally", async () => {
    const res = await t.app.inject({ url: "/health/ready" });
    expect(res.statusCode).toBe(200);
  });
});
