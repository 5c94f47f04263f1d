import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { importCycles, importGraph } from "./helpers/import-graph.js";

// import-x/no-cycle (lint) skips type-only imports; a cycle of types still ties files that should stand
// apart (e.g. events.service <-> write-batch <-> event-row, before events.types.ts), so this counts them too.
describe("the API's source has no import cycle, type-only imports included", () => {
  it("finds the cycles it is meant to find", () => {
    const graph = new Map([
      ["a.ts", ["b.ts"]],
      ["b.ts", ["a.ts", "c.ts"]],
      ["c.ts", []],
    ]);
    expect(importCycles(graph)).toEqual([["a.ts", "b.ts"]]);
  });

  it("has none in apps/api/src", () => {
    const graph = importGraph(fileURLToPath(new URL("../src", import.meta.url)));
    expect(graph.get("modules/events/write-batch.ts")).toContain("modules/events/events.types.ts");
    expect(importCycles(graph)).toEqual([]);
  });
});
