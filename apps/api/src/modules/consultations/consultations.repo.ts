import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, and, asc, count, desc, eq, inArray, isNull, sql } from "drizzle-orm";

const { consultations, consultationMunicipalities, municipalities, users } = schema;

export type ConsultationRow = typeof consultations.$inferSelect;
export type NewConsultationRow = typeof consultations.$inferInsert;

export interface ConsultationFilters {
  ags?: string;
  advisorUserId?: string;
  from?: string;
  to?: string;
  kind?: string;
  district?: string;
  /** Leave out internal consultations (municipality accounts). */
  publicOnly?: boolean;
}

function conditionsOf(filters: ConsultationFilters): SQL | undefined {
  const conditions: (SQL | undefined)[] = [isNull(consultations.deletedAt)];
  if (filters.ags) {
    conditions.push(
      sql`exists (select 1 from ${consultationMunicipalities}
        where ${consultationMunicipalities.consultationId} = ${consultations.id} and ${consultationMunicipalities.ags} = ${filters.ags})`,
    );
  }
  if (filters.district) {
    conditions.push(sql`exists (select 1 from ${consultationMunicipalities}
      join ${municipalities} on ${municipalities.ags} = ${consultationMunicipalities.ags}
      where ${consultationMunicipalities.consultationId} = ${consultations.id} and ${municipalities.districtKey} = ${filters.district})`);
  }
  if (filters.advisorUserId) conditions.push(eq(consultations.advisorUserId, filters.advisorUserId));
  if (filters.from) conditions.push(sql`${consultations.date} >= ${filters.from}::date`);
  if (filters.to) conditions.push(sql`${consultations.date} <= ${filters.to}::date`);
  if (filters.kind) conditions.push(sql`${consultations.kind} = ${filters.kind}`);
  if (filters.publicOnly) conditions.push(eq(consultations.internal, false));
  return and(...conditions);
}

export interface ConsultationWithAdvisor {
  row: ConsultationRow;
  advisor: { id: string; displayName: string; email: string };
}

async function withAdvisors(db: Db, where: SQL | undefined, page?: { limit: number; offset: number }): Promise<ConsultationWithAdvisor[]> {
  const query = db
    .select({ row: consultations, advisor: { id: users.id, displayName: users.displayName, email: users.email } })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.advisorUserId))
    .where(where)
    .orderBy(desc(consultations.date), desc(consultations.id));
  return page ? query.limit(page.limit).offset(page.offset) : query;
}

