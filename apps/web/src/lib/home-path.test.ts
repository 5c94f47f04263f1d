import { describe, expect, it } from "vitest";
import { homePath } from "./home-path";

describe("homePath", () => {
  it("sends each role to the page of its daily work", () => {
    expect(homePath({ role: "advisor", ags: [] })).toBe("/meine-kommunen");
    expect(homePath({ role: "municipality", ags: ["14627060"] })).toBe("/gemeinden/14627060");
    expect(homePath({ role: "municipality", ags: ["14627060", "14627010"] })).toBe("/meine-gemeinden");
    expect(homePath({ role: "municipality", ags: [] })).toBe("/gemeinden");
    expect(homePath({ role: "smr", ags: [] })).toBe("/");
  });
});
