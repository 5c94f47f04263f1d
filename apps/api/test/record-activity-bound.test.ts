import { municipalityDetailSchema, municipalityListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIX, recordFixtureEvent } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The record's last activity and last confirmation on a date count what was recorded on or before
 * that date in Berlin time. recordsOn compares recorded_at with the instant Berlin's next day
 * starts (index-friendly) instead of converting every row to a Berlin date: these tests pin the
 * boundary, also on the days the clocks change.
 */
let t: TestApp;
const ags = FIX.eichigt;

// Each pair: the last second of a Berlin day and the first second of the next, in UTC.
const CONFIRMATIONS = [
  "2026-01-14T22:59:59Z", // 14 Jan 23:59:59 CET
  "2026-01-14T23:00:00Z", // 15 Jan 00:00:00 CET
  "2026-03-28T22:59:59Z", // 28 Mar 23:59:59 CET (clocks go forward on 29 Mar)
  "2026-03-28T23:00:00Z", // 29 Mar 00:00:00 CET
  "2026-03-29T21:59:59Z", // 29 Mar 23:59:59 CEST
  "2026-03-29T22:00:00Z", // 30 Mar 00:00:00 CEST
  "2026-07-09T21:59:59Z", // 9 Jul 23:59:59 CEST
  "2026-07-09T22:00:00Z", // 10 Jul 00:00:00 CEST
  "2026-10-24T21:59:59Z", // 24 Oct 23:59:59 CEST (clocks go back on 25 Oct)
  "2026-10-24T22:00:00Z", // 25 Oct 00:00:00 CEST
  "2026-10-25T22:59:59Z", // 25 Oct 23:59:59 CET
  "2026-10-25T23:00:00Z", // 26 Oct 00:00:00 CET
];

beforeAll(async () => {
  t = await createTestApp();
  await recordFixtureEvent(t.database.db, { ags, status: "drafting", effectiveDate: "2025-03-01", recordedAt: "2025-03-01T09:00:00Z" });
  for (const recordedAt of CONFIRMATIONS) {
    await recordFixtureEvent(t.database.db, { ags, type: "confirmation", effectiveDate: recordedAt.slice(0, 10), recordedAt });
  }
});
afterAll(async () => {
  await t.close();
});

async function recordOn(asOf: string) {
  const res = await t.app.inject({ method: "GET", url: `/api/municipalities/${ags}?asOf=${asOf}` });
  expect(res.statusCode, res.body).toBe(200);
  return municipalityDetailSchema.parse(res.json()).record;
}

describe("last activity and last confirmation on a date (Berlin days)", () => {
  it.each([
    ["2026-01-13", "2025-03-01T09:00:00.000Z", null],
    ["2026-01-14", "2026-01-14T22:59:59.000Z", "2026-01-14T22:59:59.000Z"],
    ["2026-01-15", "2026-01-14T23:00:00.000Z", "2026-01-14T23:00:00.000Z"],
    ["2026-03-28", "2026-03-28T22:59:59.000Z", "2026-03-28T22:59:59.000Z"],
    ["2026-03-29", "2026-03-29T21:59:59.000Z", "2026-03-29T21:59:59.000Z"],
    ["2026-03-30", "2026-03-29T22:00:00.000Z", "2026-03-29T22:00:00.000Z"],
    ["2026-07-09", "2026-07-09T21:59:59.000Z", "2026-07-09T21:59:59.000Z"],
    ["2026-07-10", "2026-07-09T22:00:00.000Z", "2026-07-09T22:00:00.000Z"],
    ["2026-10-24", "2026-10-24T21:59:59.000Z", "2026-10-24T21:59:59.000Z"],
    ["2026-10-25", "2026-10-25T22:59:59.000Z", "2026-10-25T22:59:59.000Z"],
    ["2026-10-26", "2026-10-25T23:00:00.000Z", "2026-10-25T23:00:00.000Z"],
  ])("on %s", async (asOf, lastActivityAt, lastConfirmedAt) => {
    expect(await recordOn(asOf)).toMatchObject({ lastActivityAt, lastConfirmedAt });
  });

  it("stale counts twelve months from the Berlin day of the last activity (list filter)", async () => {
    // Last activity 2026-10-25T23:00Z = 26 Oct (Berlin; 25 Oct in UTC): not stale on 2027-10-25, stale from 2027-10-26.
    const notStale = async (asOf: string) => {
      const res = await t.app.inject({ method: "GET", url: `/api/municipalities?district=14523&stale=false&limit=500&asOf=${asOf}` });
      expect(res.statusCode, res.body).toBe(200);
      return municipalityListSchema.parse(res.json()).items.some((m) => m.ags === ags);
    };
    expect(await notStale("2027-10-25")).toBe(true);
    expect(await notStale("2027-10-26")).toBe(false);
    expect(await notStale("2025-02-28")).toBe(false);
  });

  it("the bound selects exactly the rows the Berlin date does, every 15 minutes over two years", async () => {
    const [row] = await queryRows<{ mismatches: number; checked: number }>(
      t.database.db,
      sql`select count(*) filter (where ((ts at time zone 'Europe/Berlin')::date <= d) <> (ts < ((d + 1)::timestamp at time zone 'Europe/Berlin')))::int as mismatches,
                 count(*)::int as checked
          from generate_series(timestamptz '2025-12-31T00:00:00Z', timestamptz '2028-01-01T00:00:00Z', interval '15 minutes') ts
          cross join lateral (values ((ts at time zone 'Europe/Berlin')::date - 1), ((ts at time zone 'Europe/Berlin')::date),
                                     ((ts at time zone 'UTC')::date)) v(d)`,
    );
    expect(row?.checked).toBeGreaterThan(200_000);
    expect(row?.mismatches).toBe(0);
  });
});
