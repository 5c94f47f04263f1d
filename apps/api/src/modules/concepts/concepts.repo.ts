import type {
  ConceptRecordKind,
  ConceptScope,
  DocumentKind,
  MunicipalityConcept,
  ParticipationFormat,
  Rules,
  Status,
  TownWideConcept,
} from "@insek/contracts";
import { type Db, queryRows } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { membersOn } from "../associations/associations.repo.js";
import { conceptStatusOf, isUpdateRecommended, updateRecommendedYearsOf } from "./concept-state.js";

/*
 * The SQL of concepts (decision 0027): concepts, their members, participation, documents and council
 * resolutions. A concept's state (drafting, partly adopted, adopted, replaced) is derived here from its
 * resolutions and from the concepts that update it; nothing of it is stored.
 */

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** One concept with what list and detail derive: counts, latest adoption, the concept updating it. */
export interface ConceptRow {
  id: number;
  title: string;
  kind: ConceptRecordKind;
  scope: ConceptScope;
  lead_ags: string | null;
  parent_id: number | null;
  updates_id: number | null;
  updated_by_id: number | null;
  horizon_year: number | null;
  note: string | null;
  origin: string;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  member_count: number;
  adopted_count: number;
  adopted_at: string | null;
}

const STATUS_OF = sql`case when s.updated_by_id is not null then 'replaced'
  when s.adopted_count > 0 and s.adopted_count >= s.member_count then 'adopted'
  when s.adopted_count > 0 then 'partly_adopted' else 'drafting' end`;

/** The concepts with their derived counts (a subquery aliased `s` by its callers). */
const summary = sql`select c.id::int as id, c.title, c.kind, c.scope, c.lead_ags, c.parent_id::int as parent_id, c.updates_id::int as updates_id,
    (select max(u.id)::int from concepts u where u.updates_id = c.id) as updated_by_id,
    c.horizon_year, c.note, c.origin, c.version, ${iso(sql`c.created_at`)} as created_at, ${iso(sql`c.updated_at`)} as updated_at,
    (select u.display_name from users u where u.id = c.created_by) as created_by,
    (select count(*)::int from concept_members m where m.concept_id = c.id) as member_count,
    (select count(distinct r.ags)::int from concept_resolutions r
       join concept_members m on m.concept_id = r.concept_id and m.ags = r.ags where r.concept_id = c.id) as adopted_count,
    (select max(r.date)::text from concept_resolutions r where r.concept_id = c.id) as adopted_at
  from concepts c`;

export interface ConceptFilters {
  ags?: string | undefined;
  association?: { key: string; on: string } | undefined;
  scope?: ConceptScope | undefined;
  kind?: ConceptRecordKind | undefined;
  status?: string | undefined;
  q?: string | undefined;
}

function whereOf(filters: ConceptFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.ags) parts.push(sql`exists (select 1 from concept_members m where m.concept_id = s.id and m.ags = ${filters.ags})`);
  if (filters.association) {
    parts.push(
      sql`exists (select 1 from concept_members m where m.concept_id = s.id and m.ags in (${membersOn(filters.association.key, filters.association.on)}))`,
    );
  }
  if (filters.scope) parts.push(sql`s.scope = ${filters.scope}`);
  if (filters.kind) parts.push(sql`s.kind = ${filters.kind}`);
  if (filters.status) parts.push(sql`${STATUS_OF} = ${filters.status}`);
  if (filters.q) parts.push(sql`s.title ilike ${`%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  return sql.join(parts, sql` and `);
}

