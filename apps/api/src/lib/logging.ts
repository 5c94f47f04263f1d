import type { FastifyRequest, FastifyServerOptions } from "fastify";

/**
 * Path segments that are secrets: the one-time link of an update request, as the web page the e-mail
 * links to (/aktualisieren/<token>) and as the API it calls (…/by-token/<token>).
 */
const SECRET_SEGMENT = /(\/by-token\/|^\/aktualisieren\/)[^/?#]+/gi;
/** Query parameters that may carry secrets. */
const SECRET_PARAM = /^(token|secret|password|key|api[_-]?key|access[_-]?token|code)$/i;

/** The URL as it may be logged: secret path segments and secret query values replaced by "[redacted]". */
export function redactUrl(url: string): string {
  const [path = "", ...rest] = url.split("?");
  const redactedPath = path.replace(SECRET_SEGMENT, "$1[redacted]");
  if (rest.length === 0) return redactedPath;
  const query = rest
    .join("?")
    .split("&")
    .map((pair) => {
      const [name = "", ...value] = pair.split("=");
      let decoded = name;
      try {
        decoded = decodeURIComponent(name.replace(/\+/g, " "));
      } catch {
        // An undecodable name is logged as it came.
      }
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
