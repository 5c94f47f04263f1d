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
  t = await createTestApp();
  paths = (await t.app.inject({ url: "/api/openapi.json" })).json<{ paths: typeof paths }>().paths;
});
afterAll(async () => {
  await t.close();
});

const keysOf = (schema: z.ZodType | undefined): string[] =>
  schema && "shape" in schema ? Object.keys(schema.shape as Record<string, unknown>).sort() : [];

describe("the contracts' endpoint map", () => {
  it.each(Object.entries(endpoints))("%s is a registered route with the map's method, path and schemas", (_name, endpoint) => {
    expect(t.app.hasRoute({ method: endpoint.method, url: endpoint.path })).toBe(true);
    // The OpenAPI document is generated from the schemas the route was registered with.
    const operation = paths[endpoint.path.replace(/:([A-Za-z]+)/g, "{$1}")]?.[endpoint.method.toLowerCase()];
    expect(operation).toBeDefined();
    const names = (where: string) => (operation?.parameters ?? []).filter((p) => p.in === where).map((p) => p.name).sort();
    expect(names("path")).toEqual(keysOf(endpoint.params));
    expect(names("query")).toEqual(keysOf(endpoint.query));
    expect(Object.keys(operation?.responses ?? {})).toContain(String(endpoint.status ?? 200));
  });
});
