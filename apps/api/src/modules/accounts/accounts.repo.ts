import { type Db, schema } from "@insek/db";
import { and, asc, eq, gt, inArray, isNull, lte, or, sql } from "drizzle-orm";

const { users, userMunicipalities, advisorAssignments, municipalities } = schema;

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function insertUser(db: Db, row: NewUserRow): Promise<UserRow> {
  const [created] = await db.insert(users).values(row).returning();
  if (!created) throw new Error("user insert returned nothing");
  return created;
}

export async function updateUser(db: Db, id: string, changes: Partial<NewUserRow>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(changes).where(eq(users.id, id)).returning();
  return row;
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.email));
}

/** The AGS each of the given accounts speaks for. */
export async function municipalitiesOfUsers(db: Db, userIds: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .select()
    .from(userMunicipalities)
    .where(inArray(userMunicipalities.userId, userIds))
    .orderBy(asc(userMunicipalities.ags));
  for (const row of rows) result.set(row.userId, [...(result.get(row.userId) ?? []), row.ags]);
  return result;
}

export async function municipalitiesOfUser(db: Db, userId: string): Promise<string[]> {
  return (await municipalitiesOfUsers(db, [userId])).get(userId) ?? [];
}

export async function replaceMunicipalitiesOfUser(db: Db, userId: string, ags: string[]): Promise<void> {
  await db.delete(userMunicipalities).where(eq(userMunicipalities.userId, userId));
  if (ags.length > 0) await db.insert(userMunicipalities).values(ags.map((a) => ({ userId, ags: a })));
}

/** Of the given AGS, those the registry knows (current or dissolved). */
export async function knownAgs(db: Db, ags: string[]): Promise<Set<string>> {
  if (ags.length === 0) return new Set();
  const rows = await db.select({ ags: municipalities.ags }).from(municipalities).where(inArray(municipalities.ags, ags));
  return new Set(rows.map((r) => r.ags));
}

/** The current municipalities of a district (demo accounts). */
export async function currentAgsOfDistrict(db: Db, districtKey: string): Promise<string[]> {
  const rows = await db
    .select({ ags: municipalities.ags })
    .from(municipalities)
    .where(and(eq(municipalities.districtKey, districtKey), isNull(municipalities.validTo)))
    .orderBy(asc(municipalities.ags));
  return rows.map((r) => r.ags);
}

export interface NewAssignment {
  advisorUserId: string;
  ags: string;
  validFrom: string;
  validTo?: string | null;
}

export async function insertAssignments(db: Db, rows: NewAssignment[]): Promise<void> {
  if (rows.length > 0) await db.insert(advisorAssignments).values(rows);
}

/** Whether the advisor is assigned to the municipality on the date (valid_to is exclusive). */
export async function advisorAssignedOn(db: Db, advisorUserId: string, ags: string, date: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(advisorAssignments)
    .where(
      and(
        eq(advisorAssignments.advisorUserId, advisorUserId),
        eq(advisorAssignments.ags, ags),
        lte(advisorAssignments.validFrom, date),
        or(isNull(advisorAssignments.validTo), gt(advisorAssignments.validTo, date)),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** The AGS an advisor is assigned to on the date. */
export async function agsAssignedOn(db: Db, advisorUserId: string, date: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ ags: advisorAssignments.ags })
    .from(advisorAssignments)
    .where(
      and(
        eq(advisorAssignments.advisorUserId, advisorUserId),
        lte(advisorAssignments.validFrom, date),
        or(isNull(advisorAssignments.validTo), gt(advisorAssignments.validTo, date)),
      ),
    )
    .orderBy(asc(advisorAssignments.ags));
  return rows.map((r) => r.ags);
}
