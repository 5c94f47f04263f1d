import { type Db, queryRows, schema } from "@insek/db";
import { sql } from "drizzle-orm";
import type { Clock } from "../../lib/clock.js";
import { type DemoMunicipality, generateDemoHistory } from "./demo-history.js";

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
    const [state] = await queryRows<{ seeded: boolean; has_events: boolean }>(
      tx,
      sql`select exists (select 1 from app_settings where key = ${DEMO_SETTING_KEY}) as seeded,
                 exists (select 1 from status_events) as has_events`,
    );
    if (!state || state.seeded || state.has_events) return "unchanged";

    const municipalities = await queryRows<DemoMunicipality>(
      tx,
      sql`select ags, type, population, valid_from::text as "validFrom", valid_to::text as "validTo"
          from municipalities order by ags`,
    );
    if (municipalities.length === 0) return "unchanged";

    const now = clock();
    const events = generateDemoHistory(municipalities, now);
    for (let i = 0; i < events.length; i += CHUNK) {
      await tx.insert(schema.statusEvents).values(events.slice(i, i + CHUNK).map((e) => ({ ...e, recordedVia: "demo" as const })));
    }
    await tx.execute(sql`
      update municipalities m set record_version = v.n
      from (select ags, max(version) as n from status_events group by ags) v
      where m.ags = v.ags`);
    await tx.insert(schema.appSettings).values({
      key: DEMO_SETTING_KEY,
      value: { seededAt: now.toISOString(), municipalities: municipalities.length, events: events.length },
    });
    return "seeded";
  });
}
