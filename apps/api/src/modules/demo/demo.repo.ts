import { type Db, schema } from "@insek/db";
import { asc, eq, sql } from "drizzle-orm";
import type { Clock } from "../../lib/clock.js";
import { type DemoMunicipality, generateDemoHistory } from "./demo-history.js";

const { appSettings, municipalities: m, statusEvents } = schema;

export const DEMO_SETTING_KEY = "demo_data";

export type DemoSeedOutcome = "seeded" | "unchanged";

/** Rows per INSERT: well below the 65,535 bind parameters of one statement. */
const CHUNK = 1000;

/**
 * Seeds the synthetic demo history once, in one transaction: the events (versions 1..n per
 * municipality), each municipality's record version, and the app setting that marks the data as
 * demo data. A database that already has a history, or was seeded before, is left alone.
 */
export async function seedDemoData(db: Db, clock: Clock): Promise<DemoSeedOutcome> {
  return db.transaction(async (tx) => {
    const seeded = await tx.select({ key: appSettings.key }).from(appSettings).where(eq(appSettings.key, DEMO_SETTING_KEY)).limit(1);
    const history = await tx.select({ id: statusEvents.id }).from(statusEvents).limit(1);
    if (seeded.length > 0 || history.length > 0) return "unchanged";

    const municipalities: DemoMunicipality[] = await tx
      .select({ ags: m.ags, type: m.type, population: m.population, validFrom: m.validFrom, validTo: m.validTo })
      .from(m)
      .orderBy(asc(m.ags));
    if (municipalities.length === 0) return "unchanged";

    const now = clock();
    const events = generateDemoHistory(municipalities, now);
    for (let i = 0; i < events.length; i += CHUNK) {
      await tx.insert(statusEvents).values(events.slice(i, i + CHUNK).map((e) => ({ ...e, recordedVia: "demo" as const })));
    }
    // The record version of each municipality: its newest event's (one statement over the whole history).
    await tx.execute(sql`
      update ${m} set ${sql.identifier(m.recordVersion.name)} = v.n
      from (select ${statusEvents.ags} as ags, max(${statusEvents.version}) as n from ${statusEvents} group by 1) v
      where ${m.ags} = v.ags`);
    await tx.insert(appSettings).values({
      key: DEMO_SETTING_KEY,
      value: { seededAt: now.toISOString(), municipalities: municipalities.length, events: events.length },
    });
    return "seeded";
  });
}