export async function listConsultationRows(db: Db, filters: ConsultationFilters, page?: { limit: number; offset: number }) {
  const where = conditionsOf(filters);
  const [items, [total]] = await Promise.all([
    withAdvisors(db, where, page),
    db.select({ n: count() }).from(consultations).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** Serialises changes to one consultation (PATCH and withdrawal read it, then write it). */
export async function lockConsultation(db: Db, id: number): Promise<void> {
  await db.select({ id: consultations.id }).from(consultations).where(eq(consultations.id, id)).for("update");
}

/** A consultation that has not been withdrawn. */
export async function findConsultationRow(db: Db, id: number): Promise<ConsultationWithAdvisor | undefined> {
  const [found] = await withAdvisors(db, and(eq(consultations.id, id), isNull(consultations.deletedAt)));
  return found;
}

/** The municipalities of each consultation, sorted by name. */
export async function municipalitiesOf(db: Db, ids: number[]): Promise<Map<number, { ags: string; name: string }[]>> {
  const result = new Map<number, { ags: string; name: string }[]>();
  if (ids.length === 0) return result;
  const rows = await db
    .select({ consultation_id: consultationMunicipalities.consultationId, ags: consultationMunicipalities.ags, name: municipalities.name })
    .from(consultationMunicipalities)
    .innerJoin(municipalities, eq(municipalities.ags, consultationMunicipalities.ags))
    .where(inArray(consultationMunicipalities.consultationId, ids))
    .orderBy(asc(municipalities.sortKey), asc(consultationMunicipalities.ags));
  for (const row of rows) result.set(row.consultation_id, [...(result.get(row.consultation_id) ?? []), { ags: row.ags, name: row.name }]);
  return result;
}

export async function insertConsultationRow(db: Db, row: NewConsultationRow, ags: string[]): Promise<number> {
  const [created] = await db.insert(consultations).values(row).returning({ id: consultations.id });
  if (!created) throw new Error("consultation insert returned nothing");
  await db.insert(consultationMunicipalities).values(ags.map((a) => ({ consultationId: created.id, ags: a })));
  return created.id;
}

export async function updateConsultationRow(db: Db, id: number, changes: Partial<NewConsultationRow>, ags?: string[]): Promise<void> {
  await db.update(consultations).set(changes).where(eq(consultations.id, id));
  if (ags) {
    await db.delete(consultationMunicipalities).where(eq(consultationMunicipalities.consultationId, id));
    await db.insert(consultationMunicipalities).values(ags.map((a) => ({ consultationId: id, ags: a })));
  }
}

/** Of the given AGS, those the registry knows (current or dissolved). */
export async function knownAgsOf(db: Db, ags: string[]): Promise<Set<string>> {
  if (ags.length === 0) return new Set();
  const rows = await db.select({ ags: municipalities.ags }).from(municipalities).where(inArray(municipalities.ags, ags));
  return new Set(rows.map((r) => r.ags));
}

// ---------------------------------------------------------------------------------------------
// Activity statistics: consultations not withdrawn, dated within [from, to] (internal ones included).

const inRange = (from: string, to: string) =>
  sql`c.deleted_at is null and c.date >= ${from}::date and c.date <= ${to}::date`;

export async function statsTotals(db: Db, from: string, to: string) {
  const [row] = await queryRows<{ total: number; reached: number }>(
    db,
    sql`select (select count(*)::int from consultations c where ${inRange(from, to)}) as total,
          (select count(distinct x.ags)::int from consultations c join consultation_municipalities x on x.consultation_id = c.id
           where ${inRange(from, to)}) as reached`,
  );
  return { total: row?.total ?? 0, reached: row?.reached ?? 0 };
}

export async function statsPerMonth(db: Db, from: string, to: string) {
  return queryRows<{ month: string; consultations: number; reached: number }>(
    db,
    sql`select to_char(c.date, 'YYYY-MM') as month, count(distinct c.id)::int as consultations,
          count(distinct x.ags)::int as reached
        from consultations c join consultation_municipalities x on x.consultation_id = c.id
        where ${inRange(from, to)}
        group by 1 order by 1`,
  );
}

export async function statsPerKind(db: Db, from: string, to: string) {
  return queryRows<{ kind: string; consultations: number }>(
    db,
    sql`select c.kind, count(*)::int as consultations from consultations c where ${inRange(from, to)} group by 1`,
  );
}

/** Every district, with the consultations that concerned one of its municipalities and how many it reached. */
export async function statsPerDistrict(db: Db, from: string, to: string) {
  return queryRows<{ district_key: string; name: string; consultations: number; reached: number }>(
    db,
    sql`select d.key::text as district_key, d.name,
          count(distinct s.id)::int as consultations, count(distinct s.ags)::int as reached
        from districts d
        left join (
          select c.id, x.ags, m.district_key
          from consultations c
          join consultation_municipalities x on x.consultation_id = c.id
          join municipalities m on m.ags = x.ags
          where ${inRange(from, to)}
        ) s on s.district_key = d.key
        group by d.key, d.name order by d.key`,
  );
}

export async function consultationsInRange(db: Db, from: string, to: string) {
  return withAdvisors(db, and(isNull(consultations.deletedAt), sql`${consultations.date} >= ${from}::date`, sql`${consultations.date} <= ${to}::date`));
}
