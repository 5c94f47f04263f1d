import {
  districtStatsSchema,
  eventCreatedSchema,
  municipalityDetailSchema,
  municipalityListSchema,
  statusMapSchema,
  summarySchema,
  timelineSchema,
} from "@insek/contracts";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parsesAsItEncodes, responseSerializerCompiler, routesCheckedByEncode } from "./response-serializer.js";
import { createTestApp } from "../../test/helpers/test-app.js";

const serializerFor = (schema: z.ZodType) =>
  responseSerializerCompiler({ schema, method: "GET", url: "/test", httpPart: "response", httpStatus: "200" });

describe("response serializer", () => {
  it("takes the parse direction only where a schema reads the same both ways", () => {
    for (const schema of [summarySchema, districtStatsSchema, timelineSchema, statusMapSchema, municipalityListSchema, municipalityDetailSchema, eventCreatedSchema]) {
      expect(parsesAsItEncodes(schema)).toBe(true);
    }
    expect(parsesAsItEncodes(z.object({ n: z.string().transform((v) => v.length) }))).toBe(false);
    expect(parsesAsItEncodes(z.object({ n: z.number().default(1) }))).toBe(false);
    expect(parsesAsItEncodes(z.object({ at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }) }))).toBe(false);
  });

  it("writes what the schema allows (unknown keys dropped) and refuses an answer that breaks it", () => {
    const serialize = serializerFor(z.object({ total: z.number().int(), name: z.string() }));
    expect(serialize({ total: 3, name: "Ostrau", secret: "x" })).toBe('{"total":3,"name":"Ostrau"}');
    expect(() => serialize({ total: "3", name: "Ostrau" })).toThrow(/Response doesn't match the schema|response/i);
  });

  it("still encodes where the directions differ (a codec writes its encoded form)", () => {
    const serialize = serializerFor(
      z.object({ at: z.codec(z.iso.datetime(), z.date(), { decode: (s) => new Date(s), encode: (d) => d.toISOString() }) }),
    );
    expect(serialize({ at: new Date("2026-11-25T10:00:00.000Z") })).toBe('{"at":"2026-11-25T10:00:00.000Z"}');
  });

  it("serves every route of the API by the parse direction", async () => {
    const t = await createTestApp({ seeded: false });
    try {
      await t.app.ready();
      expect([...routesCheckedByEncode].filter((r) => r !== "GET /test")).toEqual([]);
    } finally {
      await t.close();
    }
  });
});
