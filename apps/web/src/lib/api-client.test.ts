import { districtListSchema, endpoints } from "@insek/contracts";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, CLIENT_ERROR_CODES, apiGet, apiSend, apiUploadForm, buildUrl, endpointUrl, request, setCsrfToken } from "./api-client";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("buildUrl", () => {
  it("leaves out empty parameters", () => {
    expect(buildUrl("/api/municipalities", { q: "", district: undefined, sort: "-population", offset: 0 })).toBe(
      "/api/municipalities?sort=-population&offset=0",
    );
    expect(buildUrl("/api/districts")).toBe("/api/districts");
  });

  it("encodes values", () => {
    expect(buildUrl("/api/municipalities", { q: "Groß & Klein" })).toBe("/api/municipalities?q=Gro%C3%9F+%26+Klein");
  });
});

describe("apiGet", () => {
  it("returns the parsed body", async () => {
    const body = { items: [{ key: "14612", name: "Dresden, Stadt", type: "kreisfreie_stadt", municipalityCount: 1, population: 1 }] };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(200, body))));
    await expect(apiGet("/api/districts", districtListSchema)).resolves.toEqual(body);
  });

  it("throws an ApiError carrying the server's error shape", async () => {
    const error = { statusCode: 404, code: "MUNICIPALITY_NOT_FOUND", message: "No municipality", requestId: "r-1" };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(404, error))));
    const thrown = await apiGet("/api/municipalities/14999999", districtListSchema).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({ ...error, issues: [] });
    expect((thrown as ApiError).isNotFound).toBe(true);
    expect((thrown as ApiError).isTransient).toBe(false);
  });

  it("keeps validation issues", async () => {
    const issues = [{ path: "query.sort", code: "invalid_value", message: "Invalid option" }];
    const error = { statusCode: 400, code: "VALIDATION_FAILED", message: "Invalid query", requestId: "r-2", issues };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(400, error))));
    await expect(apiGet("/api/municipalities", districtListSchema)).rejects.toMatchObject({ issues });
  });

  it("still throws an ApiError when the error body is not the shared shape", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(() => Promise.resolve(new Response("Bad Gateway", { status: 502, statusText: "Bad Gateway" }))),
    );
    await expect(apiGet("/api/districts", districtListSchema)).rejects.toMatchObject({
      statusCode: 502,
      code: CLIENT_ERROR_CODES.unexpectedStatus,
      isTransient: true,
    });
  });

  it("rejects a body that breaks the contract", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(200, { items: [{ key: "1" }] }))));
    await expect(apiGet("/api/districts", districtListSchema)).rejects.toMatchObject({
      code: CLIENT_ERROR_CODES.invalidResponse,
    });
  });

  it("turns network failures into a transient ApiError", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("fetch failed"))));
    await expect(apiGet("/api/districts", districtListSchema)).rejects.toMatchObject({
      statusCode: 0,
      code: CLIENT_ERROR_CODES.network,
      isTransient: true,
    });
  });

  it("lets aborts through unchanged", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new DOMException("aborted", "AbortError"))));
    await expect(apiGet("/api/districts", districtListSchema)).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("apiSend", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(null);
  });

  it("sends the CSRF token and the given headers as JSON", async () => {
    const fetchMock = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(new Response(null, { status: 204 })));
    vi.stubGlobal("fetch", fetchMock);
    setCsrfToken("token-1");
    await apiSend("POST", "/api/x", { a: 1 }, { headers: { "if-match": '"3"' } });
    const init = fetchMock.mock.calls[0]?.[1];
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe('{"a":1}');
    expect(init?.headers).toMatchObject({ "x-csrf-token": "token-1", "if-match": '"3"', "content-type": "application/json" });
  });

  it("keeps the error body and Retry-After", async () => {
    const body = { statusCode: 429, code: "TOO_MANY_ATTEMPTS", message: "wait", requestId: "r1" };
    vi.stubGlobal(
      "fetch",
      vi.fn(() =>
        Promise.resolve(
          new Response(JSON.stringify(body), { status: 429, headers: { "content-type": "application/json", "retry-after": "120" } }),
        ),
      ),
    );
    const error = await apiSend("POST", "/api/auth/login", {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "TOO_MANY_ATTEMPTS", retryAfterSeconds: 120, body });
  });
});

