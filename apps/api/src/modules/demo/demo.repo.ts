import { type Db, queryRows, schema } from "@insek/db";
import { sql } from "drizzle-orm";
import type { Clock } from "../../lib/clock.js";
import { type DemoConceptPlan, planDemoConcepts } from "./demo-concepts.js";
import { type DemoEvent, type DemoMunicipality, generateDemoHistory } from "./demo-history.js";

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

    const municipalities = await queryRows<DemoMunicipality & { displayName: string }>(
      tx,
      sql`select ags, type, population, valid_from::text as "validFrom", valid_to::text as "validTo", display_name as "displayName"
          from municipalities order by ags`,
    );
    if (municipalities.length === 0) return "unchanged";

    const now = clock();
    const events = generateDemoHistory(municipalities, now);
    // The concepts of the history (decision 0027), inserted first: every event carries its concept's id.
    const plans = planDemoConcepts(events, new Map(municipalities.map((m) => [m.ags, m.displayName])));
    const conceptIds = await insertDemoConcepts(tx, plans);
    const conceptOf = new Map<number, number>();
    plans.forEach((plan, p) => {
      for (const i of plan.events) conceptOf.set(i, conceptIds[p] as number);
    });
    const eventIds: number[] = [];
    for (let i = 0; i < events.length; i += CHUNK) {
      const inserted = await tx
        .insert(schema.statusEvents)
        .values(events.slice(i, i + CHUNK).map((e, j) => ({ ...e, recordedVia: "demo" as const, conceptId: conceptOf.get(i + j) ?? null })))
        .returning({ id: schema.statusEvents.id });
      eventIds.push(...inserted.map((r) => r.id));
    }
    await insertDemoResolutions(tx, events, eventIds, conceptOf);
    await insertDemoAreaConcepts(tx, plans, conceptIds, municipalities, now);
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

