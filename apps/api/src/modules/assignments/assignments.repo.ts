import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, and, asc, eq, gt, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";

const { users, municipalities, advisorAssignments } = schema;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PersonRow {
  id: string;
  email: string;
  display_name: string;
  role: string;
  disabled: boolean;
}

/** An account by e-mail or id (as query parameters name people), whatever its role. */
export async function findPerson(db: Db, ref: string): Promise<PersonRow | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email, display_name: users.displayName, role: users.role, disabled: sql<boolean>`${users.disabledAt} is not null` })
    .from(users)
    .where(UUID.test(ref) ? eq(users.id, ref.toLowerCase()) : eq(users.email, ref.toLowerCase()));
  return row;
}

/** Serialises assignment writes for one advisor (the overlap check and the insert are then one step). */
export async function lockAdvisor(db: Db, advisorUserId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, advisorUserId)).for("update");
}

export interface MunicipalityRef {
  ags: string;
  name: string;
  district_key: string;
  exists_on: boolean;
}

/** Whether the municipality exists on `date` (valid_to is exclusive). */
function existsOn(date: string): SQL {
  return and(
    or(isNull(municipalities.validFrom), lte(municipalities.validFrom, date)),
    or(isNull(municipalities.validTo), gt(municipalities.validTo, date)),
  ) ?? sql`true`;
}

const municipalityRef = { ags: municipalities.ags, name: municipalities.name, district_key: municipalities.districtKey };

/** The given municipalities, each with whether it exists on `date`. */
export async function municipalitiesByAgs(db: Db, ags: string[], date: string): Promise<MunicipalityRef[]> {
  if (ags.length === 0) return [];
  return db
    .select({ ...municipalityRef, exists_on: sql<boolean>`(${existsOn(date)})` })
    .from(municipalities)
    .where(inArray(municipalities.ags, ags))
    .orderBy(asc(municipalities.ags));
}

/** The municipalities of a district that exist on `date`. */
export async function municipalitiesOfDistrictOn(db: Db, districtKey: string, date: string): Promise<MunicipalityRef[]> {
  return db
    .select({ ...municipalityRef, exists_on: sql<boolean>`true` })
    .from(municipalities)
    .where(and(eq(municipalities.districtKey, districtKey), existsOn(date)))
    .orderBy(asc(municipalities.ags));
}

export interface OverlapRow {
  id: number;
  ags: string;
  valid_from: string;
  valid_to: string | null;
}

/** The advisor's assignments of these municipalities that share a day with [validFrom, validTo). */
export async function overlappingAssignments(
  db: Db,
  advisorUserId: string,
  ags: string[],
  validFrom: string,
  validTo: string | null,
): Promise<OverlapRow[]> {
  if (ags.length === 0) return [];
  return db
    .select({ id: advisorAssignments.id, ags: advisorAssignments.ags, valid_from: advisorAssignments.validFrom, valid_to: advisorAssignments.validTo })
    .from(advisorAssignments)
    .where(
      and(
        eq(advisorAssignments.advisorUserId, advisorUserId),
        inArray(advisorAssignments.ags, ags),
        or(isNull(advisorAssignments.validTo), gt(advisorAssignments.validTo, validFrom)),
        validTo === null ? undefined : lt(advisorAssignments.validFrom, validTo),
      ),
    )
    .orderBy(asc(advisorAssignments.ags), asc(advisorAssignments.validFrom));
}

export async function insertAssignmentRows(
  db: Db,
  advisorUserId: string,
  ags: string[],
  validFrom: string,
  validTo: string | null,
  now: Date,
): Promise<number[]> {
  if (ags.length === 0) return [];
  const rows = await db
    .insert(advisorAssignments)
    .values(ags.map((a) => ({ advisorUserId, ags: a, validFrom, validTo, createdAt: now })))
    .returning({ id: advisorAssignments.id });
  return rows.map((r) => r.id);
}

export interface AssignmentRow {
  id: number;
  advisor_id: string;
  advisor_name: string;
  advisor_email: string;
  ags: string;
  municipality_name: string;
  district_key: string;
  valid_from: string;
  valid_to: string | null;
  active: boolean;
}

export interface AssignmentFilters {
  ids?: number[];
  advisorUserId?: string;
  ags?: string;
  district?: string;
  active?: boolean;
}

function active(today: string): SQL {
  return sql`(a.valid_from <= ${today}::date and (a.valid_to is null or a.valid_to > ${today}::date))`;
}

export async function listAssignmentRows(db: Db, filters: AssignmentFilters, today: string): Promise<AssignmentRow[]> {
  const conditions: SQL[] = [sql`true`];
  if (filters.ids) {
    if (filters.ids.length === 0) return [];
    conditions.push(sql`a.id in (${sql.join(filters.ids.map((id) => sql`${id}`), sql`, `)})`);
  }
  if (filters.advisorUserId) conditions.push(sql`a.advisor_user_id = ${filters.advisorUserId}::uuid`);
  if (filters.ags) conditions.push(sql`a.ags = ${filters.ags}`);
  if (filters.district) conditions.push(sql`m.district_key = ${filters.district}`);
  if (filters.active !== undefined) conditions.push(filters.active ? active(today) : sql`not ${active(today)}`);
  return queryRows<AssignmentRow>(
    db,
    sql`select a.id::int, u.id::text as advisor_id, u.display_name as advisor_name, u.email as advisor_email,
          a.ags::text, m.name as municipality_name, m.district_key::text, a.valid_from::text, a.valid_to::text,
          ${active(today)} as active
        from advisor_assignments a
        join users u on u.id = a.advisor_user_id
        join municipalities m on m.ags = a.ags
        where ${sql.join(conditions, sql` and `)}
        order by u.display_name, u.email, m.sort_key, a.ags, a.valid_from, a.id`,
  );
}

export async function deleteAssignmentRow(db: Db, id: number): Promise<void> {
  await db.delete(advisorAssignments).where(eq(advisorAssignments.id, id));
}

/** The advisors assigned to a municipality on `date` (the municipality page). */
export async function advisorsOf(db: Db, ags: string, date: string): Promise<{ id: string; displayName: string; email: string }[]> {
  return queryRows(
    db,
    sql`select distinct u.id::text as id, u.display_name as "displayName", u.email
        from advisor_assignments a join users u on u.id = a.advisor_user_id
        where a.ags = ${ags} and ${active(date)} and u.disabled_at is null
        order by "displayName", email`,
  );
}

/** Every advisor account, enabled ones first, by name (to choose from when assigning). */
export async function listAdvisors(db: Db): Promise<{ id: string; displayName: string; email: string; active: boolean }[]> {
  return db
    .select({ id: users.id, displayName: users.displayName, email: users.email, active: sql<boolean>`${users.disabledAt} is null` })
    .from(users)
    .where(eq(users.role, "advisor"))
    .orderBy(sql`${users.disabledAt} is not null`, asc(users.displayName), asc(users.email));
}

/** Removes the rows; the ids of those that existed. */
export async function deleteAssignmentRows(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db.delete(advisorAssignments).where(inArray(advisorAssignments.id, ids)).returning({ id: advisorAssignments.id });
  return rows.map((r) => Number(r.id));
}
