import { describe, expect, it } from "vitest";
import { dateFieldValue, germanToIso, isIsoDate, isoToGerman, maskGermanDate } from "./german-date";

describe("german dates", () => {
  it("masks digits as they are typed", () => {
    const typed = "31122024".split("").map((_, index, all) => maskGermanDate(all.slice(0, index + 1).join("")));
    expect(typed).toEqual(["3", "31", "31.1", "31.12", "31.12.2", "31.12.20", "31.12.202", "31.12.2024"]);
    // Re-masking the masked text (React hands the whole value back) keeps it.
    expect(maskGermanDate("31.12.2024")).toBe("31.12.2024");
    expect(maskGermanDate("31.12.20245")).toBe("31.12.2024");
    expect(maskGermanDate("1.2.2024")).toBe("1.2.2024");
    expect(maskGermanDate("2024-05-06")).toBe("06.05.2024");
    expect(maskGermanDate("3a1")).toBe("31");
    // The browser hands back the masked text plus the new digit: it moves on to the next part.
    expect(maskGermanDate("01.102")).toBe("01.10.2");
    expect(maskGermanDate("01.1")).toBe("01.1");
    expect(maskGermanDate("1.")).toBe("1.");
    expect(maskGermanDate("01.10.")).toBe("01.10.");
    expect(maskGermanDate("1..2")).toBe("1.2");
  });

  it("parses only complete, real dates", () => {
    expect(germanToIso("31.12.2024")).toBe("2024-12-31");
    expect(germanToIso("1.2.2024")).toBe("2024-02-01");
    expect(germanToIso("29.02.2024")).toBe("2024-02-29");
    expect(germanToIso("29.02.2023")).toBeNull();
    expect(germanToIso("31.12.202")).toBeNull();
    expect(isIsoDate("2024-13-01")).toBe(false);
    expect(isoToGerman("2024-12-31")).toBe("31.12.2024");
    expect(isoToGerman("")).toBe("");
  });

  it("reports ISO, empty, or the text as typed", () => {
    expect(dateFieldValue("06.05.2025")).toBe("2025-05-06");
    expect(dateFieldValue("  ")).toBe("");
    expect(dateFieldValue("06.05.20")).toBe("06.05.20");
  });
});
