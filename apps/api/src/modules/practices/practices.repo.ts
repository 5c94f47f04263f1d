import { SIZE_CLASSES, type PracticeCriterion, type PracticePhase, type PracticeRevisionState, type PracticeState, type PracticeTopic, type Rules } from "@insek/contracts";
import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, and, asc, eq, inArray, sql } from "drizzle-orm";
import { recordsOn } from "../records/records.sql.js";

/*
 * The SQL of Praxisbeispiele (decision 0033): entries, their municipalities, topics, adopters, images (metadata
 * only here) and the revision under way of a published entry.
 */

const { practices, practiceMunicipalities, practiceTopics, practiceAdopters, practiceImages, practiceRevisions, practiceProgrammes, practiceMeasures } = schema;

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The contact as stored (the consent's time and account with a person's name). */
export interface StoredContact {
  office: string;
  email: string | null;
  phone: string | null;
  person: string | null;
  consentAt: string | null;
  consentBy: string | null;
}

/** The content of an entry: what authors write and a revision replaces whole. */
export interface PracticeContent {
  title: string;
  summary: string;
  descriptionHtml: string;
  ags: string[];
  conceptId: number | null;
  topics: PracticeTopic[];
  phase: PracticePhase;
  periodFrom: string | null;
  periodTo: string | null;
  partners: string | null;
  outcome: string | null;
  transferability: string | null;
  contact: StoredContact | null;
  links: { url: string; label: string | null }[];
  programmeIds: string[];
  measureIds: number[];
}

export interface PracticeRow {
  id: number;
  title: string;
  summary: string;
  description_html: string;
  phase: PracticePhase;
  period_from: string | null;
  period_to: string | null;
  partners: string | null;
  outcome: string | null;
  transferability: string | null;
  contact_office: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  contact_person: string | null;
  contact_consent_at: string | null;
  contact_consent_by: string | null;
  links: { url: string; label: string | null }[];
  innovative: boolean;
  exemplary: boolean;
  cooperative: boolean;
  state: PracticeState;
  return_comment: string | null;
  concept_id: number | null;
  author_id: string | null;
  author_name: string | null;
  author_email: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  last_published_at: string | null;
  ags: string[];
  topics: PracticeTopic[];
  programme_ids: string[];
  measure_ids: number[];
  adopter_count: number;
  image_id: number | null;
  revision_state: PracticeRevisionState | null;
}

const rowColumns = sql`p.id::int as id, p.title, p.summary, p.description_html, p.phase, p.period_from::text as period_from,
  p.period_to::text as period_to, p.partners, p.outcome, p.transferability, p.contact_office, p.contact_email, p.contact_phone,
  p.contact_person, ${iso(sql`p.contact_consent_at`)} as contact_consent_at, p.contact_consent_by::text as contact_consent_by, p.links,
  p.innovative, p.exemplary, p.cooperative, p.state, p.return_comment, p.concept_id::int as concept_id, p.author_id::text as author_id,
  u.display_name as author_name, u.email as author_email, p.version,
  ${iso(sql`p.created_at`)} as created_at, ${iso(sql`p.updated_at`)} as updated_at,
  ${iso(sql`p.published_at`)} as published_at, ${iso(sql`p.last_published_at`)} as last_published_at,
  coalesce((select array_agg(pm.ags::text order by pm.position) from practice_municipalities pm where pm.practice_id = p.id), '{}') as ags,
  coalesce((select array_agg(pt.topic order by pt.topic) from practice_topics pt where pt.practice_id = p.id), '{}') as topics,
  coalesce((select array_agg(pp.programme_id order by pp.programme_id) from practice_programmes pp where pp.practice_id = p.id), '{}') as programme_ids,
  coalesce((select array_agg(pme.measure_id::int order by pme.measure_id) from practice_measures pme where pme.practice_id = p.id), '{}') as measure_ids,
  (select count(*)::int from practice_adopters pa where pa.practice_id = p.id) as adopter_count,
  (select pi.id::int from practice_images pi where pi.practice_id = p.id order by pi.position, pi.id limit 1) as image_id,
  (select r.state from practice_revisions r where r.practice_id = p.id) as revision_state`;

