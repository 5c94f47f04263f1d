import { type Db, excluded, schema } from "@insek/db";
import { desc, eq, sql } from "drizzle-orm";
import { existsOn } from "./validity.sql.js";

const { associationMemberships, associations, districts, municipalities, registryImports } = schema;

export type MunicipalityRow = typeof municipalities.$inferSelect;
export type NewMunicipalityRow = typeof municipalities.$inferInsert;
export type DistrictRow = typeof districts.$inferSelect;

export async function latestImport(db: Db, landKey: string) {
  const [row] = await db
    .select()
    .from(registryImports)
    .where(eq(registryImports.landKey, landKey))
    .orderBy(desc(registryImports.territorialStatus), desc(registryImports.id))
    .limit(1);
  return row;
}

export async function municipalitiesOfLandOn(db: Db, landKey: string, date: string) {
  return db
    .select()
    .from(municipalities)
    .where(sql`left(${municipalities.ags}, 2) = ${landKey} and ${existsOn(date)}`);
}

export async function allAgsOfLand(db: Db, landKey: string) {
  const rows = await db
    .select({ ags: municipalities.ags })
    .from(municipalities)
    .where(sql`left(${municipalities.ags}, 2) = ${landKey}`);
  return new Set(rows.map((r) => r.ags));
}

export async function districtsOfLand(db: Db, landKey: string) {
  return db.select().from(districts).where(sql`left(${districts.key}, 2) = ${landKey}`);
}

export async function upsertDistricts(db: Db, rows: DistrictRow[]) {
  if (rows.length === 0) return;
  await db
    .insert(districts)
    .values(rows)
    .onConflictDoUpdate({ target: districts.key, set: { name: excluded(districts.name), type: excluded(districts.type) } });
}

export async function upsertMunicipalities(db: Db, rows: NewMunicipalityRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(municipalities)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: municipalities.ags,
        set: {
          name: excluded(municipalities.name),
          displayName: excluded(municipalities.displayName),
          searchText: excluded(municipalities.searchText),
          sortKey: excluded(municipalities.sortKey),
          type: excluded(municipalities.type),
          population: excluded(municipalities.population),
          populationDate: excluded(municipalities.populationDate),
          areaHa: excluded(municipalities.areaHa),
          validTo: excluded(municipalities.validTo),
          successorAgs: excluded(municipalities.successorAgs),
          dissolutionKind: excluded(municipalities.dissolutionKind),
          updatedAt: sql`now()`,
        },
      });
  }
}

export async function markDissolved(
  db: Db,
  ags: string,
  change: { validTo: string; successorAgs: string | null; kind: string },
) {
  await db
    .update(municipalities)
    .set({ validTo: change.validTo, successorAgs: change.successorAgs, dissolutionKind: change.kind, updatedAt: sql`now()` })
    .where(eq(municipalities.ags, ags));
}

export async function recordImport(
  db: Db,
  row: { source: string; landKey: string; territorialStatus: string; report: unknown },
) {
  await db.insert(registryImports).values(row);
}

export type NewAssociationRow = typeof associations.$inferInsert;

export async function hasAssociations(db: Db, landKey: string): Promise<boolean> {
  const [row] = await db
    .select({ key: associations.key })
    .from(associations)
    .where(sql`left(${associations.key}, 2) = ${landKey}`)
    .limit(1);
  return row !== undefined;
}

/** The associations of a Land that exist on `date`, each with the members it has on that day. */
export async function associationsOfLandOn(db: Db, landKey: string, date: string) {
  const rows = await db
    .select({ key: associations.key, name: associations.name, ags: associationMemberships.ags })
    .from(associations)
    .leftJoin(
      associationMemberships,
      sql`${associationMemberships.associationKey} = ${associations.key}
        and (${associationMemberships.validFrom} is null or ${associationMemberships.validFrom} <= ${date}::date)
        and (${associationMemberships.validTo} is null or ${associationMemberships.validTo} > ${date}::date)`,
    )
    .where(
      sql`left(${associations.key}, 2) = ${landKey}
        and (${associations.validFrom} is null or ${associations.validFrom} <= ${date}::date)
        and (${associations.validTo} is null or ${associations.validTo} > ${date}::date)`,
    );
  const byKey = new Map<string, { key: string; name: string; members: string[] }>();
  for (const row of rows) {
    const entry = byKey.get(row.key) ?? { key: row.key, name: row.name, members: [] };
    if (row.ags !== null) entry.members.push(row.ags);
    byKey.set(row.key, entry);
  }
  return [...byKey.values()];
}

/** Inserts or updates associations; an association in a newer directory is open again (valid_to null). */
export async function upsertAssociations(db: Db, rows: NewAssociationRow[]) {
  if (rows.length === 0) return;
  await db
    .insert(associations)
    .values(rows)
    .onConflictDoUpdate({
      target: associations.key,
      set: {
        name: excluded(associations.name),
        type: excluded(associations.type),
        seat: excluded(associations.seat),
        fulfillingAgs: excluded(associations.fulfillingAgs),
        validTo: excluded(associations.validTo),
        updatedAt: sql`now()`,
      },
    });
}

export async function markAssociationDissolved(db: Db, key: string, validTo: string) {
  await db.update(associations).set({ validTo, updatedAt: sql`now()` }).where(eq(associations.key, key));
}

/** Closes a municipality's open membership of an association on `validTo` (the first day without). */
export async function closeMembership(db: Db, key: string, ags: string, validTo: string) {
  await db
    .update(associationMemberships)
    .set({ validTo })
    .where(
      sql`${associationMemberships.associationKey} = ${key} and ${associationMemberships.ags} = ${ags}
        and ${associationMemberships.validTo} is null`,
    );
}

export async function openMemberships(db: Db, rows: { associationKey: string; ags: string; validFrom: string | null }[]) {
  if (rows.length === 0) return;
  await db.insert(associationMemberships).values(rows);
}
