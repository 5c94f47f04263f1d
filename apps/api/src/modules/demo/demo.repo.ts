import { type Db, queryRows, schema } from "@insek/db";
import { asc, eq, sql } from "drizzle-orm";
import type { Clock } from "../../lib/clock.js";
import { type DemoConceptPlan, planDemoConcepts } from "./demo-concepts.js";
import { type DemoEvent, type DemoMunicipality, generateDemoHistory } from "./demo-history.js";
import { insertImage } from "../practice-images/practice-images.repo.js";
import { insertPractice, writeCriteria, writeState } from "../practices/practices.repo.js";
import { DEMO_PRACTICES, demoPracticeImage } from "./demo-practices.js";

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

    const municipalities: (DemoMunicipality & { displayName: string })[] = await tx
      .select({ ags: m.ags, type: m.type, population: m.population, validFrom: m.validFrom, validTo: m.validTo, displayName: m.displayName })
      .from(m)
      .orderBy(asc(m.ags));
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
    await insertDemoPractices(tx, now);
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

const DAY_MS = 86_400_000;

/** The demo's published Praxisbeispiele (decision 0035) with their adopters and drawn pictures. */
async function insertDemoPractices(tx: Db, now: Date): Promise<void> {
  // Drawn side by side (sharp works on libuv's threads), then stored in order.
  await Promise.all(DEMO_PRACTICES.flatMap((plan) => plan.images.map((image) => demoPracticeImage(image))));
  for (const plan of DEMO_PRACTICES) {
    const published = new Date(now.getTime() - plan.publishedDaysAgo * DAY_MS);
    const created = new Date(published.getTime() - 21 * DAY_MS).toISOString();
    const { id } = await insertPractice(
      tx,
      {
        title: `${plan.title} (Demo)`,
        summary: plan.summary,
        descriptionHtml: plan.descriptionHtml,
        ags: plan.ags,
        conceptId: null,
        topics: plan.topics,
        phase: plan.phase,
        periodFrom: plan.periodFrom,
        periodTo: plan.periodTo,
        partners: plan.partners,
        outcome: plan.outcome,
        transferability: plan.transferability,
        contact: { office: plan.office, email: null, phone: null, person: null, consentAt: null, consentBy: null },
        links: [],
        programmeIds: [],
        measureIds: [],
      },
      { at: created, authorId: null, origin: "demo" },
    );
    if (plan.criteria.length > 0) await writeCriteria(tx, id, Object.fromEntries(plan.criteria.map((c) => [c, true])), created);
    await writeState(tx, id, { state: "published", published: true }, published.toISOString());
    if (plan.adopters.length > 0) {
      await tx.insert(schema.practiceAdopters).values(
        plan.adopters.map((a, i) => ({ practiceId: id, ags: a.ags, note: a.note, recordedBy: null, recordedAt: new Date(Math.min(published.getTime() + (i + 1) * 30 * DAY_MS, now.getTime() - DAY_MS)).toISOString() })),
      );
    }
    for (const [position, image] of plan.images.entries()) {
      const processed = await demoPracticeImage(image);
      const size = (name: "small" | "medium" | "large") => {
        const found = processed.sizes.find((s) => s.size === name);
        if (!found) throw new Error(`demo image without a ${name} size`);
        return { content: found.content, width: found.width, height: found.height };
      };
      await insertImage(tx, {
        practiceId: id,
        alt: image.alt,
        position: position + 1,
        contentType: "image/webp",
        sizes: { small: size("small"), medium: size("medium"), large: size("large") },
        createdBy: null,
        createdAt: created,
      });
    }
  }
}
