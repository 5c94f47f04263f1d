import { atRiskListSchema, fundingStatsSchema, measureListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/** The demo data's funded measures (decision 0034): plausible, across programmes, some at risk, all labelled as demo. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoData(t.database.db, fixedClock)).toBe("seeded");
});
afterAll(async () => {
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
};

interface Row {
  origin: string;
  name: string;
  note: string | null;
  programme_id: string;
  state: string;
  start_year: number;
  end_year: number | null;
  population: number;
  amounts: number;
}

const rows = () =>
  queryRows<Row>(
    t.database.db,
    sql`select ms.origin, ms.name, ms.note, ms.programme_id, ms.state, ms.start_year, ms.end_year, m.population,
          (select count(*)::int from measure_amounts a where a.measure_id = ms.id) as amounts
        from measures ms join municipalities m on m.ags = ms.ags`,
  );

describe("the demo's measures", () => {
  it("are labelled as demo data and spread over the programmes, old and current", async () => {
    const measures = await rows();
    expect(measures.length).toBeGreaterThan(60);
    expect(new Set(measures.map((m) => m.origin))).toEqual(new Set(["demo"]));
    expect(measures.every((m) => m.name.endsWith("(Demo)") && m.note?.startsWith("Demodaten"))).toBe(true);
    const programmes = new Set(measures.map((m) => m.programme_id));
    for (const id of ["lebendige-zentren", "efre-nachhaltige-stadtentwicklung"]) expect(programmes).toContain(id);
    expect(programmes.size).toBeGreaterThanOrEqual(6);
    expect(new Set(measures.map((m) => m.state))).toEqual(new Set(["running", "settled", "fully_funded", "paused"]));
    // Plausible: Städtebauförderung only above 2,000 inhabitants, EFRE from 5,000; closed programmes ended; every measure has amounts.
    expect(measures.every((m) => m.population >= 2001 && m.amounts > 0)).toBe(true);
    expect(measures.filter((m) => m.programme_id.startsWith("efre")).every((m) => m.population >= 5000)).toBe(true);
    expect(measures.filter((m) => m.state === "settled" || m.state === "fully_funded").every((m) => m.end_year !== null && m.end_year <= 2019)).toBe(true);
  });

  it("include measures at risk and measures on a current concept, as the funding figures show them", async () => {
    const atRisk = atRiskListSchema.parse(await get("/api/measures/at-risk"));
    expect(atRisk.total).toBeGreaterThanOrEqual(10);
    expect(new Set(atRisk.items.map((i) => i.reason)).has("no_current_concept")).toBe(true);
    const stats = fundingStatsSchema.parse(await get("/api/stats/funding"));
    expect(stats.measures.running).toBeGreaterThan(atRisk.total);
    expect(stats.measures.onCurrentConcept).toBeGreaterThan(30);
    expect(stats.measures.atRisk).toBe(atRisk.total);
    const list = measureListSchema.parse(await get("/api/measures?limit=500"));
    expect(list.total).toBe((await rows()).length);
  });

  it("are seeded once; a demo database seeded before them gets them at the next start", async () => {
    const count = async () => (await rows()).length;
    const before = await count();
    expect(await seedDemoData(t.database.db, fixedClock)).toBe("unchanged");
    expect(await count()).toBe(before);
    await t.database.db.execute(sql`delete from measures`);
    expect(await seedDemoData(t.database.db, fixedClock)).toBe("unchanged");
    expect(await count()).toBe(before);
  });
});
