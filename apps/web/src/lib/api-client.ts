import {
  type Endpoint,
  type EndpointBody,
  type EndpointHeaders,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResponse,
  type ErrorResponse,
  endpointPath,
  errorResponseSchema,
} from "@insek/contracts";

/** Anything with a zod-like `parse`; keeps zod itself out of the web package's dependencies. */
export interface ResponseSchema<T> {
  parse(input: unknown): T;
}

/** Codes the client itself produces when there is no server error body to report. */
export const CLIENT_ERROR_CODES = {
  network: "NETWORK_ERROR",
  invalidResponse: "INVALID_RESPONSE",
  unexpectedStatus: "UNEXPECTED_STATUS",
} as const;

type ErrorIssue = NonNullable<ErrorResponse["issues"]>[number];

/** Every failed request surfaces as an ApiError carrying the shared error shape. */
export class ApiError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly issues: ErrorIssue[];
  /** The whole error body as received (e.g. a 412's `current`); undefined when there was none. */
  readonly body: unknown;
  /** Seconds from a Retry-After header (429), else null. */
  readonly retryAfterSeconds: number | null;

  constructor(
    body: {
      statusCode: number;
      code: string;
      message: string;
      requestId?: string | null;
      issues?: ErrorIssue[];
    },
    extra: { body?: unknown; retryAfterSeconds?: number | null } = {},
  ) {
    super(body.message);
    this.name = "ApiError";
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.requestId = body.requestId ?? null;
    this.issues = body.issues ?? [];
    this.body = extra.body;
    this.retryAfterSeconds = extra.retryAfterSeconds ?? null;
  }

  get isNotFound(): boolean {
    return this.statusCode === 404;
  }

  /** Worth retrying: the network failed or the server had a temporary problem. */
  get isTransient(): boolean {
    return this.statusCode === 0 || this.statusCode >= 500;
  }
}

export type QueryParams = Record<string, string | number | boolean | undefined>;

