import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../src/app.js";
import { rebuildTimelineRollup } from "../src/modules/stats/timeline-rollup.repo.js";
import { timelineBySweep } from "../src/modules/stats/timeline-sweep.repo.js";
import { timelinePoints } from "../src/modules/stats/timeline.repo.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The timeline roll-up against concurrent transactions (PostgreSQL only: PGlite has one connection, so
 * its transactions never interleave). A rebuild and a write reaching before the horizon exclude each
 * other through an advisory lock (migration 0009): a rebuild never waits for writers (it answers by the
 * sweep instead), and a writer that waited for a rebuild reads the rebuild's new horizon.
 */

let t: TestApp;
const clients: pg.Client[] = [];
async function connection(): Promise<pg.Client> {
  if (!t.database.url) throw new Error("the PostgreSQL project has a database URL");
  const client = new pg.Client({ connectionString: t.database.url });
  await client.connect();
  clients.push(client);
  return client;
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  for (const c of clients) await c.end();
  await t.close();
});

const TODAY = "2026-11-25";
const FROM = "2021-01-01";

/** A status event on `ags` with its next record version, as one statement on `client`. */
function insertStatus(client: pg.Client, ags: string, status: string, effective: string) {
  return client.query(
    `with bumped as (update municipalities set record_version = record_version + 1 where ags = $1 returning record_version)
     insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, version)
     select $1, 'status', $2, 'INSEK', $3::date, now(), 'municipality', record_version from bumped`,
    [ags, status, effective],
  );
}

async function state() {
  const [row] = await queryRows<{ version: number; built_version: number | null; horizon: string | null }>(
    t.database.db,
    sql`select version::int as version, built_version::int as built_version, horizon::text as horizon from timeline_rollup_state`,
  );
  if (!row) throw new Error("no state row");
  return row;
}

describe("timeline roll-up under concurrent writes (PostgreSQL)", () => {
  it("answers by the sweep while a write before the horizon is uncommitted, and takes the write in once it commits", async () => {
    expect(await rebuildTimelineRollup(t.database.db, DEFAULT_RULES, TODAY)).toBe(true);
    // Invalidate it (a registry change), so that the next read wants to rebuild.
    await t.database.db.execute(sql`update municipalities set population = population + 1 where ags = '14625250'`);

    const writer = await connection();
    await writer.query("begin");
    await insertStatus(writer, "14625250", "drafting", "2026-09-10");
    try {
      const during = await timelinePoints(t.database.db, DEFAULT_RULES, FROM, TODAY, {}, TODAY);
      expect(during.via).toBe("sweep");
      expect(during.rows).toEqual(await timelineBySweep(t.database.db, DEFAULT_RULES, FROM, TODAY, {}));
      expect((await state()).built_version).not.toBe((await state()).version);
    } finally {
      await writer.query("commit");
    }

    const after = await timelinePoints(t.database.db, DEFAULT_RULES, FROM, TODAY, {}, TODAY);
    expect(after.via).toBe("rollup");
    const swept = await timelineBySweep(t.database.db, DEFAULT_RULES, FROM, TODAY, {});
    expect(after.rows).toEqual(swept);
    const september = swept.find((p) => p.date === "2026-09-30");
    const october = swept.find((p) => p.date === "2026-10-31");
    expect(september?.by_drafting).toBeGreaterThan(0);
    expect(october?.by_drafting).toBe(september?.by_drafting);
  });

  it("makes a writer that waited for a rebuild invalidate it when the write falls before the rebuild's new horizon", async () => {
    expect(await rebuildTimelineRollup(t.database.db, DEFAULT_RULES, TODAY)).toBe(true);
    const built = await state();
    expect(built.horizon).toBe("2026-11-01");

    // A rebuild in flight that moves the horizon to December (as one started on 1 December would).
    const rebuild = await connection();
    await rebuild.query("begin");
    await rebuild.query("select pg_advisory_xact_lock(1229869893, 9)");
    await rebuild.query("update timeline_rollup_state set built_version = version, horizon = '2026-12-01' where id = 1");

    // A status event effective 20 November: after the old horizon, before the new one.
    const writer = await connection();
    let finished = false;
    const write = insertStatus(writer, "14625330", "drafting", "2026-11-20").then(() => {
      finished = true;
    });
    const waiting = await connection();
    let blocked = false;
    for (let i = 0; i < 100 && !blocked; i += 1) {
      const { rows } = await waiting.query<{ n: number }>(
        "select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted",
      );
      blocked = (rows[0]?.n ?? 0) > 0;
      if (!blocked) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(blocked).toBe(true);
    expect(finished).toBe(false);

    await rebuild.query("commit");
    await write;
    const after = await state();
    expect(after.horizon).toBe("2026-12-01");
    expect(after.version).toBe((after.built_version ?? -1) + 1);
  });
});
