import { describe, expect, it } from "vitest";
import { AnswerLru, etagMatches, stableJson } from "./read-cache.js";

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

describe("AnswerLru", () => {
  const answer = (bytes: number) => ({ body: Buffer.alloc(bytes), contentType: "application/json", vary: "Cookie, Authorization" });

  it("evicts the least recently used by entries and by bytes, and keeps no answer larger than its budget", () => {
    const lru = new AnswerLru(3, 100);
    lru.set("a", answer(40));
    lru.set("b", answer(40));
    expect(lru.get("a")).toBeDefined(); // a is now the most recent
    lru.set("c", answer(40)); // 120 bytes: b goes
    expect([lru.get("b"), lru.size, lru.bytes]).toEqual([undefined, 2, 80]);
    lru.set("big", answer(101));
    expect([lru.get("big"), lru.size, lru.bytes]).toEqual([undefined, 2, 80]);
    lru.set("a", answer(10)); // replaced, not counted twice
    expect(lru.bytes).toBe(50);
    lru.set("d", answer(1));
    lru.set("e", answer(1)); // four entries: the oldest (c) goes
    expect([lru.get("c"), lru.size, lru.bytes]).toEqual([undefined, 3, 12]);
  });
});
