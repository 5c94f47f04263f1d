import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { lazyChildLogger, loggerOptions, redactUrl } from "./logging.js";

describe("redactUrl", () => {
  it("hides update-request tokens in the page and API paths and secret query values", () => {
    expect(redactUrl("/aktualisieren/abc.DEF_123")).toBe("/aktualisieren/[redacted]");
    expect(redactUrl("/api/update-requests/by-token/abc?x=1")).toBe("/api/update-requests/by-token/[redacted]?x=1");
    expect(redactUrl("/api/update-requests/by-token/abc/opened")).toBe("/api/update-requests/by-token/[redacted]");
    expect(redactUrl("/api/x?token=s1&limit=2&Password=s2&api_key=s3")).toBe("/api/x?token=[redacted]&limit=2&Password=[redacted]&api_key=[redacted]");
    expect(redactUrl("/api/x?%74oken=s1")).toBe("/api/x?%74oken=[redacted]");
  });

  it("hides them in every variant a client can build (issue 20)", () => {
    const secret = "SeCrEt0123456789abcdefghijklmnopqrstuvwxyzAB";
    const variants = [
      `/api/update-requests/by-token//${secret}`,
      `/aktualisieren//${secret}`,
      `//aktualisieren/${secret}`,
      `/aktualisieren;x=1/${secret}`,
      `/api/update-requests/by-token;x=1/${secret}`,
      `/api/update-requests/by-token/${secret};x=1`,
      `/api/update-requests/by-token%2F${secret}`,
      `/api/update-requests/by-token%252F${secret}`,
      `/api/update-requests/by%2Dtoken/${secret}`,
      `/api/update-requests/BY-TOKEN/${secret}`,
      `/AKTUALISIEREN/${secret}`,
      `/Aktualisieren/${secret}/`,
      `/api/update-requests/by-token/${encodeURIComponent(secret)}/opened`,
      `/api/update-requests/by-token\\${secret}`,
      `/x/../aktualisieren/${secret}`,
    ];
    for (const url of variants) {
      const logged = redactUrl(url);
      expect(logged, url).not.toContain(secret);
      expect(logged, url).toContain("[redacted]");
    }
    for (const name of ["csrf", "x-csrf-token", "resetToken", "reset_token", "RESETTOKEN", "%72esetToken", "session", "tokens", "passwort"]) {
      expect(redactUrl(`/api/x?${name}=${secret}&limit=5`), name).toBe(`/api/x?${name}=[redacted]&limit=5`);
    }
  });

  it("leaves ordinary URLs alone", () => {
    for (const url of ["/api/municipalities?limit=5&q=Leipzig", "/api/municipalities/14511000/events", "/gemeinden/14511000", "/aktualisieren", "/aktualisieren/", "/api/x?%zz=1"]) {
      expect(redactUrl(url)).toBe(url);
    }
  });
});

describe("lazyChildLogger", () => {
  async function parentLogger(level: string) {
    let written = "";
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        written += chunk.toString();
        done();
      },
    });
    const app = Fastify({ logger: { ...loggerOptions(level), stream } });
    await app.ready();
    return { app, lines: () => written.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
  }

  it("writes with the request's bindings when a level is enabled, nothing below it", async () => {
    const { app, lines } = await parentLogger("info");
    try {
      const log = lazyChildLogger(app.log, { reqId: "r-1" }, {});
      log.debug("not written");
      expect(lines()).toHaveLength(0);
      log.info({ detail: 1 }, "written");
      log.error("also");
      expect(lines()).toMatchObject([
        { level: 30, reqId: "r-1", detail: 1, msg: "written" },
        { level: 50, reqId: "r-1", msg: "also" },
      ]);
      expect(log.level).toBe("info");
      log.child({ more: 2 }).warn("from a child");
      expect(lines()[2]).toMatchObject({ level: 40, reqId: "r-1", more: 2, msg: "from a child" });
    } finally {
      await app.close();
    }
  });

  it("with a route's own level, a real child at once", async () => {
    const { app, lines } = await parentLogger("warn");
    try {
      const log = lazyChildLogger(app.log, { reqId: "r-2" }, { level: "debug" });
      log.debug("written");
      expect(lines()).toMatchObject([{ level: 20, reqId: "r-2", msg: "written" }]);
    } finally {
      await app.close();
    }
  });
});
