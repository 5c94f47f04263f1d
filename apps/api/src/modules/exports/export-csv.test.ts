import { describe, expect, it } from "vitest";
import type { Column } from "./export-columns.js";
import { csvSlices, toCsv } from "./export-csv.js";

interface Row {
  id: number;
  note: string | null;
  at: string;
}

const columns: Column<Row>[] = [
  { header: "Nr.", kind: "integer", width: 5, value: (r) => r.id },
  { header: "Notiz", kind: "freeText", width: 20, value: (r) => r.note },
  { header: "Erfasst am", kind: "timestamp", width: 17, value: (r) => r.at },
];

describe("csvSlices", () => {
  it("writes the same bytes as toCsv, in slices that leave the event loop a turn in between", async () => {
    const rows: Row[] = Array.from({ length: 601 }, (_, i) => ({
      id: i,
      note: i % 3 === 0 ? null : i % 3 === 1 ? `Zeile ${i}; "zitiert"\nzweite Zeile` : `=FORMEL(${i})`,
      at: new Date(Date.UTC(2026, 0, 1, 12, i)).toISOString(),
    }));
    const slices: string[] = [];
    for await (const slice of csvSlices(columns, rows)) slices.push(slice);
    expect(slices.length).toBe(4);
    expect(slices.join("")).toBe(toCsv(columns, rows));
    const none: string[] = [];
    for await (const slice of csvSlices(columns, [])) none.push(slice);
    expect(none.join("")).toBe(toCsv(columns, []));
  });
});
