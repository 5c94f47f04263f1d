import { ERROR_CODES, type ErrorCode } from "@insek/contracts";

export interface FieldIssue {
  path: string;
  code: string;
  message: string;
}

/** An error whose status, code and message may be shown to the client as they are. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode | (string & {}),
    message: string,
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = "AppError";
  }
}

/** 401: no one is signed in (or the credentials are no longer valid). */
export function authenticationRequired(message = "Sign in first"): AppError {
  return new AppError(401, ERROR_CODES.authenticationRequired, message);
}

/** 403: the account may not do this at all. */
export function forbidden(message = "Your account may not do this"): AppError {
  return new AppError(403, ERROR_CODES.forbidden, message);
}

/** 403: the account may do this, but not for this municipality. */
export function outOfScope(message = "This municipality is outside your account's scope"): AppError {
  return new AppError(403, ERROR_CODES.outOfScope, message);
}

export class NotFoundError extends AppError {
  constructor(code: ErrorCode | (string & {}), message: string) {
    super(404, code, message);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, issues: FieldIssue[], statusCode: 400 | 422 = 400, code: string = ERROR_CODES.validation) {
    super(statusCode, code, message, issues);
  }
}

/** 429: the client must wait; the error handler sends Retry-After. */
export class TooManyRequestsError extends AppError {
  constructor(
    code: ErrorCode | (string & {}),
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}