const fromPractices = sql`from practices p left join users u on u.id = p.author_id`;

/** Who reads: the public (published only), an owner (published, and their own in any state), or an editor (all). */
export type PracticeVisibility = { kind: "public" } | { kind: "owner"; userId: string; ags: readonly string[] } | { kind: "all" };

function visibleTo(visibility: PracticeVisibility): SQL {
  if (visibility.kind === "all") return sql`true`;
  if (visibility.kind === "public") return sql`p.state = 'published'`;
  const own = visibility.ags.length
    ? sql` or exists (select 1 from practice_municipalities pm where pm.practice_id = p.id and pm.ags = any(${sql.param([...visibility.ags])}::char(8)[]))`
    : sql``;
  return sql`(p.state = 'published' or p.author_id = ${visibility.userId}::uuid${own})`;
}

export interface PracticeFilters {
  q?: string | undefined;
  topic?: PracticeTopic | undefined;
  district?: string | undefined;
  phase?: PracticePhase | undefined;
  criteria?: PracticeCriterion | undefined;
  ags?: string | undefined;
  state?: PracticeState | undefined;
  sizeClass?: string | undefined;
  adopted?: boolean | undefined;
  /** Only the entries of this author or about these municipalities ("Meine Entwürfe"). */
  ownedBy?: { userId: string | null; ags: readonly string[] } | undefined;
}

