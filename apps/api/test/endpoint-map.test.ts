import { endpoints } from "@insek/contracts";
import type { z } from "zod";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

interface Operation {
  parameters?: { name: string; in: string }[];
  responses?: Record<string, unknown>;
}

let t: TestApp;
let paths: Record<string, Record<string, Operation>>;
beforeAll(async () => {
  // With the web bundle, so that its routes (not ours) are there too and the completeness check sees them.
  t = await createTestApp({ webDistDir: webDist });
  paths = (await t.app.inject({ url: "/api/openapi.json" })).json<{ paths: typeof paths }>().paths;
});
afterAll(async () => {
  await t.close();
});

const webDist = new URL("../../web/dist", import.meta.url).pathname;

const keysOf = (schema: z.ZodType | undefined): string[] =>
  schema && "shape" in schema ? Object.keys(schema.shape as Record<string, unknown>).sort() : [];

/** The OpenAPI path of a route (fastify's /:ags is {ags} there). */
const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, "{$1}");

describe("the contracts' endpoint map", () => {
  it.each(Object.entries(endpoints))("%s is a registered route with the map's method, path and schemas", (name, endpoint) => {
    expect(t.app.hasRoute({ method: endpoint.method, url: endpoint.path })).toBe(true);
    // Not in the OpenAPI document: the document itself (hidden) and /metrics (registered before it).
    if (name === "openApiDocument" || name === "metrics") return;
    // The OpenAPI document is generated from the schemas the route was registered with.
    const operation = paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
    expect(operation).toBeDefined();
    const names = (where: string) => (operation?.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
    expect(names("path")).toEqual(keysOf(endpoint.params));
    expect(names("query")).toEqual(keysOf(endpoint.query));
    expect(names("header")).toEqual(keysOf(endpoint.headers));
    expect(Object.keys(operation?.responses ?? {})).toContain(String(endpoint.status ?? 200));
    // A file answer is documented with its media type.
    if ("produces" in endpoint && endpoint.produces) {
      const success = operation?.responses?.[String(endpoint.status ?? 200)] as { content?: Record<string, unknown> } | undefined;
      expect(Object.keys(success?.content ?? {})).toEqual([endpoint.produces]);
    }
  });

  it("holds every route the API registers, except the files of others (the OpenAPI UI, the web bundle)", () => {
    const inMap = new Set(Object.values(endpoints).map((e) => `${e.method} ${e.path}`));
    const routes = t.app.routeAccess.entries().filter((r) => r.method !== "HEAD");
    const missing = routes.filter((r) => !r.foreign && !inMap.has(`${r.method} ${r.url}`)).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    // The exception is narrow: the OpenAPI UI's pages under /api/docs and the web bundle's files, never an
    // API path of ours.
    const foreign = routes.filter((r) => r.foreign).map((r) => r.url);
    expect(foreign.some((url) => url.startsWith("/api/docs"))).toBe(true);
    const ours = (url: string) => /^\/(api|health|metrics)(\/|$)/.test(url) && !url.startsWith("/api/docs");
    expect(foreign.filter(ours)).toEqual([]);
  });

  it("fails for a route registered by hand", async () => {
    const local = await createTestApp();
    try {
      local.app.get("/api/__by-hand", { config: { access: "public" } }, () => ({ ok: true }));
      await local.app.ready();
      const inMap = new Set(Object.values(endpoints).map((e) => `${e.method} ${e.path}`));
      const missing = local.app.routeAccess.entries().filter((r) => r.method !== "HEAD" && !r.foreign && !inMap.has(`${r.method} ${r.url}`));
      expect(missing.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /api/__by-hand"]);
    } finally {
      await local.close();
    }
  });
});
