import { type Db, schema } from "@insek/db";
import { asc, eq, sql } from "drizzle-orm";
import { existsOn } from "../registry/validity.sql.js";

const { districts, municipalities } = schema;

export async function districtExists(db: Db, key: string): Promise<boolean> {
  const rows = await db.select({ key: districts.key }).from(districts).where(eq(districts.key, key));
  return rows.length > 0;
}

export async function listDistricts(db: Db, asOf: string) {
  return db
    .select({
      key: districts.key,
      name: districts.name,
      type: districts.type,
      municipalityCount: sql<number>`count(${municipalities.ags})::int`,
      population: sql<number>`coalesce(sum(${municipalities.population}), 0)::int`,
    })
    .from(districts)
    .leftJoin(municipalities, sql`${eq(municipalities.districtKey, districts.key)} and ${existsOn(asOf)}`)
    .groupBy(districts.key)
    .orderBy(asc(districts.key));
}
