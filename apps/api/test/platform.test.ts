import { errorResponseSchema } from "@insek/contracts";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, sessionFor } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  // Probe routes, added before the app is ready, to drive the error handler through real requests.
  t.app.post(
    "/api/__probe/echo",
    { config: { access: "public" }, schema: { body: z.object({ name: z.string().min(1) }) } },
    (request) => request.body,
  );
  t.app.get("/api/__probe/crash", { config: { access: "public" } }, () => {
    throw new Error("connection string postgres://secret@db leaked");
  });
});
afterAll(async () => {
  await t.close();
});

describe("health", () => {
  it("is live and ready with the database migrated", async () => {
    expect((await t.app.inject({ url: "/health/live" })).json()).toEqual({ status: "ok" });
    const ready = await t.app.inject({ url: "/health/ready" });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: "ok", checks: { database: "ok", migrations: "ok" } });
  });
});

describe("one error shape", () => {
  it("answers unknown API routes with 404 ROUTE_NOT_FOUND", async () => {
    const res = await t.app.inject({ url: "/api/nothing-here", headers: { "x-request-id": "abc-123" } });
    expect(res.statusCode).toBe(404);
    expect(errorResponseSchema.parse(res.json())).toMatchObject({
      statusCode: 404,
      code: "ROUTE_NOT_FOUND",
      requestId: "abc-123",
    });
    expect(res.headers["x-request-id"]).toBe("abc-123");
  });

  it("answers malformed JSON with 400 MALFORMED_JSON", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/__probe/echo",
      headers: { "content-type": "application/json" },
      payload: '{"name": "Dresden",',
    });
    expect(res.statusCode).toBe(400);
    expect(errorResponseSchema.parse(res.json()).code).toBe("MALFORMED_JSON");
  });

  it("answers a schema violation with the field path", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/__probe/echo", payload: { name: "" } });
    expect(res.statusCode).toBe(400);
    const body = errorResponseSchema.parse(res.json());
    expect(body.code).toBe("VALIDATION_FAILED");
    expect(body.issues?.[0]?.path).toBe("body.name");
  });

  it("answers an oversized body with 413 and an unsupported media type with 415", async () => {
    const big = await t.app.inject({
      method: "POST",
      url: "/api/__probe/echo",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ name: "x".repeat(2_000_000) }),
    });
    expect(big.statusCode).toBe(413);
    expect(errorResponseSchema.parse(big.json()).code).toBe("PAYLOAD_TOO_LARGE");
    const xml = await t.app.inject({
      method: "POST",
      url: "/api/__probe/echo",
      headers: { "content-type": "application/xml" },
      payload: "<name/>",
    });
    expect(xml.statusCode).toBe(415);
    expect(errorResponseSchema.parse(xml.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("never leaks internal messages or stack traces", async () => {
    const res = await t.app.inject({ url: "/api/__probe/crash" });
    expect(res.statusCode).toBe(500);
    const body = errorResponseSchema.parse(res.json());
    expect(body).toMatchObject({ code: "INTERNAL_ERROR", message: "Internal server error" });
    expect(res.body).not.toContain("secret");
    expect(res.body).not.toContain("at ");
  });
});

describe("security headers", () => {
  it("sets CSP, nosniff, frame and referrer policies on data answers: nothing may load or frame them", async () => {
    for (const url of ["/api/districts", "/api/nothing-here", "/health/live", "/metrics"]) {
      const res = await t.app.inject({ url });
      expect(res.headers["content-security-policy"], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
      expect(res.headers["cross-origin-resource-policy"], url).toBe("same-origin");
      expect(res.headers["x-request-id"], url).toBeTruthy();
    }
  });

  it("sets helmet's page headers with the SPA's CSP on pages (the web app's paths)", async () => {
    for (const url of ["/gemeinden/14511000", "/"]) {
      const res = await t.app.inject({ url });
      expect(res.headers["content-security-policy"], url).toContain("frame-ancestors 'none'");
      expect(res.headers["content-security-policy"], url).toContain("script-src 'self'");
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["x-frame-options"], url).toBe("SAMEORIGIN");
      expect(res.headers["referrer-policy"], url).toBe("no-referrer");
    }
  });
});

describe("OpenAPI", () => {
  it("publishes an OpenAPI 3 document generated from the schemas, and its UI", async () => {
    const doc = (await t.app.inject({ url: "/api/openapi.json" })).json<{
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    }>();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ["/api/districts", "/api/municipalities", "/api/municipalities/{ags}", "/api/geo/saxony", "/health/ready"]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const params = doc.paths["/api/municipalities"]?.get?.parameters?.map((p) => p.name);
    expect(params).toEqual(expect.arrayContaining(["district", "type", "q", "sort", "limit", "offset", "asOf"]));
    const ui = await t.app.inject({ url: "/api/docs/" });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers["content-type"]).toContain("text/html");
  });

  it("follows the public-access setting: anonymous callers get 401 while it is off, signed-in accounts always read it", async () => {
    const urls = ["/api/openapi.json", "/api/docs/", "/api/docs/json", "/api/docs/static/swagger-ui.css"];
    const reader = await addAccount(t.database.db, { email: "openapi-reader@test.example", role: "municipality" });
    const { headers } = await sessionFor(t.app, reader.id);
    await writePublicAccess(t.database.db, false, new Date());
    try {
      for (const url of urls) {
        const anonymous = await t.app.inject({ url });
        expect(anonymous.statusCode, url).toBe(401);
        expect(anonymous.json<{ code: string }>().code).toBe("AUTHENTICATION_REQUIRED");
        expect((await t.app.inject({ url, headers })).statusCode, url).toBe(200);
      }
    } finally {
      await writePublicAccess(t.database.db, true, new Date());
    }
    for (const url of urls) expect((await t.app.inject({ url })).statusCode, url).toBe(200);
  });
});

describe("GET /api/geo/saxony", () => {
  it("serves the TopoJSON with an ETag and answers 304 when it matches", async () => {
    const res = await t.app.inject({ url: "/api/geo/saxony" });
    expect(res.statusCode).toBe(200);
    const etag = res.headers.etag;
    expect(typeof etag).toBe("string");
    expect(res.headers["cache-control"]).toContain("max-age");
    const topo = res.json<{ type: string; objects: Record<string, { geometries: { id: string }[] }>; lineage: { ags: string }[] }>();
    expect(topo.type).toBe("Topology");
    // The 426 municipalities of 2016, and the lineage that groups them into those of any date.
    expect(topo.objects.base?.geometries).toHaveLength(426);
    expect(topo.lineage.map((m) => m.ags)).toEqual(expect.arrayContaining(["14522450", "14522620", "14522275"]));
    expect(topo.objects.districts?.geometries).toHaveLength(13);
    // Today's municipalities stay under their old name for the API's readers.
    const today = topo.objects.municipalities?.geometries.map((g) => g.id) ?? [];
    expect(today).toHaveLength(418);
    expect(today).toContain("14522275");
    expect(today).not.toContain("14522450");
    const again = await t.app.inject({ url: "/api/geo/saxony", headers: { "if-none-match": String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    const other = await t.app.inject({ url: "/api/geo/saxony", headers: { "if-none-match": '"other"' } });
    expect(other.statusCode).toBe(200);
  });
});
