import { describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.js";
import { monthsBetween, resolveTimelineRange } from "./timeline-range.js";

describe("monthsBetween", () => {
  it.each([
    ["2024-06-03", "2024-06-20", 1],
    ["2022-11-30", "2023-02-01", 4],
    ["2006-12-01", "2026-11-30", 240],
  ])("%s .. %s = %i months", (from, to, months) => {
    expect(monthsBetween(from, to)).toBe(months);
  });
});

describe("resolveTimelineRange", () => {
  const today = "2026-11-25";

  it("defaults to 1 January five years back until today", () => {
    expect(resolveTimelineRange({}, today)).toEqual({ from: "2021-01-01", to: today });
    expect(resolveTimelineRange({ to: "2019-03-31" }, today)).toEqual({ from: "2014-01-01", to: "2019-03-31" });
    expect(resolveTimelineRange({ from: "2026-11-25" }, today)).toEqual({ from: today, to: today });
  });

  it("never defaults to a start before 1990", () => {
    expect(resolveTimelineRange({ to: "1993-05-01" }, today)).toEqual({ from: "1990-01-01", to: "1993-05-01" });
  });

  it.each([
    [{ from: "2026-11-26" }, "querystring.from"],
    [{ from: "2020-01-02", to: "2020-01-01" }, "querystring.from"],
    [{ from: "2006-11-30", to: "2026-11-30" }, "querystring.from"],
    [{ from: "1989-12-31" }, "querystring.from"],
    [{ to: "1989-12-31" }, "querystring.to"],
  ])("refuses %o naming %s", (query, path) => {
    try {
      resolveTimelineRange(query, today);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ statusCode: 400, code: "INVALID_RANGE", issues: [{ path }] });
    }
  });
});
