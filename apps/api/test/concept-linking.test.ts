import { queryRows } from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyOf } from "../bench/synthetic-history.js";
import { type App, buildApp } from "../src/app.js";
import { generateDemoHistory } from "../src/modules/demo/demo-history.js";
import { writerHeaders } from "./helpers/accounts.js";
import { linkHistoryToConcepts } from "./helpers/concept-linking.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/*
 * Migration 0016 links each municipality's history to municipal concepts (decision 0027). Every figure the
 * dashboard shows must stay as it was: the statistics and exports are computed on a history before and after
 * the linking and compared, on the demo history and on a generated ten-year history.
 */

const TODAY = "2026-11-25";
const NOW = fixedClock();

/** Every statistic and export a reader gets, by URL. */
const FIGURES = [
  "/api/stats/summary",
  "/api/stats/summary?asOf=2020-06-30",
  "/api/stats/summary?asOf=2024-12-31&district=14523",
  "/api/stats/districts",
  "/api/stats/districts?asOf=2019-01-01",
  "/api/stats/timeline",
  "/api/stats/timeline?from=2016-01-01&to=2026-11-25",
  "/api/stats/status-map",
  "/api/stats/status-map?asOf=2021-03-31",
  "/api/municipalities?limit=500&sort=ags",
  "/api/municipalities?limit=500&sort=ags&current=true",
  "/api/export/municipalities.csv",
  "/api/export/municipalities.geojson",
  "/api/export/events.csv",
];

/** Concept columns (which the linking fills) are no figure: they are left out of the comparison. */
function withoutConceptColumns(url: string, body: string): string {
  if (!url.endsWith(".csv")) return body.replace(/"conceptId":\d+/g, '"conceptId":null').replace(/"concept":(null|\{[^{}]*\})/g, '"concept":null');
  const lines = body.split("\n");
  const header = (lines[0] ?? "").split(";");
  const drop = new Set(header.flatMap((h, i) => (/^"?(Konzept(-ID|$| gemeinsam| beschlossen)|Fortschreibung empfohlen|Gebietskonzepte)/.test(h) ? [i] : [])));
  return lines.map((l) => l.split(";").filter((_, i) => !drop.has(i)).join(";")).join("\n");
}

async function figures(app: App, headers: Record<string, string>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const url of FIGURES) {
    const res = await app.inject({ url, headers });
    expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
    out[url] = withoutConceptColumns(url, res.body);
  }
  return out;
}

interface Row {
  ags: string;
  type: string;
  status: string | null;
  conceptKind: string | null;
  effectiveDate: string;
  recordedAt: string;
  source: string;
  councilResolutionDate: string | null;
  documentUrl?: string | null;
  horizonYear?: number | null;
  version: number;
}

async function insertHistory(t: TestApp, rows: Row[]): Promise<void> {
  const db = t.database.db;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const col = <K extends keyof Row>(key: K) => sql.param(chunk.map((r) => r[key] ?? null));
    await db.execute(sql`
      insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, council_resolution_date, document_url,
        horizon_year, version, recorded_via)
      select a, ty, st, ck, ed, ra, so, cr, du, hy, v, 'demo'
      from unnest(${col("ags")}::char(8)[], ${col("type")}::text[], ${col("status")}::text[], ${col("conceptKind")}::text[],
        ${col("effectiveDate")}::date[], ${col("recordedAt")}::timestamptz[], ${col("source")}::text[], ${col("councilResolutionDate")}::date[],
        ${col("documentUrl")}::text[], ${col("horizonYear")}::int[], ${col("version")}::int[]) as u(a, ty, st, ck, ed, ra, so, cr, du, hy, v)`);
  }
  await db.execute(sql`update municipalities m set record_version = v.n
    from (select ags, max(version) as n from status_events group by ags) v where m.ags = v.ags`);
}

const count = async (t: TestApp, table: string) =>
  (await queryRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n ?? 0;

describe.each([
  [
    "the demo history",
    () => {
      const municipalities = saxonyReferenceData.municipalities.map((m) => ({
        ags: m.ags,
        type: m.type,
        population: m.population,
        validFrom: m.validFrom,
        validTo: m.validTo,
      }));
      return generateDemoHistory(municipalities, NOW);
    },
  ],
  [
    "a generated ten-year history",
    () =>
      saxonyReferenceData.municipalities.flatMap(
        (m) => historyOf({ ags: m.ags, validFrom: m.validFrom, validTo: m.validTo }, { months: 120, today: TODAY, now: NOW, seed: 7, changeShare: 0.15 }) as Row[],
      ),
  ],
])("linking %s to concepts (migration 0016)", (_name, generate) => {
  let t: TestApp;
  let before: Record<string, string>;
  let rows: Row[];
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    headers = await writerHeaders(t.app);
    rows = generate();
    await insertHistory(t, rows);
    before = await figures(t.app, headers);
    await linkHistoryToConcepts(t.database.db);
  }, 240_000);
  afterAll(async () => {
    await t.close();
  });

  it("links every status event that is not 'none' and not corrected, and no confirmation", async () => {
    const [linked] = await queryRows<{ status_linked: number; status_other: number; confirmations_linked: number; none_linked: number }>(
      t.database.db,
      sql`select count(*) filter (where type = 'status' and status <> 'none' and concept_id is not null)::int as status_linked,
            count(*) filter (where type = 'status' and status <> 'none' and concept_id is null)::int as status_other,
            count(*) filter (where type = 'confirmation' and concept_id is not null)::int as confirmations_linked,
            count(*) filter (where status = 'none' and concept_id is not null)::int as none_linked
          from status_events`,
    );
    expect(linked?.status_linked).toBeGreaterThan(300);
    expect(linked?.status_other).toBe(0);
    expect(linked?.confirmations_linked).toBe(0);
    expect(linked?.none_linked).toBe(0);
    // One resolution per adoption, naming its event; every concept has its one municipality as lead.
    expect(await count(t, "concept_resolutions")).toBe(rows.filter((r) => r.status === "council_adopted").length);
    const [shape] = await queryRows<{ bad: number }>(
      t.database.db,
      sql`select count(*)::int as bad from concepts c
          where c.scope <> 'municipal' or c.origin <> 'history'
             or (select count(*) from concept_members m where m.concept_id = c.id and m.lead and m.ags = c.lead_ags) <> 1`,
    );
    expect(shape?.bad).toBe(0);
  });

  it("chains each municipality's concepts as Fortschreibungen, and the events of a concept are its own municipality's", async () => {
    const [wrong] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from status_events e join concepts c on c.id = e.concept_id where c.lead_ags <> e.ags`,
    );
    expect(wrong?.n).toBe(0);
    const [chained] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from concepts c join concepts p on p.id = c.updates_id where p.lead_ags = c.lead_ags and p.id < c.id`,
    );
    expect(chained?.n).toBe(await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from concepts where updates_id is not null`).then((r) => r[0]?.n));
  });

  it("leaves every statistic and export as it was", async () => {
    // A new app instance: nothing of the first one's read cache answers.
    const fresh = await buildApp({ database: t.database, clock: fixedClock });
    try {
      const after = await figures(fresh, headers);
      for (const url of FIGURES) expect(after[url], url).toBe(before[url]);
    } finally {
      await fresh.close();
    }
  });

  it("links nothing twice when the statements run again", async () => {
    const concepts = await count(t, "concepts");
    await linkHistoryToConcepts(t.database.db);
    expect(await count(t, "concepts")).toBe(concepts);
  });
});