describe("request (the endpoint map)", () => {
  it("fills the path parameters, adds the query and parses the answer with the endpoint's schema", async () => {
    const body = { items: [], total: 0 };
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(json(200, body)));
    vi.stubGlobal("fetch", fetchMock);
    await expect(request(endpoints.municipalityConsultations, { params: { ags: "14612000" }, query: { limit: 5 } })).resolves.toEqual(body);
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/municipalities/14612000/consultations?limit=5");
  });

  it("rejects an answer that breaks the endpoint's response schema", async () => {
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(200, { items: [{ key: 1 }] }))));
    const thrown = await request(endpoints.districtList).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ code: CLIENT_ERROR_CODES.invalidResponse });
  });

  it("sends query flags as true/false", async () => {
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(json(200, { items: [] })));
    vi.stubGlobal("fetch", fetchMock);
    await request(endpoints.assignmentList, { query: { advisor: "a@b.example", active: true } });
    expect(fetchMock.mock.calls[0]?.[0]).toBe("/api/assignments?advisor=a%40b.example&active=true");
  });

  it("sends the endpoint's declared headers (If-Match) with the body", async () => {
    const event = {
      event: {
        id: 1, ags: "14612000", type: "confirmation", status: null, conceptKind: null, effectiveDate: "2026-11-25",
        recordedAt: "2026-11-25T09:00:00.000Z", recordedBy: null, source: "municipality", note: null, noteInternal: false,
        councilResolutionDate: null, documentUrl: null, horizonYear: null, supersedes: null, supersededBy: null, conceptId: null, version: 4, predecessor: null,
      },
      version: 4,
    };
    const fetchMock = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(json(201, event)));
    vi.stubGlobal("fetch", fetchMock);
    const answer = await request(endpoints.municipalityEventCreate, {
      params: { ags: "14612000" },
      headers: { "if-match": '"3"' },
      body: { type: "confirmation", effectiveDate: "2026-11-25" },
    });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/municipalities/14612000/events");
    expect(init?.method).toBe("POST");
    expect((init?.headers as Record<string, string>)["if-match"]).toBe('"3"');
    expect(JSON.parse(init?.body as string)).toEqual({ type: "confirmation", effectiveDate: "2026-11-25" });
    expect(answer).toEqual(event);
  });
});

describe("endpointUrl (downloads)", () => {
  it("builds an export's URL with its query", () => {
    expect(endpointUrl(endpoints.exportMunicipalitiesCsv, { query: { district: "14612", status: "drafting", stale: true } })).toBe(
      "/api/export/municipalities.csv?district=14612&status=drafting&stale=true",
    );
    expect(endpointUrl(endpoints.exportConsultationsReport, { query: { quarter: "2026-Q3" } })).toBe("/api/export/consultations-report.xlsx?quarter=2026-Q3");
  });
});

describe("apiUpload", () => {
  afterEach(() => setCsrfToken(null));

  it("posts the form data with the CSRF token and no content type of its own", async () => {
    setCsrfToken("token-1");
    const fetchMock = vi.fn((_url: string, _init: RequestInit) => Promise.resolve(json(201, { items: [] })));
    vi.stubGlobal("fetch", fetchMock);
    const form = new FormData();
    form.set("title", "Konzept");
    await expect(apiUploadForm("/api/concepts/1/documents", form, { parse: (input) => input })).resolves.toEqual({ items: [] });
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(url).toBe("/api/concepts/1/documents");
    expect(init?.method).toBe("POST");
    expect(init?.body).toBe(form);
    expect(init?.headers).toEqual({ accept: "application/json", "x-csrf-token": "token-1" });
  });

  it("throws the server's 422 as an ApiError with its code", async () => {
    const error = { statusCode: 422, code: "DOCUMENT_NOT_PDF", message: "Not a PDF", requestId: "r-9" };
    vi.stubGlobal("fetch", vi.fn(() => Promise.resolve(json(422, error))));
    await expect(apiUploadForm("/api/concepts/1/documents", new FormData(), { parse: (input) => input })).rejects.toMatchObject({
      statusCode: 422,
      code: "DOCUMENT_NOT_PDF",
    });
  });
});
