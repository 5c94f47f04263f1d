import { describe, expect, it } from "vitest";
import { parseAgsList } from "./accounts";

describe("parseAgsList", () => {
  it("splits on commas and spaces and removes duplicates", () => {
    expect(parseAgsList(" 14627060, 14511000 14627060\n")).toEqual({ ags: ["14627060", "14511000"], invalid: [] });
  });

  it("reports entries that are not eight digits", () => {
    expect(parseAgsList("1462706, 14511000,abc")).toEqual({ ags: ["14511000"], invalid: ["1462706", "abc"] });
  });

  it("gives nothing for an empty input", () => {
    expect(parseAgsList("  ")).toEqual({ ags: [], invalid: [] });
  });
});
