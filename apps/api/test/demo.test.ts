import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { municipalityListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { createTestDatabase, type TestDatabase, testDbKind } from "@insek/db/testing";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "../src/env.js";
import { generateDemoHistory } from "../src/modules/demo/demo-history.js";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { demoSeedingEnabled } from "../src/modules/demo/demo-switch.js";
import { startServer } from "./helpers/server-process.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

const TODAY = "2026-11-25";

/** The status transitions, written down here independently of the application's own table. */
const ALLOWED: Record<string, readonly string[]> = {
  initial: ["none", "drafting", "council_adopted"],
  none: ["drafting", "council_adopted"],
  drafting: ["none", "council_adopted"],
  council_adopted: ["funding_eligible", "updating", "none"],
  funding_eligible: ["council_adopted", "updating", "none"],
  updating: ["council_adopted", "none"],
};

interface EventRow {
  id: number;
  ags: string;
  type: string;
  status: string | null;
  concept_kind: string | null;
  effective_date: string;
  council_resolution_date: string | null;
  source: string;
  recorded_at: Date | string;
  recorded_day: string;
  version: number;
  valid_from: string | null;
  valid_to: string | null;
  record_version: number;
}

function groupByAgs(rows: EventRow[]): Map<string, EventRow[]> {
  const groups = new Map<string, EventRow[]>();
  for (const row of rows) groups.set(row.ags, [...(groups.get(row.ags) ?? []), row]);
  return groups;
}

const daysBetween = (a: string, b: string) => (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

describe("demo switch", () => {
  it("seeds on the embedded database unless switched off, on PostgreSQL only when switched on", () => {
    expect(demoSeedingEnabled(loadEnv({}))).toBe(true);
    expect(demoSeedingEnabled(loadEnv({ SEED_DEMO_DATA: "false" }))).toBe(false);
    expect(demoSeedingEnabled(loadEnv({ DATABASE_URL: "postgres://u:p@db:5432/insek" }))).toBe(false);
    expect(demoSeedingEnabled(loadEnv({ DATABASE_URL: "postgres://u:p@db:5432/insek", SEED_DEMO_DATA: "false" }))).toBe(false);
    expect(demoSeedingEnabled(loadEnv({ DATABASE_URL: "postgresql://db/insek", SEED_DEMO_DATA: "true" }))).toBe(true);
  });

  it("never seeds in production, whatever the database", () => {
    expect(demoSeedingEnabled(loadEnv({ NODE_ENV: "production" }))).toBe(false);
    expect(demoSeedingEnabled(loadEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://db/insek" }))).toBe(false);
  });

  it("rejects a flag that is not a boolean", () => {
    expect(() => loadEnv({ SEED_DEMO_DATA: "yes please" })).toThrow(/SEED_DEMO_DATA/);
  });
});

describe("demo history generator", () => {
  it("is deterministic", () => {
    const now = fixedClock();
    const a = generateDemoHistory(saxonyReferenceData.municipalities, now);
    const b = generateDemoHistory([...saxonyReferenceData.municipalities].reverse(), now);
    expect(a.length).toBeGreaterThan(800);
    expect(b).toEqual(a);
  });
});

describe("seeding the demo history", () => {
  let t: TestApp;
  let events: EventRow[];

  beforeAll(async () => {
    t = await createTestApp();
    expect(await seedDemoData(t.database.db, fixedClock)).toBe("seeded");
    events = await queryRows<EventRow>(
      t.database.db,
      sql`select e.id::int as id, e.ags, e.type, e.status, e.concept_kind, e.effective_date::text as effective_date,
            e.council_resolution_date::text as council_resolution_date, e.source, e.recorded_at,
            (e.recorded_at at time zone 'Europe/Berlin')::date::text as recorded_day, e.version,
            m.valid_from::text as valid_from, m.valid_to::text as valid_to, m.record_version
          from status_events e join municipalities m on m.ags = e.ags
          order by e.ags, e.version`,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  async function total(query: string): Promise<number> {
    const res = await t.app.inject({ method: "GET", url: `/api/municipalities?limit=1&${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return municipalityListSchema.parse(res.json()).total;
  }

  it("marks the data as demo data in the same transaction and changes nothing on a second run", async () => {
    const snapshot = async () => ({
      events: await queryRows(t.database.db, sql`select count(*)::int as n, max(id)::int as last from status_events`),
      versions: await queryRows(t.database.db, sql`select sum(record_version)::int as n from municipalities`),
      settings: await queryRows(t.database.db, sql`select key, value from app_settings where key = 'demo_data'`),
    });
    const before = await snapshot();
    expect(before.settings).toEqual([
      { key: "demo_data", value: { seededAt: fixedClock().toISOString(), municipalities: 428, events: events.length } },
    ]);
    expect(before.versions).toEqual([{ n: events.length }]);
    // Every seeded event says it came from the demo seeder, and from no account (decision 0024).
    expect(await queryRows(t.database.db, sql`select recorded_via, recorded_by_user_id, update_request_id, recorded_by, count(*)::int as n
      from status_events group by 1, 2, 3, 4`)).toEqual([{ recorded_via: "demo", recorded_by_user_id: null, update_request_id: null, recorded_by: null, n: events.length }]);
    expect(await seedDemoData(t.database.db, fixedClock)).toBe("unchanged");
    expect(await seedDemoData(t.database.db, () => new Date("2027-03-01T12:00:00Z"))).toBe("unchanged");
    expect(await snapshot()).toEqual(before);
  });

  it("gives every history versions 1..n and the municipality its record version n", async () => {
    const byAgs = groupByAgs(events);
    for (const [ags, list] of byAgs) {
      expect(list.map((e) => e.version), ags).toEqual(list.map((_, i) => i + 1));
      expect(list.every((e) => e.record_version === list.length), ags).toBe(true);
      // Version order is recording order, and the ids follow it.
      const ids = list.map((e) => e.id);
      expect(ids, ags).toEqual([...ids].sort((a, b) => a - b));
      const times = list.map((e) => new Date(e.recorded_at).getTime());
      expect(times, ags).toEqual([...times].sort((a, b) => a - b));
    }
    const untouched = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from municipalities m
          where m.record_version <> 0 and not exists (select 1 from status_events e where e.ags = m.ags)`,
    );
    expect(untouched).toEqual([{ n: 0 }]);
  });

  it("obeys the transition table and the status rules in every history", () => {
    const now = fixedClock().getTime();
    for (const [ags, list] of groupByAgs(events)) {
      let state = "initial";
      let adopted = false;
      const statusEvents = list.filter((e) => e.type === "status");
      const byEffective = [...statusEvents].sort(
        (a, b) => a.effective_date.localeCompare(b.effective_date) || a.id - b.id,
      );
      expect(byEffective.map((e) => e.id), `${ags}: effective order = recording order`).toEqual(statusEvents.map((e) => e.id));
      for (const e of list) {
        const where = `${ags} v${e.version}`;
        expect(e.effective_date >= "1990-01-01" && e.effective_date <= TODAY, where).toBe(true);
        expect(e.valid_from === null || e.effective_date >= e.valid_from, `${where}: before the municipality existed`).toBe(true);
        expect(e.valid_to === null || e.effective_date < e.valid_to, `${where}: after the municipality ended`).toBe(true);
        expect(e.valid_to === null || e.recorded_day < e.valid_to, `${where}: recorded after the end`).toBe(true);
        expect(new Date(e.recorded_at).getTime() <= now, `${where}: recorded in the future`).toBe(true);
        expect(e.recorded_day >= e.effective_date, `${where}: recorded before it happened`).toBe(true);
        expect(daysBetween(e.effective_date, e.recorded_day), `${where}: recorded long after`).toBeLessThanOrEqual(45);
        if (e.type === "confirmation") {
          expect(e.status, where).toBeNull();
          expect(e.effective_date, `${where}: a confirmation is effective on its day`).toBe(e.recorded_day);
          expect(state, `${where}: confirmation before any status`).not.toBe("initial");
          continue;
        }
        expect(ALLOWED[state], `${where}: ${state} -> ${e.status}`).toContain(e.status);
        if (e.status !== "none") expect(e.concept_kind, where).toMatch(/^(INSEK|INGEKO)$/);
        if (e.status === "council_adopted") {
          expect(e.council_resolution_date, where).not.toBeNull();
          expect((e.council_resolution_date ?? "9999") <= e.effective_date, where).toBe(true);
          adopted = true;
        } else {
          expect(e.council_resolution_date, where).toBeNull();
        }
        if (e.status === "funding_eligible") {
          expect(adopted, `${where}: funding without adoption`).toBe(true);
          expect(e.source, where).toBe("smr");
        }
        if (e.status === "updating") expect(adopted, `${where}: updating without adoption`).toBe(true);
        state = e.status ?? state;
      }
    }
  });

  it("produces today's distribution of statuses", async () => {
    const all = await total("");
    expect(all).toBe(418);
    const share = async (status: string) => (await total(`status=${status}`)) / all;
    const none = await share("none");
    const drafting = await share("drafting");
    const adopted = await share("council_adopted");
    const funding = await share("funding_eligible");
    const updating = await share("updating");
    expect(none).toBeGreaterThanOrEqual(0.09);
    expect(none).toBeLessThanOrEqual(0.16);
    expect(drafting).toBeGreaterThanOrEqual(0.12);
    expect(drafting).toBeLessThanOrEqual(0.18);
    expect(adopted).toBeGreaterThanOrEqual(0.4);
    expect(adopted).toBeLessThanOrEqual(0.5);
    expect(funding).toBeGreaterThanOrEqual(0.12);
    expect(funding).toBeLessThanOrEqual(0.18);
    expect(updating).toBeGreaterThanOrEqual(0.08);
    expect(updating).toBeLessThanOrEqual(0.13);
    // Some adopted concepts have lapsed, some are about to.
    expect(await total("status=council_adopted&current=false")).toBeGreaterThan(20);
    expect(await total("expiring=true")).toBeGreaterThan(10);
    const stale = (await total("stale=true")) / all;
    expect(stale).toBeGreaterThan(0.25);
    expect(stale).toBeLessThan(0.65);
  });

  it("is plausible: adoptions spread over years, larger towns covered more often, INGEKO for small communes", async () => {
    const resolutionYears = new Set(
      events.filter((e) => e.status === "council_adopted").map((e) => e.council_resolution_date?.slice(0, 4)),
    );
    for (let year = 2008; year <= 2025; year++) expect(resolutionYears, String(year)).toContain(String(year));

    const list = municipalityListSchema.parse(
      (await t.app.inject({ method: "GET", url: "/api/municipalities?limit=500" })).json(),
    ).items;
    const adoptedShare = (items: typeof list) =>
      items.filter((m) => ["council_adopted", "funding_eligible", "updating"].includes(m.record.status)).length / items.length;
    const small = list.filter((m) => (m.population ?? 0) < 3000);
    const large = list.filter((m) => (m.population ?? 0) >= 10_000);
    expect(adoptedShare(large)).toBeGreaterThan(adoptedShare(small) + 0.1);
    expect(list.filter((m) => m.type === "kreisfreie_stadt").every((m) => m.record.status !== "none")).toBe(true);

    const ingeko = list.filter((m) => m.record.conceptKind === "INGEKO");
    expect(ingeko.length).toBeGreaterThan(20);
    expect(ingeko.filter((m) => m.type === "gemeinde").length / ingeko.length).toBeGreaterThan(0.75);

    const sources = new Set(events.map((e) => e.source));
    expect(sources.size).toBeGreaterThanOrEqual(3);
    const fsInge = events.filter((e) => e.source === "fs_inge");
    expect(fsInge.length).toBeGreaterThan(0);
    expect(fsInge.every((e) => e.effective_date >= "2024-03-01")).toBe(true);

    const twoYearsAgo = fixedClock().getTime() - 730 * 86_400_000;
    const confirmed = new Set(
      events.filter((e) => e.type === "confirmation" && new Date(e.recorded_at).getTime() >= twoYearsAgo).map((e) => e.ags),
    );
    expect(confirmed.size / 418).toBeGreaterThan(0.35);
    expect(confirmed.size / 418).toBeLessThan(0.65);
  });

  it("gives the past a history too, dissolved municipalities included", async () => {
    expect(await total("asOf=2018-06-30&status=council_adopted")).toBeGreaterThan(50);
    const dissolved = saxonyReferenceData.municipalities.filter((m) => m.validTo !== null).map((m) => m.ags);
    const withHistory = new Set(events.filter((e) => dissolved.includes(e.ags)).map((e) => e.ags));
    expect(withHistory.size).toBeGreaterThanOrEqual(5);
  });
});

describe("a database with a history of its own", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("is never seeded with demo data", async () => {
    await database.db.execute(sql`
      insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, version)
      values ('14511000', 'status', 'drafting', 'INSEK', '2026-01-15', '2026-01-20T10:00:00Z', 'municipality', 1)`);
    expect(await seedDemoData(database.db, fixedClock)).toBe("unchanged");
    const [counts] = await queryRows<{ events: number; settings: number }>(
      database.db,
      sql`select (select count(*)::int from status_events) as events, (select count(*)::int from app_settings) as settings`,
    );
    expect(counts).toEqual({ events: 1, settings: 0 });
  });
});

describe("production server and demo data", () => {
  let env: Record<string, string>;
  let dataDir: string | undefined;
  let database: TestDatabase | undefined;

  beforeAll(async () => {
    if (testDbKind() === "postgres") {
      database = await createTestDatabase({ seeded: false });
      env = { DATABASE_URL: database.url ?? "" };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), "insek-demo-"));
      env = { DATA_DIR: dataDir };
    }
    // Demo data is for demonstrations: a production server never seeds it (production-start.test.ts).
    env.NODE_ENV = "development";
  });
  afterAll(async () => {
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  async function adoptedTotal(url: string): Promise<number> {
    const res = await fetch(`${url}/api/municipalities?status=council_adopted&limit=1`);
    expect(res.status).toBe(200);
    return municipalityListSchema.parse(await res.json()).total;
  }

  // Each database project proves the half that concerns it: the embedded default seeds once, a
  // PostgreSQL server only when asked.
  async function embeddedSeedsOnce() {
    const first = await startServer(env);
    let count: number;
    try {
      expect(first.output()).toContain("Demo-Daten eingespielt");
      count = await adoptedTotal(first.url);
      expect(count).toBeGreaterThan(150);
      expect(count).toBeLessThan(230);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await startServer(env);
    try {
      expect(second.output()).not.toContain("Demo-Daten eingespielt");
      expect(await adoptedTotal(second.url)).toBe(count);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }

  it("seeds the demo history once on the embedded database, and on PostgreSQL only with SEED_DEMO_DATA=true", async () => {
    if (testDbKind() === "pglite") {
      await embeddedSeedsOnce();
      return;
    }
    // Anonymous reading is off by default on PostgreSQL, so the database itself is asked.
    const counts = async () => {
      if (!database) throw new Error("no database");
      const [row] = await queryRows<{ events: number; marked: number }>(
        database.db,
        sql`select (select count(*)::int from status_events) as events,
                   (select count(*)::int from app_settings where key = 'demo_data') as marked`,
      );
      return row;
    };
    const plain = await startServer(env);
    try {
      expect(plain.output()).not.toContain("Demo-Daten");
      expect(await counts()).toEqual({ events: 0, marked: 0 });
    } finally {
      expect(await plain.stop()).toBe(0);
    }
    const switchedOn = await startServer({ ...env, SEED_DEMO_DATA: "true" });
    try {
      expect(switchedOn.output()).toContain("Demo-Daten eingespielt");
      const after = await counts();
      expect(after?.marked).toBe(1);
      expect(after?.events).toBeGreaterThan(800);
    } finally {
      expect(await switchedOn.stop()).toBe(0);
    }
  });
});
