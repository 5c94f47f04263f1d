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
