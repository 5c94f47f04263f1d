import { describe, expect, it } from "vitest";
import { etagMatches, stableJson } from "./read-cache.js";

describe("read cache keys and validators", () => {
  it("stableJson ignores key order and undefined values but keeps every value apart", () => {
    expect(stableJson({ b: 1, a: "x", c: undefined })).toBe(stableJson({ a: "x", b: 1 }));
    expect(stableJson({ a: [1, 2] })).not.toBe(stableJson({ a: [2, 1] }));
    expect(stableJson({ d: new Date("2026-01-01T00:00:00Z") })).not.toBe(stableJson({ d: new Date("2026-01-02T00:00:00Z") }));
    expect(stableJson({ a: "1" })).not.toBe(stableJson({ a: 1 }));
    expect(stableJson({ a: null })).not.toBe(stableJson({}));
  });

  it("If-None-Match matches weakly, in lists and with *", () => {
    const etag = 'W/"12-abc"';
    expect(etagMatches('W/"12-abc"', etag)).toBe(true);
    expect(etagMatches('"12-abc"', etag)).toBe(true);
    expect(etagMatches('"1-x", W/"12-abc"', etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches('W/"13-abc"', etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
    expect(etagMatches("", etag)).toBe(false);
  });
});
