import { type Db, excluded, queryRows, schema } from "@insek/db";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { MeasureState } from "@insek/contracts";

const { measures, measureAmounts, programmes, municipalities: m, districts } = schema;

/** A Saxon municipality that existed at some time in a year (a list names the municipalities of its year). */
export interface YearMunicipalityRow {
  ags: string;
  name: string;
  displayName: string;
  districtName: string;
  population: number | null;
  /** Exists on the year's last day (a name that two municipalities of the year share goes to this one). */
  atYearEnd: boolean;
}

/** The Saxon municipalities existing on any day of `year` (`year` null: today's). */
export async function saxonMunicipalitiesOf(db: Db, year: number | null, today: string): Promise<YearMunicipalityRow[]> {
  const from = year === null ? today : `${year}-01-01`;
  const to = year === null ? today : `${year}-12-31`;
  return db
    .select({
      ags: m.ags,
      name: m.name,
      displayName: m.displayName,
      districtName: districts.name,
      population: m.population,
      atYearEnd: sql<boolean>`(${m.validTo} is null or ${m.validTo} > ${to}::date)`,
    })
    .from(m)
    .innerJoin(districts, eq(districts.key, m.districtKey))
    .where(
      and(
        sql`${m.ags} like '14%'`,
        sql`(${m.validFrom} is null or ${m.validFrom} <= ${to}::date)`,
        sql`(${m.validTo} is null or ${m.validTo} > ${from}::date)`,
      ),
    );
}

/** Whether an AGS is in the registry at all, with its Land's key (the first two digits). */
export async function knownAgs(db: Db, ags: readonly string[]): Promise<Set<string>> {
  if (ags.length === 0) return new Set();
  const rows = await db.select({ ags: m.ags }).from(m).where(inArray(m.ags, [...ags]));
  return new Set(rows.map((r) => r.ags));
}

export interface ProgrammeRow {
  id: string;
  name: string;
  minPopulation: number | null;
  requiresTownWideConcept: boolean;
  requiresAreaConcept: boolean;
}

export async function allProgrammes(db: Db): Promise<ProgrammeRow[]> {
  return db
    .select({
      id: programmes.id,
      name: programmes.name,
      minPopulation: programmes.minPopulation,
      requiresTownWideConcept: programmes.requiresTownWideConcept,
      requiresAreaConcept: programmes.requiresAreaConcept,
    })
    .from(programmes)
    .orderBy(programmes.id);
}

export interface ExistingMeasureRow {
  id: number;
  ags: string;
  programmeId: string;
  name: string;
  state: MeasureState;
  startYear: number;
  endYear: number | null;
  conceptId: number | null;
  areaConceptId: number | null;
}

/** The measures of these municipalities, with the amounts of the years given. */
export async function measuresOf(db: Db, ags: readonly string[]): Promise<ExistingMeasureRow[]> {
  if (ags.length === 0) return [];
  return db
    .select({
      id: measures.id,
      ags: measures.ags,
      programmeId: measures.programmeId,
      name: measures.name,
      state: measures.state,
      startYear: measures.startYear,
      endYear: measures.endYear,
      conceptId: measures.conceptId,
      areaConceptId: measures.areaConceptId,
    })
    .from(measures)
    .where(inArray(measures.ags, [...ags]));
}

/** The federal amount per measure and year, as cents ("<measureId>:<year>" -> cents). */
export async function federalAmountsOf(db: Db, measureIds: readonly number[]): Promise<Map<string, number>> {
  if (measureIds.length === 0) return new Map();
  const rows = await db
    .select({ measureId: measureAmounts.measureId, year: measureAmounts.year, cents: sql<string>`(${measureAmounts.federal} * 100)::bigint::text` })
    .from(measureAmounts)
    .where(inArray(measureAmounts.measureId, [...measureIds]));
  return new Map(rows.map((r) => [`${r.measureId}:${r.year}`, Number(r.cents)]));
}

/** The AGS assigned to an advisor on a date. */
export async function agsAssignedTo(db: Db, advisorUserId: string, date: string): Promise<Set<string>> {
  const rows = await queryRows<{ ags: string }>(
    db,
    sql`select ${schema.advisorAssignments.ags} as ags from ${schema.advisorAssignments}
        where ${schema.advisorAssignments.advisorUserId} = ${advisorUserId} and ${schema.advisorAssignments.validFrom} <= ${date}::date
          and (${schema.advisorAssignments.validTo} is null or ${schema.advisorAssignments.validTo} > ${date}::date)`,
  );
  return new Set(rows.map((r) => r.ags));
}

/** A measure the import changes: its state, an earlier start year; the version moves on. */
export async function updateImportedMeasure(
  db: Db,
  id: number,
  change: { state: MeasureState; startYear: number; endYear: number | null; updatedBy: string; at: string },
): Promise<void> {
  await db
    .update(measures)
    .set({
      state: change.state,
      startYear: change.startYear,
      endYear: change.endYear,
      updatedBy: change.updatedBy,
      updatedAt: change.at,
      version: sql`${measures.version} + 1`,
    })
    .where(eq(measures.id, id));
}

/** The federal amount of a measure's year (the Land and municipal shares of that year stay as they are). */
export async function upsertFederalAmount(db: Db, measureId: number, year: number, euros: string): Promise<void> {
  await db
    .insert(measureAmounts)
    .values({ measureId, year, federal: euros })
    .onConflictDoUpdate({ target: [measureAmounts.measureId, measureAmounts.year], set: { federal: excluded(measureAmounts.federal) } });
}
