import { request as httpRequest } from "node:http";
import { errorResponseSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/** Each client-error status has its own stable code, also where the framework or Node answers. */

let t: TestApp;
let port = 0;
beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  port = typeof address === "object" && address ? address.port : 0;
});
afterAll(async () => {
  await t.close();
});

function rawGet(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port, path, headers, method: "GET" }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("error codes per status", () => {
  it("a path traversal under /api/docs/static answers 403 FORBIDDEN", async () => {
    const seen: number[] = [];
    for (const path of ["/api/docs/static/..%2f..%2fpackage.json", "/api/docs/static/%2e%2e/%2e%2e/package.json", "/api/docs/static/..%5c..%5cpackage.json"]) {
      const res = await rawGet(path);
      seen.push(res.status);
      if (res.status === 403) expect(errorResponseSchema.parse(JSON.parse(res.body)).code).toBe("FORBIDDEN");
      else expect([400, 404], res.body).toContain(res.status);
      expect(res.body).not.toContain('"name": "@insek/api"');
    }
    expect(seen).toContain(403);
  });

  it("headers larger than Node takes answer 431 REQUEST_HEADER_FIELDS_TOO_LARGE", async () => {
    const res = await rawGet("/health/live", { "x-padding": "a".repeat(20_000) });
    expect(res.status).toBe(431);
    expect(errorResponseSchema.parse(JSON.parse(res.body))).toMatchObject({ statusCode: 431, code: "REQUEST_HEADER_FIELDS_TOO_LARGE" });
  });

  it("a path parameter over the length limit answers 414 URI_TOO_LONG", async () => {
    const res = await t.app.inject({ url: `/api/municipalities/${"1".repeat(1000)}` });
    expect(res.statusCode).toBe(414);
    expect(errorResponseSchema.parse(res.json()).code).toBe("URI_TOO_LONG");
  });
});
