import { describe, expect, it } from "vitest";
import {
  matchesFilters,
  parseOverviewParams,
  patchOverviewSearch,
  signedChange,
  toOverviewSearch,
} from "./overview-params";

const today = "2026-11-25";
const parse = (query: string) => parseOverviewParams(new URLSearchParams(query), today);

describe("parseOverviewParams", () => {
  it("defaults to today and no filter", () => {
    expect(parse("")).toEqual({ asOf: today, compare: null, district: null, status: null, type: null, sizeClass: null, association: null });
  });

  it("reads every field", () => {
    expect(parse("asOf=2020-06-30&compare=2024-01-31&district=14522&status=drafting&type=stadt&sizeClass=2000_5000&association=145225123")).toEqual({
      asOf: "2020-06-30",
      compare: "2024-01-31",
      district: "14522",
      status: "drafting",
      type: "stadt",
      sizeClass: "2000_5000",
      association: "145225123",
    });
  });

  it("drops a malformed association key", () => {
    expect(parse("association=14522512").association).toBeNull();
    expect(parse("association=14522512x").association).toBeNull();
  });

  it.each([
    "asOf=2020-02-30",
    "asOf=2027-01-01",
    "asOf=1989-12-31",
    "asOf=gestern",
    "district=145",
    "status=lost",
    "type=dorf",
    "sizeClass=huge",
  ])("ignores the invalid %s", (query) => {
    expect(parse(query)).toEqual(parse(""));
  });

  it("drops a comparison with the same day", () => {
    expect(parse("asOf=2020-06-30&compare=2020-06-30").compare).toBeNull();
  });
});

describe("toOverviewSearch", () => {
  it("round-trips and leaves out the defaults", () => {
    const query = "asOf=2020-06-30&compare=2024-01-31&district=14522&status=drafting&type=stadt&sizeClass=2000_5000&association=145225123";
    expect(toOverviewSearch(parse(query), today).toString()).toBe(query);
    expect(toOverviewSearch(parse(`asOf=${today}`), today).toString()).toBe("");
  });
});

describe("patchOverviewSearch", () => {
  it("changes only the patched fields of the current URL", () => {
    const current = new URLSearchParams("district=14522");
    expect(patchOverviewSearch(current, { type: "stadt" }, today).toString()).toBe("district=14522&type=stadt");
    expect(patchOverviewSearch(current, { district: null, asOf: "2020-06-30" }, today).toString()).toBe("asOf=2020-06-30");
  });

  it("drops invalid values", () => {
    expect(patchOverviewSearch(new URLSearchParams(), { status: "lost", asOf: "2099-01-01" }, today).toString()).toBe("");
  });
});

describe("matchesFilters", () => {
  const municipality = { districtKey: "14522", type: "stadt" as const, population: 4000, status: "drafting" as const };
  it.each([
    ["", true],
    ["district=14522&type=stadt&status=drafting&sizeClass=2000_5000", true],
    ["district=14523", false],
    ["type=gemeinde", false],
    ["status=none", false],
    ["sizeClass=5000_10000", false],
  ])("%s -> %s", (query, expected) => {
    expect(matchesFilters(parse(query), municipality)).toBe(expected);
  });

  it("keeps only the association's members while one is chosen", () => {
    const params = parse("association=145225123");
    const member = { ...municipality, ags: "14522620" };
    expect(matchesFilters({ ...params, members: new Set(["14522620"]) }, member)).toBe(true);
    expect(matchesFilters({ ...params, members: new Set(["14522450"]) }, member)).toBe(false);
    // While the members load, nothing matches.
    expect(matchesFilters({ ...params, members: null }, member)).toBe(false);
  });
});

describe("signedChange", () => {
  const format = (value: number) => String(value);
  it("shows the sign in words-independent form", () => {
    expect(signedChange(3, format)).toBe("+3");
    expect(signedChange(-2, format)).toBe("\u22122");
    expect(signedChange(0, format)).toBe("±0");
  });
});
