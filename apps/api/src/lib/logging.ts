import type { FastifyRequest, FastifyServerOptions } from "fastify";

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