export async function listConceptRows(db: Db, filters: ConceptFilters, page: { limit: number; offset: number }) {
  const where = whereOf(filters);
  const rows = await queryRows<ConceptRow>(
    db,
    sql`select s.* from (${summary}) s where ${where} order by s.title, s.id limit ${page.limit} offset ${page.offset}`,
  );
  const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from (${summary}) s where ${where}`);
  return { rows, total: count?.total ?? 0 };
}

export async function conceptRow(db: Db, id: number): Promise<ConceptRow | undefined> {
  const [row] = await queryRows<ConceptRow>(db, sql`select s.* from (${summary}) s where s.id = ${id}`);
  return row;
}

/** The concepts the municipality is a member of, with its own latest resolution of each. */
export async function conceptRowsOfMunicipality(db: Db, ags: string) {
  return queryRows<ConceptRow & { lead: boolean; own_resolution_date: string | null }>(
    db,
    sql`select s.*, m.lead,
          (select max(r.date)::text from concept_resolutions r where r.concept_id = s.id and r.ags = ${ags}) as own_resolution_date
        from (${summary}) s join concept_members m on m.concept_id = s.id and m.ags = ${ags}
        order by (s.scope = 'area'), s.adopted_at desc nulls first, s.id desc`,
  );
}

/** The concepts a municipality is a member of, as its detail names them (town-wide first, newest adoption first). */
export async function municipalityConcepts(db: Db, rules: Rules, ags: string, today: string): Promise<MunicipalityConcept[]> {
  const rows = await conceptRowsOfMunicipality(db, ags);
  const years = updateRecommendedYearsOf(rules);
  return rows.map((row) => {
    const status = conceptStatusOf(row);
    return {
      id: row.id,
      title: row.title,
      kind: row.kind,
      scope: row.scope,
      status,
      lead: row.lead,
      councilResolutionDate: row.own_resolution_date,
      parentId: row.parent_id,
      updatedById: row.updated_by_id,
      horizonYear: row.horizon_year,
      memberCount: row.member_count,
      adoptedCount: row.adopted_count,
      adoptedAt: row.adopted_at,
      updateRecommended: isUpdateRecommended(row.adopted_at, status, years, today),
    };
  });
}

export interface MemberRow {
  concept_id: number;
  ags: string;
  name: string;
  lead: boolean;
  status: Status;
  council_resolution_date: string | null;
  decision_number: string | null;
}

/**
 * The members of the concepts, in the order given: each with its status as its events that carry the
 * concept say (the latest by effective date that no later event corrects; `none` when none) and its latest
 * resolution of the concept.
 */
export async function membersOf(db: Db, conceptIds: readonly number[]): Promise<MemberRow[]> {
  if (conceptIds.length === 0) return [];
  return queryRows<MemberRow>(
    db,
    sql`select cm.concept_id::int as concept_id, cm.ags, mu.display_name as name, cm.lead,
          coalesce((select e.status from status_events e
             where e.concept_id = cm.concept_id and e.ags = cm.ags and e.type = 'status'
               and not exists (select 1 from status_events x where x.supersedes = e.id)
             order by e.effective_date desc, e.id desc limit 1), 'none') as status,
          r.date::text as council_resolution_date, r.decision_number
        from concept_members cm
        join municipalities mu on mu.ags = cm.ags
        left join lateral (select r.date, r.decision_number from concept_resolutions r
             where r.concept_id = cm.concept_id and r.ags = cm.ags order by r.date desc, r.id desc limit 1) r on true
        where cm.concept_id = any(${sql.param(conceptIds.map(Number))}::bigint[])
        order by cm.concept_id, cm.position`,
  );
}

export async function participationOf(db: Db, conceptId: number) {
  return queryRows<{ date: string; format: ParticipationFormat; note: string | null }>(
    db,
    sql`select date::text as date, format, note from concept_participation where concept_id = ${conceptId} order by date, id`,
  );
}

export interface DocumentRow {
  id: number;
  concept_id: number | null;
  kind: DocumentKind;
  title: string | null;
  file_name: string | null;
  media_type: string | null;
  size: number | null;
  sha256: string | null;
  url: string | null;
  created_at: string;
}

const documentColumns = sql`d.id::int as id, d.concept_id::int as concept_id, d.kind, d.title, d.file_name, d.media_type, d.size, d.sha256, d.url,
  ${iso(sql`d.created_at`)} as created_at`;

export async function documentsOf(db: Db, conceptId: number): Promise<DocumentRow[]> {
  return queryRows<DocumentRow>(db, sql`select ${documentColumns} from documents d where d.concept_id = ${conceptId} order by d.created_at, d.id`);
}

export async function documentRow(db: Db, id: number): Promise<DocumentRow | undefined> {
  const [row] = await queryRows<DocumentRow>(db, sql`select ${documentColumns} from documents d where d.id = ${id}`);
  return row;
}

/** An uploaded document's bytes and what a download needs; undefined for an unknown id or a link. */
export async function documentContent(db: Db, id: number) {
  const [row] = await queryRows<{ file_name: string; media_type: string; sha256: string; content: Buffer | Uint8Array }>(
    db,
    sql`select file_name, media_type, sha256, content from documents where id = ${id} and content is not null`,
  );
  return row ? { fileName: row.file_name, mediaType: row.media_type, sha256: row.sha256, content: Buffer.from(row.content) } : undefined;
}

export interface NewDocument {
  conceptId: number;
  kind: DocumentKind;
  title: string | null;
  file?: { name: string; mediaType: string; sha256: string; content: Buffer };
  url?: string;
  createdBy: string | null;
  createdAt: string;
}

export async function insertDocument(db: Db, doc: NewDocument): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into documents (concept_id, kind, title, file_name, media_type, size, sha256, content, url, created_at, created_by)
        values (${doc.conceptId}, ${doc.kind}, ${doc.title}, ${doc.file?.name ?? null}, ${doc.file?.mediaType ?? null},
          ${doc.file?.content.length ?? null}::int, ${doc.file?.sha256 ?? null}, ${doc.file ? sql`${sql.param(doc.file.content)}::bytea` : sql`null::bytea`},
          ${doc.url ?? null}, ${doc.createdAt}::timestamptz, ${doc.createdBy}::uuid)
        returning id::int as id`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export interface ResolutionRow {
  id: number;
  ags: string;
  name: string;
  date: string;
  decision_number: string | null;
  body: string | null;
  document_id: number | null;
  event_id: number | null;
  recorded_at: string;
}

const resolutionColumns = sql`r.id::int as id, r.ags, mu.display_name as name, r.date::text as date, r.decision_number, r.body, r.document_id::int as document_id,
  r.status_event_id::int as event_id, ${iso(sql`r.recorded_at`)} as recorded_at`;

export async function resolutionsOf(db: Db, conceptId: number): Promise<ResolutionRow[]> {
  return queryRows<ResolutionRow>(
    db,
    sql`select ${resolutionColumns} from concept_resolutions r join municipalities mu on mu.ags = r.ags
        where r.concept_id = ${conceptId} order by r.date, r.id`,
  );
}

export async function insertResolution(
  db: Db,
  row: { conceptId: number; ags: string; date: string; decisionNumber: string | null; body: string | null; documentId: number | null; eventId: number | null; recordedAt: string; recordedBy: string | null },
): Promise<ResolutionRow> {
  const [inserted] = await queryRows<ResolutionRow>(
    db,
    sql`with r as (
          insert into concept_resolutions (concept_id, ags, date, decision_number, body, document_id, status_event_id, recorded_at, recorded_by)
          values (${row.conceptId}, ${row.ags}, ${row.date}::date, ${row.decisionNumber}, ${row.body}, ${row.documentId}::bigint, ${row.eventId}::bigint,
            ${row.recordedAt}::timestamptz, ${row.recordedBy}::uuid)
          returning *
        )
        select ${resolutionColumns} from r join municipalities mu on mu.ags = r.ags`,
  );
  if (!inserted) throw new Error("insert returned no row");
  return inserted;
}

/** The area concepts derived from a concept, with their derived state. */
export async function areaConceptsOf(db: Db, conceptId: number) {
  return queryRows<{ id: number; title: string; kind: ConceptRecordKind; scope: ConceptScope; status: string }>(
    db,
    sql`select s.id, s.title, s.kind, s.scope, ${STATUS_OF} as status from (${summary}) s where s.parent_id = ${conceptId} order by s.title, s.id`,
  );
}

/** The concepts named (parent, updated concept): id, kind, scope, title and members. */
export async function conceptRefs(db: Db, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: number; title: string; kind: ConceptRecordKind; scope: ConceptScope; members: string[] }>(
    db,
    sql`select c.id::int as id, c.title, c.kind, c.scope,
          coalesce((select array_agg(m.ags::text order by m.position) from concept_members m where m.concept_id = c.id), '{}') as members
        from concepts c where c.id = any(${sql.param(ids.map(Number))}::bigint[])`,
  );
}

