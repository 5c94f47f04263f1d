import { describe, expect, it } from "vitest";
import { formatArea, formatDate, formatInteger } from "./format";

describe("formatInteger", () => {
  it("groups thousands with a dot in German", () => {
    expect(formatInteger(245618)).toBe("245.618");
    expect(formatInteger(4042000)).toBe("4.042.000");
    expect(formatInteger(1234)).toBe("1.234");
    expect(formatInteger(0)).toBe("0");
  });

  it("rounds to whole numbers", () => {
    expect(formatInteger(999.6)).toBe("1.000");
  });

  it("follows the given locale", () => {
    expect(formatInteger(245618, "en-GB")).toBe("245,618");
  });
});

describe("formatArea", () => {
  it("uses a decimal comma and two decimals in German", () => {
    expect(formatArea(297.364)).toBe("297,36");
    expect(formatArea(1.5)).toBe("1,50");
    expect(formatArea(1234.5)).toBe("1.234,50");
  });

  it("follows the given locale", () => {
    expect(formatArea(1234.5, "en-GB")).toBe("1,234.50");
  });
});

describe("formatDate", () => {
  it("formats ISO dates as DD.MM.YYYY in German", () => {
    expect(formatDate("2026-11-25")).toBe("25.11.2026");
    expect(formatDate("2023-01-01")).toBe("01.01.2023");
  });

  it("does not shift the day at year boundaries", () => {
    expect(formatDate("2016-12-31")).toBe("31.12.2016");
  });

  it("follows the given locale", () => {
    expect(formatDate("2026-11-25", "en-GB")).toBe("25/11/2026");
  });

  it("returns input that is not a calendar date unchanged", () => {
    expect(formatDate("2023-02-30")).toBe("2023-02-30");
    expect(formatDate("25.11.2026")).toBe("25.11.2026");
    expect(formatDate("")).toBe("");
  });
});