function whereOf(filters: PracticeFilters, visibility: PracticeVisibility): SQL {
  const parts: SQL[] = [visibleTo(visibility)];
  if (filters.state) parts.push(sql`p.state = ${filters.state}`);
  if (filters.ownedBy) {
    const { userId, ags } = filters.ownedBy;
    const byAuthor = userId === null ? sql`false` : sql`p.author_id = ${userId}::uuid`;
    const byMunicipality = ags.length
      ? sql` or exists (select 1 from practice_municipalities pm where pm.practice_id = p.id and pm.ags = any(${sql.param([...ags])}::char(8)[]))`
      : sql``;
    parts.push(sql`(${byAuthor}${byMunicipality})`);
  }
  if (filters.topic) parts.push(sql`exists (select 1 from practice_topics pt where pt.practice_id = p.id and pt.topic = ${filters.topic})`);
  if (filters.phase) parts.push(sql`p.phase = ${filters.phase}`);
  if (filters.criteria) parts.push(sql`p.${sql.identifier(filters.criteria)}`);
  if (filters.ags) parts.push(sql`exists (select 1 from practice_municipalities pm where pm.practice_id = p.id and pm.ags = ${filters.ags})`);
  if (filters.district) {
    parts.push(sql`exists (select 1 from practice_municipalities pm join municipalities m on m.ags = pm.ags
      where pm.practice_id = p.id and m.district_key = ${filters.district})`);
  }
  if (filters.sizeClass) {
    const size = SIZE_CLASSES.find((c) => c.key === filters.sizeClass);
    if (!size) throw new Error(`unknown size class ${filters.sizeClass}`);
    const population = size.max === null ? sql`m.population >= ${size.min}` : sql`m.population >= ${size.min} and m.population < ${size.max}`;
    parts.push(sql`exists (select 1 from practice_municipalities pm join municipalities m on m.ags = pm.ags
      where pm.practice_id = p.id and ${population})`);
  }
  if (filters.adopted !== undefined) {
    parts.push(sql`${filters.adopted ? sql`` : sql`not `}exists (select 1 from practice_adopters pa where pa.practice_id = p.id)`);
  }
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(p.title ilike ${pattern} or p.summary ilike ${pattern} or p.description_html ilike ${pattern}
      or exists (select 1 from practice_municipalities pm join municipalities m on m.ags = pm.ags where pm.practice_id = p.id and m.name ilike ${pattern}))`);
  }
  return sql.join(parts, sql` and `);
}

/** Newest published first, then the newest changed (drafts have no publication date). */
const ORDER = sql`order by p.published_at desc nulls last, p.updated_at desc, p.id desc`;

export async function listPracticeRows(db: Db, filters: PracticeFilters, visibility: PracticeVisibility, page: { limit: number; offset: number } | null) {
  const where = whereOf(filters, visibility);
  const paging = page ? sql`limit ${page.limit} offset ${page.offset}` : sql``;
  const rows = await queryRows<PracticeRow>(db, sql`select ${rowColumns} ${fromPractices} where ${where} ${ORDER} ${paging}`);
  const [count] = await queryRows<{ total: number }>(db, sql`select count(*)::int as total from practices p where ${where}`);
  return { rows, total: count?.total ?? 0 };
}

export async function practiceRow(db: Db, id: number): Promise<PracticeRow | undefined> {
  const [row] = await queryRows<PracticeRow>(db, sql`select ${rowColumns} ${fromPractices} where p.id = ${id}`);
  return row;
}

/** Locks the entry for a change (until the transaction ends). */
export async function lockPractice(db: Db, id: number): Promise<{ version: number } | undefined> {
  const [row] = await queryRows<{ version: number }>(db, sql`select version from practices where id = ${id} for update`);
  return row;
}

/** The columns of the content (the entry's row). */
function contentColumns(content: PracticeContent) {
  return {
    title: content.title,
    summary: content.summary,
    descriptionHtml: content.descriptionHtml,
    phase: content.phase,
    periodFrom: content.periodFrom,
    periodTo: content.periodTo,
    partners: content.partners,
    outcome: content.outcome,
    transferability: content.transferability,
    contactOffice: content.contact?.office ?? null,
    contactEmail: content.contact?.email ?? null,
    contactPhone: content.contact?.phone ?? null,
    contactPerson: content.contact?.person ?? null,
    contactConsentAt: content.contact?.person ? content.contact.consentAt : null,
    contactConsentBy: content.contact?.person ? content.contact.consentBy : null,
    links: content.links,
    conceptId: content.conceptId,
  };
}

export async function insertPractice(
  db: Db,
  content: PracticeContent,
  meta: { at: string; authorId: string | null; origin?: "recorded" | "demo" },
): Promise<{ id: number; version: number }> {
  const [row] = await db
    .insert(practices)
    .values({ ...contentColumns(content), state: "draft", origin: meta.origin ?? "recorded", authorId: meta.authorId, createdAt: meta.at, updatedAt: meta.at })
    .returning({ id: practices.id, version: practices.version });
  if (!row) throw new Error("insert returned no row");
  await replaceLists(db, row.id, content);
  return row;
}

/** The entry's municipalities and topics as the content names them. */
async function replaceLists(db: Db, id: number, content: PracticeContent): Promise<void> {
  await db.delete(practiceMunicipalities).where(eq(practiceMunicipalities.practiceId, id));
  await db.insert(practiceMunicipalities).values(content.ags.map((ags, position) => ({ practiceId: id, ags, position })));
  await db.delete(practiceTopics).where(eq(practiceTopics.practiceId, id));
  await db.insert(practiceTopics).values(content.topics.map((topic) => ({ practiceId: id, topic })));
  await db.delete(practiceProgrammes).where(eq(practiceProgrammes.practiceId, id));
  if (content.programmeIds.length > 0) await db.insert(practiceProgrammes).values(content.programmeIds.map((programmeId) => ({ practiceId: id, programmeId })));
  await db.delete(practiceMeasures).where(eq(practiceMeasures.practiceId, id));
  if (content.measureIds.length > 0) await db.insert(practiceMeasures).values(content.measureIds.map((measureId) => ({ practiceId: id, measureId })));
}

/** Writes the content into the entry itself (a draft's change, or a revision being published); the version moves on. */
export async function writeContent(db: Db, id: number, content: PracticeContent, at: string): Promise<void> {
  await db
    .update(practices)
    .set({ ...contentColumns(content), version: sql`${practices.version} + 1`, updatedAt: at })
    .where(eq(practices.id, id));
  await replaceLists(db, id, content);
}

export async function writeCriteria(db: Db, id: number, criteria: Partial<Record<PracticeCriterion, boolean>>, at: string): Promise<void> {
  await db
    .update(practices)
    .set({ ...criteria, version: sql`${practices.version} + 1`, updatedAt: at })
    .where(eq(practices.id, id));
}

/** A workflow step on the entry: its state (and what goes with it); the version moves on. */
export async function writeState(
  db: Db,
  id: number,
  change: { state: PracticeState; returnComment?: string | null; published?: boolean },
  at: string,
): Promise<void> {
  await db
    .update(practices)
    .set({
      state: change.state,
      ...(change.returnComment !== undefined ? { returnComment: change.returnComment } : {}),
      ...(change.published ? { publishedAt: sql`coalesce(${practices.publishedAt}, ${at}::timestamptz)`, lastPublishedAt: at } : {}),
      version: sql`${practices.version} + 1`,
      updatedAt: at,
    })
    .where(eq(practices.id, id));
}

/** A change that is not the entry's own row (its revision): the version moves on all the same. */
export async function touchPractice(db: Db, id: number, at: string): Promise<void> {
  await db
    .update(practices)
    .set({ version: sql`${practices.version} + 1`, updatedAt: at })
    .where(eq(practices.id, id));
}

export async function versionOf(db: Db, id: number): Promise<number> {
  const [row] = await db.select({ version: practices.version }).from(practices).where(eq(practices.id, id));
  if (!row) throw new Error(`practice ${id} vanished`);
  return row.version;
}

// Revisions of published entries

export interface RevisionRow {
  state: PracticeRevisionState;
  content: PracticeContent;
  returnComment: string | null;
  updatedAt: string;
}

export async function revisionOf(db: Db, practiceId: number): Promise<RevisionRow | undefined> {
  const [row] = await db
    .select({ state: practiceRevisions.state, content: practiceRevisions.content, returnComment: practiceRevisions.returnComment, updatedAt: practiceRevisions.updatedAt })
    .from(practiceRevisions)
    .where(eq(practiceRevisions.practiceId, practiceId));
  return row ? { ...row, content: row.content as PracticeContent, updatedAt: new Date(row.updatedAt).toISOString() } : undefined;
}

export async function writeRevision(
  db: Db,
  practiceId: number,
  change: { content?: PracticeContent; state?: PracticeRevisionState; returnComment?: string | null },
  meta: { at: string; by: string },
): Promise<void> {
  const existing = await revisionOf(db, practiceId);
  if (!existing) {
    if (!change.content) throw new Error("a new revision needs its content");
    await db.insert(practiceRevisions).values({
      practiceId,
      content: change.content,
      state: change.state ?? "draft",
      returnComment: change.returnComment ?? null,
      createdBy: meta.by,
      createdAt: meta.at,
      updatedAt: meta.at,
    });
    return;
  }
  await db
    .update(practiceRevisions)
    .set({
      ...(change.content ? { content: change.content } : {}),
      ...(change.state ? { state: change.state } : {}),
      ...(change.returnComment !== undefined ? { returnComment: change.returnComment } : {}),
      updatedAt: meta.at,
    })
    .where(eq(practiceRevisions.practiceId, practiceId));
}

export async function deleteRevision(db: Db, practiceId: number): Promise<void> {
  await db.delete(practiceRevisions).where(eq(practiceRevisions.practiceId, practiceId));
}

// Adopters

export interface AdopterRow {
  practice_id: number;
  ags: string;
  name: string;
  note: string | null;
  recorded_at: string;
}

export async function adoptersOf(db: Db, practiceIds: readonly number[]): Promise<AdopterRow[]> {
  if (practiceIds.length === 0) return [];
  return queryRows<AdopterRow>(
    db,
    sql`select a.practice_id::int as practice_id, a.ags::text as ags, m.name, a.note, ${iso(sql`a.recorded_at`)} as recorded_at
        from practice_adopters a join municipalities m on m.ags = a.ags
        where a.practice_id = any(${sql.param(practiceIds.map(Number))}::bigint[])
        order by a.recorded_at, a.ags`,
  );
}

/** Inserts the adopter; false when the municipality is recorded already. */
export async function insertAdopter(db: Db, row: { practiceId: number; ags: string; note: string | null; recordedBy: string; at: string }): Promise<boolean> {
  const inserted = await db
    .insert(practiceAdopters)
    .values({ practiceId: row.practiceId, ags: row.ags, note: row.note, recordedBy: row.recordedBy, recordedAt: row.at })
    .onConflictDoNothing()
    .returning({ ags: practiceAdopters.ags });
  return inserted.length > 0;
}

// Images (metadata; the bytes are served by the images routes)

export interface ImageMetaRow {
  id: number;
  practiceId: number;
  alt: string;
  position: number;
  contentType: string;
  smallWidth: number;
  smallHeight: number;
  mediumWidth: number;
  mediumHeight: number;
  largeWidth: number;
  largeHeight: number;
  createdAt: string;
}

export async function imagesOf(db: Db, practiceIds: readonly number[]): Promise<ImageMetaRow[]> {
  if (practiceIds.length === 0) return [];
  const rows = await db
    .select({
      id: practiceImages.id,
      practiceId: practiceImages.practiceId,
      alt: practiceImages.alt,
      position: practiceImages.position,
      contentType: practiceImages.contentType,
      smallWidth: practiceImages.smallWidth,
      smallHeight: practiceImages.smallHeight,
      mediumWidth: practiceImages.mediumWidth,
      mediumHeight: practiceImages.mediumHeight,
      largeWidth: practiceImages.largeWidth,
      largeHeight: practiceImages.largeHeight,
      createdAt: practiceImages.createdAt,
    })
    .from(practiceImages)
    .where(inArray(practiceImages.practiceId, [...practiceIds]))
    .orderBy(asc(practiceImages.position), asc(practiceImages.id));
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

// Municipalities as an entry names them

export interface PracticeMunicipalityRow {
  ags: string;
  name: string;
  district_key: string;
  district_name: string;
  status: string;
}

/** Name, district and INSEK status today of the municipalities named (also those no longer existing: status `none`). */
export async function municipalityFacts(db: Db, rules: Rules, ags: readonly string[], today: string): Promise<PracticeMunicipalityRow[]> {
  if (ags.length === 0) return [];
  const list = sql.param([...ags]);
  return queryRows<PracticeMunicipalityRow>(
    db,
    sql`select m.ags::text as ags, m.name, m.district_key::text as district_key, d.name as district_name, coalesce(r.status, 'none') as status
        from municipalities m
        join districts d on d.key = m.district_key
        left join (${recordsOn(today, rules, sql`m.ags = any(${list}::char(8)[])`)}) r on r.ags = m.ags
        where m.ags = any(${list}::char(8)[])`,
  );
}

export async function municipalityNames(db: Db, ags: readonly string[]): Promise<Map<string, string>> {
  if (ags.length === 0) return new Map();
  const rows = await db
    .select({ ags: schema.municipalities.ags, name: schema.municipalities.name })
    .from(schema.municipalities)
    .where(inArray(schema.municipalities.ags, [...ags]));
  return new Map(rows.map((r) => [r.ags, r.name]));
}

/** Whether a practice exists (a consultation's link). */
export async function practiceExists(db: Db, id: number): Promise<boolean> {
  const [row] = await db.select({ id: practices.id }).from(practices).where(and(eq(practices.id, id)));
  return row !== undefined;
}

// Funding links (decision 0032's programmes and measures)

export async function knownProgrammes(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: schema.programmes.id }).from(schema.programmes).where(inArray(schema.programmes.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

export async function knownMeasures(db: Db, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db.select({ id: schema.measures.id }).from(schema.measures).where(inArray(schema.measures.id, [...ids]));
  return new Set(rows.map((r) => r.id));
}

/** The programmes and measures named, for the detail (in the order named). */
export async function fundingRefs(db: Db, programmeIds: readonly string[], measureIds: readonly number[]) {
  const [programmeRows, measureRows] = await Promise.all([
    programmeIds.length
      ? db.select({ id: schema.programmes.id, name: schema.programmes.name }).from(schema.programmes).where(inArray(schema.programmes.id, [...programmeIds]))
      : Promise.resolve([]),
    measureIds.length
      ? db
          .select({ id: schema.measures.id, name: schema.measures.name, ags: schema.measures.ags })
          .from(schema.measures)
          .where(inArray(schema.measures.id, [...measureIds]))
      : Promise.resolve([]),
  ]);
  return {
    programmes: programmeIds.flatMap((id) => programmeRows.filter((r) => r.id === id)),
    measures: measureIds.flatMap((id) => measureRows.filter((r) => r.id === id)),
  };
}
