import type { MunicipalityListQuery, MunicipalitySort } from "@insek/contracts";
import { type Db, schema } from "@insek/db";
import { foldForSearch } from "@insek/refdata";
import { type SQL, and, asc, desc, eq, sql } from "drizzle-orm";
import { existsOn } from "../registry/validity.js";

const { districts, municipalities: m } = schema;

const columns = {
  ags: m.ags,
  name: m.name,
  displayName: m.displayName,
  type: m.type,
  districtKey: m.districtKey,
  districtName: districts.name,
  population: m.population,
  populationDate: m.populationDate,
  areaKm2: sql<number | null>`(${m.areaHa} / 100.0)::float8`,
  validFrom: m.validFrom,
  validTo: m.validTo,
  successorAgs: m.successorAgs,
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `q` matches an AGS prefix when it is all digits, otherwise any folded name variant. */
function searchCondition(q: string): SQL | undefined {
  const trimmed = q.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return sql`${m.ags} like ${`${escapeLike(trimmed)}%`}`;
  const folded = foldForSearch(trimmed);
  return sql`${m.searchText} like ${`%${escapeLike(folded)}%`}`;
}

const ORDER: Record<MunicipalitySort, SQL[]> = {
  name: [asc(m.sortKey), asc(m.ags)],
  "-name": [desc(m.sortKey), asc(m.ags)],
  ags: [asc(m.ags)],
  "-ags": [desc(m.ags)],
  population: [sql`${m.population} asc nulls last`, asc(m.ags)],
  "-population": [sql`${m.population} desc nulls last`, asc(m.ags)],
  area: [sql`${m.areaHa} asc nulls last`, asc(m.ags)],
  "-area": [sql`${m.areaHa} desc nulls last`, asc(m.ags)],
  district: [asc(districts.name), asc(m.sortKey)],
  "-district": [desc(districts.name), asc(m.sortKey)],
};

export async function listMunicipalities(db: Db, query: MunicipalityListQuery & { asOf: string }) {
  const conditions = [
    existsOn(query.asOf),
    query.district ? eq(m.districtKey, query.district) : undefined,
    query.type ? eq(m.type, query.type) : undefined,
    query.q ? searchCondition(query.q) : undefined,
  ].filter((c): c is SQL => c !== undefined);

  const rows = await db
    .select({ ...columns, total: sql<number>`count(*) over ()::int` })
    .from(m)
    .innerJoin(districts, eq(districts.key, m.districtKey))
    .where(and(...conditions))
    .orderBy(...ORDER[query.sort])
    .limit(query.limit)
    .offset(query.offset);

  if (rows.length === 0 && query.offset > 0) {
    // Past the last page: the window count is gone with the rows, so count separately.
    const [counted] = await db
      .select({ total: sql<number>`count(*)::int` })
      .from(m)
      .where(and(...conditions));
    return { items: [], total: counted?.total ?? 0 };
  }
  return {
    items: rows.map(({ total: _total, ...item }) => item),
    total: rows[0]?.total ?? 0,
  };
}

export async function findMunicipality(db: Db, ags: string) {
  const [row] = await db
    .select(columns)
    .from(m)
    .innerJoin(districts, eq(districts.key, m.districtKey))
    .where(eq(m.ags, ags));
  if (!row) return undefined;
  const predecessors = await db
    .select({ ags: m.ags, name: m.name, validTo: m.validTo })
    .from(m)
    .where(eq(m.successorAgs, ags))
    .orderBy(asc(m.ags));
  return { ...row, predecessors };
}
