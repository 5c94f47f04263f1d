import { describe, expect, it } from "vitest";
import { eventInputSchema, isoDateSchema, municipalityListQuerySchema } from "../src/index.js";

describe("isoDateSchema", () => {
  it("accepts calendar dates and rejects impossible ones", () => {
    expect(isoDateSchema.safeParse("2024-02-29").success).toBe(true);
    expect(isoDateSchema.safeParse("2026-02-29").success).toBe(false);
    expect(isoDateSchema.safeParse("2026-13-01").success).toBe(false);
    expect(isoDateSchema.safeParse("25.11.2026").success).toBe(false);
  });
});

describe("eventInputSchema", () => {
  it("needs a status on status events and refuses one on confirmations", () => {
    const status = eventInputSchema.safeParse({ type: "status", source: "smr" });
    expect(status.success).toBe(false);
    expect(status.error?.issues[0]?.path).toEqual(["status"]);
    const confirmation = eventInputSchema.safeParse({ type: "confirmation", status: "drafting", source: "smr" });
    expect(confirmation.error?.issues[0]?.path).toEqual(["status"]);
    expect(eventInputSchema.safeParse({ type: "confirmation", source: "municipality" }).success).toBe(true);
  });

  it("rejects unknown keys, non-http links and out-of-range horizons", () => {
    const paths = (input: unknown) => eventInputSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths({ type: "status", status: "drafting", source: "smr", extra: 1 })).toEqual([""]);
    expect(paths({ type: "status", status: "drafting", source: "smr", documentUrl: "javascript:alert(1)" })).toEqual(["documentUrl"]);
    expect(paths({ type: "status", status: "drafting", source: "smr", horizonYear: 1800 })).toEqual(["horizonYear"]);
  });
});

describe("municipalityListQuerySchema", () => {
  it("parses query-string booleans and applies defaults", () => {
    const parsed = municipalityListQuerySchema.parse({ current: "true", stale: "0" });
    expect(parsed).toMatchObject({ current: true, stale: false, sort: "name", limit: 50, offset: 0 });
    expect(municipalityListQuerySchema.safeParse({ current: "yes" }).success).toBe(false);
  });
});