export function buildUrl(path: string, params?: QueryParams): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === "") continue;
    search.set(key, String(value));
  }
  const query = search.toString();
  return query ? `${path}?${query}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}

function retryAfter(response: Response): number | null {
  const value = response.headers.get("retry-after");
  if (value === null || !/^\d+$/.test(value.trim())) return null;
  return Number(value.trim());
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const extra = { body, retryAfterSeconds: retryAfter(response) };
  const parsed = errorResponseSchema.safeParse(body);
  if (parsed.success) return new ApiError(parsed.data, extra);
  return new ApiError(
    {
      statusCode: response.status,
      code: CLIENT_ERROR_CODES.unexpectedStatus,
      message: `HTTP ${response.status} ${response.statusText}`.trim(),
      requestId: response.headers.get("x-request-id"),
    },
    extra,
  );
}

function networkError(error: unknown): ApiError {
  return new ApiError({
    statusCode: 0,
    code: CLIENT_ERROR_CODES.network,
    message: error instanceof Error ? error.message : "Network request failed",
  });
}

function parseBody<T>(body: unknown, schema: ResponseSchema<T>, path: string, response: Response): T {
  try {
    return schema.parse(body);
  } catch {
    throw new ApiError({
      statusCode: response.status,
      code: CLIENT_ERROR_CODES.invalidResponse,
      message: `The response of ${path} does not match the contract`,
      requestId: response.headers.get("x-request-id"),
    });
  }
}

/**
 * The CSRF token of the current session. It lives in memory only (never in storage): the session
 * query sets it from GET /api/auth/me or the login answer, logout clears it.
 */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export type WriteMethod = "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Sends a write with a JSON body and the session's CSRF token; failures become ApiError with the
 * shared error shape (and the raw body, e.g. a 412's `current`). Without a schema the answer is ignored.
 */
export async function apiSend<T = undefined>(
  method: WriteMethod,
  path: string,
  body: unknown,
  options: { headers?: Record<string, string>; schema?: ResponseSchema<T>; signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", ...options.headers };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      signal: options.signal ?? null,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }
  if (!response.ok) throw await toApiError(response);
  if (!options.schema) return undefined as T;
  return parseBody(await readJson(response), options.schema, path, response);
}

/**
 * Sends a file as the raw request body (e.g. a CSV import) with the session's CSRF token; answers and
 * failures as `apiSend` (a 422 with a per-row report keeps it in the ApiError's `body`).
 */
export async function apiUpload<T>(path: string, file: Blob, contentType: string, schema: ResponseSchema<T>): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json", "content-type": contentType };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", body: file });
  } catch (error) {
    throw networkError(error);
  }
  if (!response.ok) throw await toApiError(response);
  return parseBody(await readJson(response), schema, path, response);
}

/**
 * Sends multipart/form-data (a file upload) with the session's CSRF token. The browser writes the
 * content type with its boundary, so none is set here; failures become ApiError as for apiSend.
 */
export async function apiUploadForm<T>(
  path: string,
  form: FormData,
  schema: ResponseSchema<T>,
  options: { signal?: AbortSignal } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, { method: "POST", headers, credentials: "same-origin", signal: options.signal ?? null, body: form });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }
  if (!response.ok) throw await toApiError(response);
  return parseBody(await readJson(response), schema, path, response);
}

/** GET a JSON resource and validate it against its contract schema. */
export async function apiGet<T>(
  path: string,
  schema: ResponseSchema<T>,
  options: { params?: QueryParams; signal?: AbortSignal } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.params), {
      headers: { accept: "application/json" },
      signal: options.signal ?? null,
    });
  } catch (error) {
    // Aborts are TanStack Query cancelling a request; they must stay aborts.
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw networkError(error);
  }

  if (!response.ok) throw await toApiError(response);
  return parseBody(await readJson(response), schema, path, response);
}

/** What a call of an endpoint passes: its path parameters (required when the path has any), query and body. */
export interface RequestArgs<E extends Endpoint> {
  params?: EndpointParams<E>;
  query?: EndpointQuery<E>;
  body?: EndpointBody<E>;
  /** The request headers the endpoint declares (e.g. If-Match). */
  headers?: EndpointHeaders<E>;
  signal?: AbortSignal;
}

/**
 * The URL of an endpoint with its path parameters and query, for what the browser fetches itself: the
 * downloads (`<a href download>`), whose query is checked against the endpoint's like a call's.
 */
export function endpointUrl<E extends Endpoint>(endpoint: E, args: { params?: EndpointParams<E>; query?: EndpointQuery<E> } = {}): string {
  return buildUrl(endpointPath(endpoint.path, args.params as Record<string, unknown> | undefined), args.query as QueryParams | undefined);
}

type RequestArgList<E extends Endpoint> = undefined extends EndpointParams<E>
  ? [args?: RequestArgs<E>]
  : [args: RequestArgs<E> & { params: EndpointParams<E> }];

/**
 * Calls an endpoint of the contracts' endpoint map: builds the URL from its path, the parameters and the
 * query, sends the body (writes carry the CSRF token) and parses the answer with the endpoint's response
 * schema, the one the API registered its route with.
 */
export async function request<E extends Endpoint>(endpoint: E, ...[args = {}]: RequestArgList<E>): Promise<EndpointResponse<E>> {
  const path = endpointPath(endpoint.path, args.params as Record<string, unknown> | undefined);
  const url = buildUrl(path, args.query as QueryParams | undefined);
  const schema = endpoint.response as ResponseSchema<EndpointResponse<E>>;
  if (endpoint.method === "GET") return apiGet(url, schema, { ...(args.signal ? { signal: args.signal } : {}) });
  const headers = Object.fromEntries(
    Object.entries((args.headers ?? {}) as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );
  const options = { headers, ...(args.signal ? { signal: args.signal } : {}) };
  if (endpoint.status !== 204) return apiSend(endpoint.method, url, args.body, { ...options, schema });
  // 204: no body to read; the endpoint's schema (null) gives the typed answer.
  await apiSend(endpoint.method, url, args.body, options);
  return schema.parse(null);
}
