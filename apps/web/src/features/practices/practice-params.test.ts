import { describe, expect, it } from "vitest";
import { DEFAULT_PRACTICE_PARAMS, activeFilterCount, parsePracticeParams, practiceQuery, practiceSearchParams, withFilter } from "./practice-params";

describe("practice filters ↔ URL search params", () => {
  it("reads every filter from the URL and writes it back the same", () => {
    const url = "q=Dorfladen&topic=services&district=14627&sizeClass=2000_5000&phase=completed&criteria=cooperative&adopted=true&ags=14627060&state=published&page=3";
    const params = parsePracticeParams(new URLSearchParams(url));
    expect(params).toEqual({
      q: "Dorfladen",
      topic: "services",
      district: "14627",
      sizeClass: "2000_5000",
      phase: "completed",
      criteria: "cooperative",
      adopted: true,
      ags: "14627060",
      state: "published",
      page: 3,
    });
    expect(practiceSearchParams(params).toString()).toBe(url);
  });

  it("drops values outside the vocabulary one by one and keeps the rest", () => {
    const params = parsePracticeParams(new URLSearchParams("topic=weather&district=1462&phase=completed&sizeClass=huge&ags=123&page=0&adopted=yes"));
    expect(params).toEqual({ ...DEFAULT_PRACTICE_PARAMS, phase: "completed" });
    expect(practiceSearchParams(params).toString()).toBe("phase=completed");
  });

  it("leaves defaults out of the URL, trims and shortens the search term", () => {
    expect(practiceSearchParams(DEFAULT_PRACTICE_PARAMS).toString()).toBe("");
    expect(parsePracticeParams(new URLSearchParams(`q=${"  a".padEnd(150, "b")}`)).q).toHaveLength(100);
  });

  it("starts again at page 1 when a filter changes and counts the active filters", () => {
    const params = { ...DEFAULT_PRACTICE_PARAMS, page: 4, topic: "mobility" as const };
    const next = withFilter(params, { phase: "idea" });
    expect(next.page).toBe(1);
    expect(activeFilterCount(next)).toBe(2);
    expect(activeFilterCount(DEFAULT_PRACTICE_PARAMS)).toBe(0);
  });

  it("asks the API only for what is set, paging by limit and offset", () => {
    expect(practiceQuery({ ...DEFAULT_PRACTICE_PARAMS, topic: "youth", adopted: true, page: 2 }, 20)).toEqual({ topic: "youth", adopted: true, limit: 20, offset: 20 });
  });
});