/** Which of the AGS are known municipalities. */
export async function knownAgs(db: Db, ags: readonly string[]): Promise<Set<string>> {
  if (ags.length === 0) return new Set();
  const rows = await queryRows<{ ags: string }>(db, sql`select ags from municipalities where ags = any(${sql.param([...ags])}::char(8)[])`);
  return new Set(rows.map((r) => r.ags));
}

/** Locks the concept's row for a change (until the transaction ends); its version, or undefined when unknown. */
export async function lockConcept(db: Db, id: number): Promise<{ version: number } | undefined> {
  const [row] = await queryRows<{ version: number }>(db, sql`select version from concepts where id = ${id} for update`);
  return row;
}

export interface ConceptFields {
  title: string;
  kind: ConceptRecordKind;
  scope: ConceptScope;
  leadAgs: string | null;
  parentId: number | null;
  updatesId: number | null;
  horizonYear: number | null;
  note: string | null;
}

export async function insertConcept(db: Db, fields: ConceptFields, meta: { origin: "recorded" | "demo"; at: string; createdBy: string | null }): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into concepts (title, kind, scope, lead_ags, parent_id, updates_id, horizon_year, note, origin, created_at, updated_at, created_by)
        values (${fields.title}, ${fields.kind}, ${fields.scope}, ${fields.leadAgs}, ${fields.parentId}::bigint, ${fields.updatesId}::bigint,
          ${fields.horizonYear}::int, ${fields.note}, ${meta.origin}, ${meta.at}::timestamptz, ${meta.at}::timestamptz, ${meta.createdBy}::uuid)
        returning id::int as id`,
  );
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

export async function updateConceptFields(db: Db, id: number, fields: ConceptFields, at: string): Promise<void> {
  await db.execute(
    sql`update concepts set title = ${fields.title}, kind = ${fields.kind}, scope = ${fields.scope}, lead_ags = ${fields.leadAgs},
          parent_id = ${fields.parentId}::bigint, updates_id = ${fields.updatesId}::bigint, horizon_year = ${fields.horizonYear}::int,
          note = ${fields.note}, version = version + 1, updated_at = ${at}::timestamptz
        where id = ${id}`,
  );
}

/** A change beside the concept's own fields (a document, a resolution): the version moves on. */
export async function touchConcept(db: Db, id: number, at: string): Promise<void> {
  await db.execute(sql`update concepts set version = version + 1, updated_at = ${at}::timestamptz where id = ${id}`);
}

export async function replaceMembers(db: Db, conceptId: number, members: readonly string[], leadAgs: string | null): Promise<void> {
  await db.execute(sql`delete from concept_members where concept_id = ${conceptId}`);
  if (members.length === 0) return;
  const rows = members.map((ags, position) => sql`(${conceptId}::bigint, ${ags}::char(8), ${ags === leadAgs}, ${position}::int)`);
  await db.execute(sql`insert into concept_members (concept_id, ags, lead, position) values ${sql.join(rows, sql`, `)}`);
}

export async function replaceParticipation(
  db: Db,
  conceptId: number,
  items: readonly { date: string; format: ParticipationFormat; note?: string | null | undefined }[],
): Promise<void> {
  await db.execute(sql`delete from concept_participation where concept_id = ${conceptId}`);
  if (items.length === 0) return;
  const rows = items.map((p) => sql`(${conceptId}::bigint, ${p.date}::date, ${p.format}, ${p.note ?? null})`);
  await db.execute(sql`insert into concept_participation (concept_id, date, format, note) values ${sql.join(rows, sql`, `)}`);
}

/** The members that have a council resolution of the concept. */
export async function membersWithResolution(db: Db, conceptId: number): Promise<Set<string>> {
  const rows = await queryRows<{ ags: string }>(db, sql`select distinct ags from concept_resolutions where concept_id = ${conceptId}`);
  return new Set(rows.map((r) => r.ags));
}

/** The area concepts that name the concept as their parent. */
export async function childCount(db: Db, conceptId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from concepts where parent_id = ${conceptId}`);
  return row?.n ?? 0;
}

