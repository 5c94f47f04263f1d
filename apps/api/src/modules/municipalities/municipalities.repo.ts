import type { MunicipalityListQuery, MunicipalitySort, Rules } from "@insek/contracts";
import { type Db, queryPrepared, queryRows, schema } from "@insek/db";
import { foldForSearch } from "@insek/refdata";
import { type SQL, eq, sql } from "drizzle-orm";
import { type RecordRow, type RegistryColumn, recordsOn } from "../records/records.sql.js";
import { toInsekRecord } from "../records/record.js";
import { advisorsOf } from "../assignments/assignments.repo.js";
import { associationOf, membersOn } from "../associations/associations.repo.js";
import { municipalityConcepts, townWideConceptsOf } from "../concepts/concepts.repo.js";

export async function municipalityExists(db: Db, ags: string): Promise<boolean> {
  const rows = await db.select({ ags: schema.municipalities.ags }).from(schema.municipalities).where(eq(schema.municipalities.ags, ags));
  return rows.length > 0;
}

interface RegistryRow {
  population_date: string | null;
  area_km2: number | null;
  valid_from: string | null;
  valid_to: string | null;
  successor_ags: string | null;
  district_name: string;
}

type Row = RecordRow & RegistryRow & { total?: number };

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** `q` matches an AGS prefix when it is all digits, otherwise any folded name variant. */
function searchCondition(q: string): SQL | undefined {
  const trimmed = q.trim();
  if (trimmed === "") return undefined;
  if (/^\d+$/.test(trimmed)) return sql`m.ags like ${`${escapeLike(trimmed)}%`}`;
  return sql`m.search_text like ${`%${escapeLike(foldForSearch(trimmed))}%`}`;
}

const ORDER: Record<MunicipalitySort, SQL> = {
  name: sql`r.sort_key asc, r.ags asc`,
  "-name": sql`r.sort_key desc, r.ags asc`,
  ags: sql`r.ags asc`,
  "-ags": sql`r.ags desc`,
  population: sql`r.population asc nulls last, r.ags asc`,
  "-population": sql`r.population desc nulls last, r.ags asc`,
  area: sql`r.area_ha asc nulls last, r.ags asc`,
  "-area": sql`r.area_ha desc nulls last, r.ags asc`,
  district: sql`r.district_name asc, r.sort_key asc`,
  "-district": sql`r.district_name desc, r.sort_key asc`,
};

function and(conditions: (SQL | undefined)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length === 0 ? sql`true` : sql.join(present, sql` and `);
}

/** The registry columns the list needs beyond the record's, passed through `recordsOn` (no join back to `municipalities`). */
const REGISTRY: readonly RegistryColumn[] = [
  "sort_key", "area_ha", "population_date", "valid_from", "valid_to", "successor_ags", "district_name",
];

/** The record columns of `r` (a `recordsOn` with REGISTRY) and the registry columns in the list's form. */
const rowColumns = sql`r.ags, r.name, r.display_name, r.type, r.district_key, r.population, r.status, r.concept_kind,
  r.status_since, r.source, r.document_url, r.horizon_year, r.council_resolution_date, r.current_until, r.current,
  r.expiring, r.stale, r.last_activity_at, r.last_confirmed_at, r.version,
  r.population_date::text as population_date, (r.area_ha / 100.0)::float8 as area_km2,
  r.valid_from::text as valid_from, r.valid_to::text as valid_to, r.successor_ags, r.district_name`;

function toMunicipality(row: Row) {
  return {
    ags: row.ags,
    name: row.name,
    displayName: row.display_name,
    type: row.type as "kreisfreie_stadt" | "grosse_kreisstadt" | "stadt" | "gemeinde",
    districtKey: row.district_key,
    districtName: row.district_name,
    population: row.population,
    populationDate: row.population_date,
    areaKm2: row.area_km2,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    successorAgs: row.successor_ags,
    record: toInsekRecord(row),
  };
}

/** The list filters of GET /api/municipalities and of the exports: everything but paging. */
export type MunicipalityFilters = Omit<MunicipalityListQuery, "limit" | "offset"> & { asOf: string };

function registryFilter(filters: MunicipalityFilters): SQL {
  return and([
    filters.district ? sql`m.district_key = ${filters.district}` : undefined,
    filters.association ? sql`m.ags in (${membersOn(filters.association, filters.asOf)})` : undefined,
    filters.type ? sql`m.type = ${filters.type}` : undefined,
    filters.q ? searchCondition(filters.q) : undefined,
  ]);
}

