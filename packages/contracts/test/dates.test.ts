import { describe, expect, it } from "vitest";
import { todayInSaxony } from "../src/index.js";

describe("todayInSaxony", () => {
  it("is already the next day in Saxony shortly before midnight UTC (winter, UTC+1)", () => {
    expect(todayInSaxony(new Date("2026-11-24T23:30:00Z"))).toBe("2026-11-25");
  });

  it("switches at 22:00 UTC in summer (UTC+2)", () => {
    expect(todayInSaxony(new Date("2026-06-30T21:59:59Z"))).toBe("2026-06-30");
    expect(todayInSaxony(new Date("2026-06-30T22:00:00Z"))).toBe("2026-07-01");
  });

  it("is still the same day just after midnight UTC", () => {
    expect(todayInSaxony(new Date("2026-12-31T00:30:00Z"))).toBe("2026-12-31");
  });
});
