import { ERROR_CODES } from "@insek/contracts";
import { AppError } from "../errors.js";

/** 503 SERVER_BUSY: the queue of a work gate is full; the error handler sends Retry-After. */
export class ServerBusyError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(503, ERROR_CODES.serverBusy, message);
  }
}

/**
 * Runs memory-heavy work (reading an uploaded workbook) at most `concurrency` at a time, so that the
 * memory one upload may cost (upload-limits.ts) bounds what all of them cost together. Up to `queue`
 * more wait their turn; beyond that the request is refused at once with 503 and Retry-After.
 */
export class WorkGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queue) {
        throw new ServerBusyError("Too many files are being read right now; try again shortly", 5);
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes to the next in line; otherwise it is freed.
      if (next) next();
      else this.running--;
    }
  }
}