function recordFilter(filters: MunicipalityFilters): SQL {
  return and([
    filters.status ? sql`r.status = ${filters.status}` : undefined,
    filters.current !== undefined ? sql`r.current = ${filters.current}` : undefined,
    filters.expiring !== undefined ? sql`r.expiring = ${filters.expiring}` : undefined,
    filters.stale !== undefined ? sql`r.stale = ${filters.stale}` : undefined,
  ]);
}

/**
 * Municipalities that exist on `asOf` with their records and REGISTRY columns (r), filtered. The district
 * name comes through `recordsOn` too: joined to the filtered records, the planner (which cannot estimate
 * how many a status or stale filter keeps) rescanned them once per district.
 */
function matchingFrom(rules: Rules, filters: MunicipalityFilters): SQL {
  return sql`(${recordsOn(filters.asOf, rules, registryFilter(filters), REGISTRY)}) r
        where ${recordFilter(filters)}`;
}

/** The matching municipalities as a subquery with columns `ags` and `ord` (1, 2, … in the requested sort). */
export function matchingAgs(rules: Rules, filters: MunicipalityFilters): SQL {
  return sql`select r.ags, row_number() over (order by ${ORDER[filters.sort]})::int as ord from ${matchingFrom(rules, filters)}`;
}

/** The one query behind the list and the exports: matching municipalities with their records, sorted. */
function municipalityRows(db: Db, rules: Rules, filters: MunicipalityFilters, page?: { limit: number; offset: number }) {
  return queryPrepared<Row>(
    db,
    sql`select ${rowColumns}, count(*) over ()::int as total
        from ${matchingFrom(rules, filters)}
        order by ${ORDER[filters.sort]}
        ${page ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`,
  );
}

export async function listMunicipalities(db: Db, rules: Rules, query: MunicipalityListQuery & { asOf: string }) {
  const rows = await municipalityRows(db, rules, query, { limit: query.limit, offset: query.offset });
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.offset > 0) {
    // Past the last page the window count is gone with the rows, so count separately.
    const [counted] = await queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from (${matchingAgs(rules, query)}) x`,
    );
    total = counted?.total ?? 0;
  }
  return { items: await withConcepts(db, rules, rows.map(toMunicipality), query.asOf), total };
}

/** Adds each municipality's town-wide concept (decision 0027), read in one statement. */
async function withConcepts<T extends { ags: string }>(db: Db, rules: Rules, items: T[], asOf: string) {
  const concepts = await townWideConceptsOf(db, rules, items.map((m) => m.ags), asOf);
  return items.map((m) => ({ ...m, concept: concepts.get(m.ags) ?? null }));
}

/** Every matching municipality, unpaged (exports). */
export async function listAllMunicipalities(db: Db, rules: Rules, filters: MunicipalityFilters) {
  return withConcepts(db, rules, (await municipalityRows(db, rules, filters)).map(toMunicipality), filters.asOf);
}

/**
 * One municipality with its record on `asOf`; dissolved ones too (their record on their last day).
 * `advisorsOn`: list the FS INGE advisors assigned to it on that day (signed-in readers); otherwise none.
 */
export async function findMunicipality(db: Db, rules: Rules, ags: string, asOf: string, options: { advisorsOn?: string } = {}) {
  const [registry] = await queryRows<{ valid_from: string | null; valid_to: string | null }>(
    db,
    sql`select valid_from::text, valid_to::text from municipalities where ags = ${ags}`,
  );
  if (!registry) return undefined;
  let on = asOf;
  if (registry.valid_to !== null && registry.valid_to <= asOf) on = dayBefore(registry.valid_to);
  if (registry.valid_from !== null && registry.valid_from > on) on = registry.valid_from;
  const [row] = await queryRows<Row>(
    db,
    sql`select ${rowColumns}
        from (${recordsOn(on, rules, sql`m.ags = ${ags}`, REGISTRY)}) r`,
  );
  if (!row) return undefined;
  const predecessors = await queryRows<{ ags: string; name: string; validTo: string | null }>(
    db,
    sql`select ags, name, valid_to::text as "validTo" from municipalities where successor_ags = ${ags} order by ags`,
  );
  const advisors = options.advisorsOn === undefined ? [] : await advisorsOf(db, ags, options.advisorsOn);
  const association = await associationOf(db, ags, on);
  const concepts = await municipalityConcepts(db, rules, ags, on);
  return { ...toMunicipality(row), version: row.version, predecessors, association, concepts, advisors };
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
