import type { FastifyBaseLogger, FastifyRequest, FastifyServerOptions } from "fastify";

/**
 * Where a path carries a secret: everything after one of these words is the one-time link of an update
 * request, as the web page the e-mail links to (/aktualisieren/<token>) and as the API it calls
 * (…/by-token/<token>). Matched in the decoded, lower-cased path anywhere, so that the variants a client
 * can build (`//`, `;x=1`, `%2F`, `%2D`, upper case) are redacted too.
 */
const SECRET_PATH_MARKER = /by-token|aktualisieren/;
/** Query parameters that may carry secrets: by their decoded, lower-cased name. */
const SECRET_PARAM = /token|secret|passw|csrf|session|api[_-]?key|signature|^key$|^code$|^auth/;

/** %XX decoded repeatedly (double encoding too); undecodable sequences are kept as they are. */
function decodeLoosely(text: string): string {
  let current = text;
  for (let i = 0; i < 3; i++) {
    const next = current.replace(/%[0-9a-f]{2}/gi, (hex) => String.fromCharCode(Number.parseInt(hex.slice(1), 16)));
    if (next === current) break;
    current = next;
  }
  return current;
}

function redactPath(path: string): string {
  const decoded = decodeLoosely(path);
  const match = SECRET_PATH_MARKER.exec(decoded.toLowerCase());
  if (!match) return path;
  const end = match.index + match[0].length;
  // Nothing but separators after the marker: no secret to hide.
  if (/^[/;\\]*$/.test(decoded.slice(end))) return path;
  return `${decoded.slice(0, end)}/[redacted]`;
}

/** The URL as it may be logged: secret path parts and secret query values replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const [path = "", ...rest] = url.split("?");
  const redactedPath = redactPath(path);
  if (rest.length === 0) return redactedPath;
  const query = rest
    .join("?")
    .split("&")
    .map((pair) => {
      const [name = "", ...value] = pair.split("=");
      const decoded = decodeLoosely(name.replace(/\+/g, " ")).toLowerCase();
      return value.length > 0 && SECRET_PARAM.test(decoded) ? `${name}=[redacted]` : pair;
    })
    .join("&");
  return `${redactedPath}?${query}`;
}

/**
 * Logger options for the server: JSON lines (pino) on stdout, each line of a request carrying its id
 * (`reqId`, from X-Request-Id or a UUID). Requests are logged without headers (no cookies, no
 * Authorization) and with secret URL parts redacted; `redact` guards headers that code logs by mistake.
 */
export function loggerOptions(level: string): Exclude<FastifyServerOptions["logger"], boolean | undefined> {
  return {
    level,
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        'req.headers["x-csrf-token"]',
        "headers.authorization",
        "headers.cookie",
        'res.headers["set-cookie"]',
        "password",
        "*.password",
        "token",
        "*.token",
      ],
      censor: "[redacted]",
    },
    serializers: {
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket.remotePort,
      }),
    },
  };
}

type LogMethod = "fatal" | "error" | "warn" | "info" | "debug" | "trace";
type Bindings = Record<string, unknown>;
type ChildLoggerOptions = Parameters<FastifyBaseLogger["child"]>[1];

/** What pino's loggers (Fastify's default) have beyond FastifyBaseLogger. */
export interface LevelAwareLogger extends FastifyBaseLogger {
  isLevelEnabled(level: string): boolean;
  bindings(): Bindings;
}

/** Whether `logger` writes at `level` (a logger without isLevelEnabled: assumed yes). */
export function logsAt(logger: FastifyBaseLogger, level: LogMethod): boolean {
  const check = (logger as Partial<LevelAwareLogger>).isLevelEnabled;
  return typeof check === "function" ? check.call(logger, level) : true;
}

/**
 * The per-request logger (`request.log`), made only when something is logged at an enabled level (decision
 * 0026): Fastify made a pino child for every request (binding `reqId`, ~1.5 % of a cached read), although
 * a request that goes well logs nothing through it — its one "request completed" line is written through the
 * parent with `reqId` in the line (app.ts). A child with its own options (a route's `logLevel` or
 * serializers) is made at once, as before.
 */
export function lazyChildLogger(
  this: unknown,
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options !== undefined && Object.keys(options).length > 0) return logger.child(bindings, options);
  return new LazyRequestLogger(logger, bindings);
}

class LazyRequestLogger {
  #made: FastifyBaseLogger | undefined;
  constructor(
    private readonly parent: FastifyBaseLogger,
    private readonly ownBindings: Bindings,
  ) {}

  private made(): FastifyBaseLogger {
    return (this.#made ??= this.parent.child(this.ownBindings));
  }

  private write(method: LogMethod, args: unknown[]): void {
    if (this.#made === undefined && !logsAt(this.parent, method)) return;
    const made = this.made();
    Reflect.apply(made[method], made, args);
  }

  get level(): string {
    return (this.#made ?? this.parent).level;
  }
  set level(level: string) {
    this.made().level = level;
  }
  isLevelEnabled(level: LogMethod): boolean {
    return logsAt(this.#made ?? this.parent, level);
  }
  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.made().child(bindings, options);
  }
  bindings(): Bindings {
    const made = this.#made as Partial<LevelAwareLogger> | undefined;
    if (made?.bindings) return made.bindings();
    const parent = this.parent as Partial<LevelAwareLogger>;
    return { ...parent.bindings?.(), ...this.ownBindings };
  }
  fatal(...args: unknown[]): void {
    this.write("fatal", args);
  }
  error(...args: unknown[]): void {
    this.write("error", args);
  }
  warn(...args: unknown[]): void {
    this.write("warn", args);
  }
  info(...args: unknown[]): void {
    this.write("info", args);
  }
  debug(...args: unknown[]): void {
    this.write("debug", args);
  }
  trace(...args: unknown[]): void {
    this.write("trace", args);
  }
  silent(): void {}
}
