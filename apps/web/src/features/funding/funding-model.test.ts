import { describe, expect, it } from "vitest";
import { buildCsv, dayBefore, formatEuro, municipalitiesRunning, nextSort, runsOn, sortRows, yearSpan } from "./funding-model";

describe("formatEuro", () => {
  it("writes whole euros German style, with a thousands dot and the sign after", () => {
    expect(formatEuro(1234567)).toBe("1.234.567 €");
    expect(formatEuro(0)).toBe("0 €");
  });

  it("shows cents only where the amount has some", () => {
    expect(formatEuro(1234.5)).toBe("1.234,50 €");
  });

  it("follows the English switch", () => {
    expect(formatEuro(1234567, "en-GB")).toBe("€1,234,567");
  });
});

describe("yearSpan", () => {
  it("joins two years with a dash and collapses one", () => {
    expect(yearSpan(2021, 2026)).toEqual({ kind: "span", text: "2021–2026" });
    expect(yearSpan(2024, 2024)).toEqual({ kind: "span", text: "2024" });
    expect(yearSpan(2021, null)).toEqual({ kind: "from", text: "2021" });
    expect(yearSpan(null, null)).toEqual({ kind: "none", text: "" });
  });
});

describe("sorting the at-risk list", () => {
  const rows = [
    { name: "Zwickau", until: "2027-03-01" },
    { name: "Äpfelstadt", until: null },
    { name: "Annaberg-Buchholz", until: "2026-12-31" },
    { name: "Oelsnitz", until: "2026-12-31" },
  ];
  const value = (row: (typeof rows)[number], key: "name" | "until") => row[key];

  it("orders names the German way (Ä beside A) and turns on a second click", () => {
    const first = nextSort({ key: "until", direction: "ascending" }, "name");
    expect(first).toEqual({ key: "name", direction: "ascending" });
    expect(sortRows(rows, first, value).map((r) => r.name)).toEqual(["Annaberg-Buchholz", "Äpfelstadt", "Oelsnitz", "Zwickau"]);
    const second = nextSort(first, "name");
    expect(second.direction).toBe("descending");
    expect(sortRows(rows, second, value).map((r) => r.name)).toEqual(["Zwickau", "Oelsnitz", "Äpfelstadt", "Annaberg-Buchholz"]);
  });

  it("puts rows without a date last in both directions and keeps ties in order", () => {
    expect(sortRows(rows, { key: "until", direction: "ascending" }, value).map((r) => r.name)).toEqual([
      "Annaberg-Buchholz",
      "Oelsnitz",
      "Zwickau",
      "Äpfelstadt",
    ]);
    expect(sortRows(rows, { key: "until", direction: "descending" }, value).map((r) => r.name)).toEqual([
      "Zwickau",
      "Annaberg-Buchholz",
      "Oelsnitz",
      "Äpfelstadt",
    ]);
  });

  it("compares numbers as numbers", () => {
    const numbers = [{ n: 10 }, { n: 9 }, { n: 100 }];
    expect(sortRows(numbers, { key: "n", direction: "ascending" }, (row) => row.n).map((r) => r.n)).toEqual([9, 10, 100]);
  });
});

describe("buildCsv", () => {
  it("writes German Excel's dialect: BOM, semicolons, CRLF, decimal comma", () => {
    expect(buildCsv(["Gemeinde", "Betrag"], [["Zwickau", 1250.5]])).toBe("\uFEFFGemeinde;Betrag\r\nZwickau;1250,5\r\n");
  });

  it("quotes cells with separators, quotes or line breaks", () => {
    expect(buildCsv(["a"], [['Markt "Ost"; 2. BA'], ["x\ny"]])).toBe('\uFEFFa\r\n"Markt ""Ost""; 2. BA"\r\n"x\ny"\r\n');
  });

  it("defuses cells a spreadsheet would run as a formula, and leaves empty cells empty", () => {
    expect(buildCsv(["a", "b"], [["=HYPERLINK(1)", null], ["-1", "@x"]])).toBe("\uFEFFa;b\r\n'=HYPERLINK(1);\r\n'-1;'@x\r\n");
  });
});

describe("dayBefore", () => {
  it("steps back over month and leap-year ends", () => {
    expect(dayBefore("2026-03-01")).toBe("2026-02-28");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
    expect(dayBefore("2027-01-01")).toBe("2026-12-31");
  });
});

describe("the programme's municipalities on the map", () => {
  const measure = (ags: string, state: string, startYear: number, endYear: number | null, currentAgs = ags) => ({ ags, currentAgs, state, startYear, endYear });

  it("counts running measures whose years include the date's year", () => {
    expect(runsOn(measure("14511000", "running", 2020, null), "2026-06-30")).toBe(true);
    expect(runsOn(measure("14511000", "running", 2020, 2025), "2026-06-30")).toBe(false);
    expect(runsOn(measure("14511000", "running", 2027, null), "2026-06-30")).toBe(false);
    expect(runsOn(measure("14511000", "paused", 2020, null), "2026-06-30")).toBe(false);
    expect(runsOn(measure("14511000", "running", 2026, 2026), "2026-01-01")).toBe(true);
  });

  it("takes the municipality recorded and its successor of today", () => {
    const set = municipalitiesRunning(
      [measure("14522450", "running", 2015, null, "14522460"), measure("14511000", "settled", 2010, 2015), measure("14612000", "running", 2021, 2030)],
      "2024-05-01",
    );
    expect([...set].sort()).toEqual(["14522450", "14522460", "14612000"]);
  });
});
