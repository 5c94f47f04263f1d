import { type Db, schema } from "@insek/db";
import { desc, eq, sql } from "drizzle-orm";
import { existsOn } from "./validity.js";

const { districts, municipalities, registryImports } = schema;

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
    .onConflictDoUpdate({ target: districts.key, set: { name: sql`excluded.name`, type: sql`excluded.type` } });
}

export async function upsertMunicipalities(db: Db, rows: NewMunicipalityRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insert(municipalities)
      .values(rows.slice(i, i + 500))
      .onConflictDoUpdate({
        target: municipalities.ags,
        set: {
          name: sql`excluded.name`,
          displayName: sql`excluded.display_name`,
          searchText: sql`excluded.search_text`,
          sortKey: sql`excluded.sort_key`,
          type: sql`excluded.type`,
          population: sql`excluded.population`,
          populationDate: sql`excluded.population_date`,
          areaHa: sql`excluded.area_ha`,
          validTo: sql`excluded.valid_to`,
          successorAgs: sql`excluded.successor_ags`,
          dissolutionKind: sql`excluded.dissolution_kind`,
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
