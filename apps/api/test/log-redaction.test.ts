import { Writable } from "node:stream";
import { createTestDatabase, type TestDatabase } from "@insek/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { loggerOptions } from "../src/lib/logging.js";

/*
 * Issue 20: the secret of an update-request link, and secret query values, never reach the log, in any URL
 * variant a client can build. Checked on the server's own logger output (the JSON lines on stdout).
 */

const SECRET = "LogSecret0123456789abcdefghijklmnopqrstuvwx";
let lines = "";
let database: TestDatabase;
let app: App;

beforeAll(async () => {
  database = await createTestDatabase({ seeded: false });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines += chunk.toString();
      done();
    },
  });
  app = await buildApp({ database, logger: { ...loggerOptions("info"), stream } });
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

describe("the request log", () => {
  it("redacts link tokens in every path variant and secret query values", async () => {
    const urls = [
      `/api/update-requests/by-token/${SECRET}`,
      `/api/update-requests/by-token//${SECRET}`,
      `/aktualisieren//${SECRET}`,
      `/aktualisieren/${SECRET};x=1`,
      `/api/update-requests/by-token;x=1/${SECRET}`,
      `/api/update-requests/by-token%2F${SECRET}`,
      `/api/update-requests/by%2Dtoken/${SECRET}`,
      `/API/UPDATE-REQUESTS/BY-TOKEN/${SECRET}`,
      `/Aktualisieren/${SECRET}`,
      `/api/update-requests/by-token/${SECRET}/opened`,
      `/api/auth/reset?resetToken=${SECRET}`,
      `/api/auth/me?csrf=${SECRET}`,
      `/api/municipalities?TOKEN=${SECRET}`,
    ];
    for (const url of urls) {
      const before = lines.length;
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBeLessThan(500);
      const logged = lines.slice(before);
      expect(logged, url).toContain('"request completed"');
      expect(logged, url).toContain("[redacted]");
      expect(logged, url).not.toContain(SECRET);
    }
    expect(lines).not.toContain(SECRET);
  });
});