/**
 * Each named municipality's town-wide concept (list and exports): the newest one it is a member of that no later
 * concept replaces, else the newest; one statement for any number of municipalities.
 */
export async function townWideConceptsOf(db: Db, rules: Rules, ags: readonly string[], today: string): Promise<Map<string, TownWideConcept>> {
  if (ags.length === 0) return new Map();
  const rows = await queryRows<ConceptRow & { ags: string; area_count: number }>(
    db,
    sql`select distinct on (m.ags) m.ags, s.*, (select count(*)::int from concepts a where a.parent_id = s.id) as area_count
        from concept_members m join (${summary}) s on s.id = m.concept_id
        where m.ags = any(${sql.param([...ags])}::char(8)[]) and s.scope in ('municipal', 'joint')
        order by m.ags, (s.updated_by_id is null) desc, s.id desc`,
  );
  const years = updateRecommendedYearsOf(rules);
  return new Map(
    rows.map((row) => {
      const status = conceptStatusOf(row);
      return [
        row.ags,
        {
          id: row.id,
          title: row.title,
          kind: row.kind,
          scope: row.scope,
          status,
          memberCount: row.member_count,
          adoptedCount: row.adopted_count,
          adoptedAt: row.adopted_at,
          updateRecommended: isUpdateRecommended(row.adopted_at, status, years, today),
          areaConceptCount: row.area_count,
        },
      ];
    }),
  );
}
