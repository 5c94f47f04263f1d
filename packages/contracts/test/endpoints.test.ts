import { describe, expect, it } from "vitest";
import { endpointPath, endpoints } from "../src/index.js";

describe("endpoint map", () => {
  const entries = Object.entries(endpoints);

  it("names each method and path once", () => {
    const keys = entries.map(([, e]) => `${e.method} ${e.path}`);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);
    expect(duplicates).toEqual([]);
  });

  it("has public paths under /api (and the probes and metrics) with a params schema exactly for the path's parameters", () => {
    for (const [name, e] of entries) {
      expect(e.path, name).toMatch(/^\/(api|health)(\/(:[A-Za-z]+|[a-z0-9.-]+))+$|^\/metrics$/);
      const inPath = [...e.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]).sort();
      const declared = "params" in e && e.params ? Object.keys(e.params.shape).sort() : [];
      expect(declared, name).toEqual(inPath);
    }
  });

  it("fills path parameters URI-encoded and refuses a missing one", () => {
    expect(endpointPath(endpoints.municipalityDetail.path, { ags: "14 612/000" })).toBe("/api/municipalities/14%20612%2F000");
    expect(endpointPath(endpoints.campaignRequests.path, { id: 7 })).toBe("/api/update-requests/campaigns/7");
    expect(() => endpointPath(endpoints.municipalityEvents.path, {})).toThrow(/ags/);
  });
});
