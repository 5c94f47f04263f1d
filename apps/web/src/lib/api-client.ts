import { type ErrorResponse, errorResponseSchema } from "@insek/contracts";

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

  constructor(body: {
    statusCode: number;
    code: string;
    message: string;
    requestId?: string | null;
    issues?: ErrorIssue[];
  }) {
    super(body.message);
    this.name = "ApiError";
    this.statusCode = body.statusCode;
    this.code = body.code;
    this.requestId = body.requestId ?? null;
    this.issues = body.issues ?? [];
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

async function toApiError(response: Response): Promise<ApiError> {
  const parsed = errorResponseSchema.safeParse(await readJson(response));
  if (parsed.success) return new ApiError(parsed.data);
  return new ApiError({
    statusCode: response.status,
    code: CLIENT_ERROR_CODES.unexpectedStatus,
    message: `HTTP ${response.status} ${response.statusText}`.trim(),
    requestId: response.headers.get("x-request-id"),
  });
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
    throw new ApiError({
      statusCode: 0,
      code: CLIENT_ERROR_CODES.network,
      message: error instanceof Error ? error.message : "Network request failed",
    });
  }

  if (!response.ok) throw await toApiError(response);

  const body = await readJson(response);
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