/** The planned concepts with their members and document links; their ids, in the order of the plans. */
async function insertDemoConcepts(tx: Db, plans: readonly DemoConceptPlan[]): Promise<number[]> {
  if (plans.length === 0) return [];
  const ids = (
    await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('concepts', 'id'))::int as id from generate_series(1, ${plans.length}::int)`)
  ).map((r) => r.id);
  const idOf = new Map(plans.map((plan, i) => [plan.key, ids[i] as number]));
  for (let i = 0; i < plans.length; i += CHUNK) {
    const rows = plans.slice(i, i + CHUNK).map((plan, j) => {
      const updates = plan.updates === null ? null : (idOf.get(plan.updates) ?? null);
      return sql`(${ids[i + j]}::bigint, ${plan.title}, ${plan.kind}, ${plan.scope}, ${plan.lead}::char(8), ${updates}::bigint, ${plan.horizonYear}::int,
        ${"Demodaten: erfunden, wie die ganze Demo-Historie"}, 'demo', ${plan.firstRecordedAt}::timestamptz, ${plan.lastRecordedAt || plan.firstRecordedAt}::timestamptz)`;
    });
    await tx.execute(sql`insert into concepts (id, title, kind, scope, lead_ags, updates_id, horizon_year, note, origin, created_at, updated_at)
      overriding system value values ${sql.join(rows, sql`, `)}`);
  }
  const members = plans.flatMap((plan, i) => plan.members.map((ags, position) => sql`(${ids[i]}::bigint, ${ags}::char(8), ${ags === plan.lead}, ${position}::int)`));
  for (let i = 0; i < members.length; i += CHUNK) {
    await tx.execute(sql`insert into concept_members (concept_id, ags, lead, position) values ${sql.join(members.slice(i, i + CHUNK), sql`, `)}`);
  }
  const documents = plans.flatMap((plan, i) =>
    plan.documentUrl === null ? [] : [sql`(${ids[i]}::bigint, 'concept', ${"Konzept (Demo-Link)"}, ${plan.documentUrl}, ${plan.lastRecordedAt}::timestamptz)`],
  );
  for (let i = 0; i < documents.length; i += CHUNK) {
    await tx.execute(sql`insert into documents (concept_id, kind, title, url, created_at) values ${sql.join(documents.slice(i, i + CHUNK), sql`, `)}`);
  }
  return ids;
}

/** One council resolution per adoption of the history, naming its event. */
async function insertDemoResolutions(tx: Db, events: readonly DemoEvent[], eventIds: readonly number[], conceptOf: ReadonlyMap<number, number>): Promise<void> {
  const rows = events.flatMap((e, i) => {
    const conceptId = conceptOf.get(i);
    if (e.status !== "council_adopted" || conceptId === undefined) return [];
    const body = e.ags.endsWith("000") ? "Stadtrat" : "Stadt- bzw. Gemeinderat";
    return [sql`(${conceptId}::bigint, ${e.ags}::char(8), ${e.councilResolutionDate ?? e.effectiveDate}::date, ${body}, ${eventIds[i]}::bigint, ${e.recordedAt}::timestamptz)`];
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.execute(sql`insert into concept_resolutions (concept_id, ags, date, body, status_event_id, recorded_at) values ${sql.join(rows.slice(i, i + CHUNK), sql`, `)}`);
  }
}

/** Area concepts of the demo: for the largest towns with an adopted concept, an adopted SEKO and a GIHK in drafting under it. */
async function insertDemoAreaConcepts(
  tx: Db,
  plans: readonly DemoConceptPlan[],
  conceptIds: readonly number[],
  municipalities: readonly (DemoMunicipality & { displayName: string })[],
  now: Date,
): Promise<void> {
  const latest = new Map<string, { plan: DemoConceptPlan; id: number }>();
  plans.forEach((plan, i) => {
    if (plan.scope !== "municipal") return;
    const known = latest.get(plan.lead);
    if (!known || plan.firstRecordedAt > known.plan.firstRecordedAt) latest.set(plan.lead, { plan, id: conceptIds[i] as number });
  });
  const towns = municipalities
    .filter((m) => m.validTo === null && latest.get(m.ags)?.plan.adoptedOn != null)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.ags.localeCompare(b.ags))
    .slice(0, 3);
  const today = now.toISOString().slice(0, 10);
  for (const town of towns) {
    const parent = latest.get(town.ags);
    if (!parent?.plan.adoptedOn) continue;
    const adopted = parent.plan.adoptedOn;
    const areaAdopted = `${Math.min(Number(adopted.slice(0, 4)) + 1, Number(today.slice(0, 4)) - 1)}${adopted.slice(4)}`;
    const seko = await insertAreaConcept(tx, parent.id, town.ags, "SEKO", `SEKO ${town.displayName} Innenstadt (Demo)`, parent.plan.lastRecordedAt);
    const sekoOn = areaAdopted < adopted ? adopted : areaAdopted;
    await tx.execute(sql`insert into concept_resolutions (concept_id, ags, date, body, recorded_at)
      values (${seko}::bigint, ${town.ags}::char(8), ${sekoOn}::date, ${"Stadtrat"}, ${parent.plan.lastRecordedAt}::timestamptz)`);
    await tx.execute(sql`insert into concept_participation (concept_id, date, format, note) values
      (${seko}::bigint, ${sekoOn}::date - 90, 'buergerversammlung', ${"Demo: Bürgerversammlung im Fördergebiet"}),
      (${seko}::bigint, ${sekoOn}::date - 60, 'auslegung', null)`);
    await insertAreaConcept(tx, parent.id, town.ags, "GIHK", `GIHK ${town.displayName} (EFRE, Demo)`, parent.plan.lastRecordedAt);
  }
}

async function insertAreaConcept(tx: Db, parentId: number, ags: string, kind: "SEKO" | "GIHK", title: string, at: string): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    tx,
    sql`insert into concepts (title, kind, scope, lead_ags, parent_id, note, origin, created_at, updated_at)
        values (${title}, ${kind}, 'area', ${ags}::char(8), ${parentId}::bigint, ${"Demodaten: erfunden, wie die ganze Demo-Historie"}, 'demo',
          ${at}::timestamptz, ${at}::timestamptz)
        returning id::int as id`,
  );
  const id = row?.id ?? 0;
  await tx.execute(sql`insert into concept_members (concept_id, ags, lead, position) values (${id}::bigint, ${ags}::char(8), true, 0)`);
  return id;
}
