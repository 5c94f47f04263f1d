import { ERROR_CODES } from "@insek/contracts";
import { AppError } from "./errors.js";

/**
 * The data generation (table data_generation, migration 0006): a number the database raises, at commit,
 * in every transaction that changes what the read endpoints answer. Equal generations mean equal data,
 * on every API instance, because the number lives in the database and not in a process. The query is
 * `queryDataGeneration` (data-generation.repo.ts); this file shares it between concurrent callers.
 */
export interface DataGenerationReader {
  /**
   * The generation as of a moment after this call: every write acknowledged before the call is
   * counted. Concurrent callers share queries.
   */
  read(): Promise<string>;
  /** How many queries were sent (for /metrics and tests). */
  readonly queries: number;
}

/**
 * "Single flight after arrival": at most one generation query is in flight. A caller that arrives while
 * one runs does not join it (it may have started before a write the caller has already seen
 * acknowledged) but waits for the next one, which starts when the running one ends and serves everyone
 * who arrived in between. Under load one query answers dozens of requests; alone, a request pays one
 * round trip.
 */
export function createDataGenerationReader(query: () => Promise<string>): DataGenerationReader {
  let running: Promise<string> | undefined;
  let next: Promise<string> | undefined;
  let queries = 0;

  const start = (): Promise<string> => {
    queries += 1;
    const current: Promise<string> = query()
      .catch((error: unknown) => {
        const unavailable = new AppError(503, ERROR_CODES.notReady, "Database not reachable");
        unavailable.cause = error;
        throw unavailable;
      })
      .finally(() => {
        if (running === current) running = undefined;
      });
    running = current;
    return current;
  };

  return {
    read: () => {
      if (running === undefined) return start();
      next ??= running
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    },
    get queries() {
      return queries;
    },
  };
}

export interface WatchedDataGenerationReader extends DataGenerationReader {
  /** Forget the known generation: a transaction that raised it has committed. */
  changed(): void;
}

/**
 * For the embedded database (one process by design, decision 0026): the generation is queried once and
 * then known until a committing write says it changed (`changed()`, called from the database's commit
 * notification before the writer goes on). A query that was running when a change arrived may have read
 * the old generation: its answer is given to the callers that were waiting for it, but not kept.
 */
export function createWatchedDataGenerationReader(query: () => Promise<string>): WatchedDataGenerationReader {
  const reader = createDataGenerationReader(query);
  let epoch = 0;
  let known: Promise<string> | undefined;
  return {
    read: () => {
      if (known !== undefined) return known;
      const at = epoch;
      const reading = reader.read();
      known = reading;
      reading.then(
        () => {
          if (epoch !== at && known === reading) known = undefined;
        },
        () => {
          if (known === reading) known = undefined;
        },
      );
      return reading;
    },
    changed: () => {
      epoch += 1;
      known = undefined;
    },
    get queries() {
      return reader.queries;
    },
  };
}
