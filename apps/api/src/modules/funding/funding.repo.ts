import type { MeasureFlag, MeasureState, ProgrammeLevel, Rules, Status } from "@insek/contracts";
import { type Db, queryPrepared, queryRows } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";
import { recordsOn } from "../records/records.sql.js";

/*
 * The SQL of funding (decision 0032): programmes, measures and their yearly amounts, and what is derived
 * from them on a date. "Current" and "expiring" are the records' (records.sql.ts `recordsOn`, the one
 * definition the coverage figures and the dashboard's "läuft bald ab" use); a measure belongs on a date to
 * the municipality its municipality merged into by then (successor_ags, followed while dissolved).
 */

const iso = (column: SQL) => sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// ---------------------------------------------------------------------------------------------------------
// Programmes

export interface ProgrammeRow {
  id: string;
  name: string;
  level: ProgrammeLevel;
  period_from: number | null;
  period_to: number | null;
  requires_town_wide_concept: boolean;
  requires_area_concept: boolean;
  min_population: number | null;
  joint_concept_allowed: boolean;
  source: string | null;
  notes: string | null;
  active: boolean;
  version: number;
  updated_at: string;
}

const programmeColumns = sql`p.id, p.name, p.level, p.period_from, p.period_to, p.requires_town_wide_concept, p.requires_area_concept,
  p.min_population, p.joint_concept_allowed, p.source, p.notes, p.active, p.version, ${iso(sql`p.updated_at`)} as updated_at`;

/** Every programme: the open ones first, then by name. */
export async function programmeRows(db: Db): Promise<ProgrammeRow[]> {
  return queryRows<ProgrammeRow>(db, sql`select ${programmeColumns} from programmes p order by p.active desc, p.name, p.id`);
}

export async function programmeRow(db: Db, id: string, lock = false): Promise<ProgrammeRow | undefined> {
  const [row] = await queryRows<ProgrammeRow>(
    db,
    sql`select ${programmeColumns} from programmes p where p.id = ${id}${lock ? sql` for update` : sql``}`,
  );
  return row;
}

export interface ProgrammeFields {
  name: string;
  level: ProgrammeLevel;
  periodFrom: number | null;
  periodTo: number | null;
  requiresTownWideConcept: boolean;
  requiresAreaConcept: boolean;
  minPopulation: number | null;
  jointConceptAllowed: boolean;
  source: string | null;
  notes: string | null;
  active: boolean;
}

/** Inserts a programme; false when the id is taken. */
export async function insertProgramme(db: Db, id: string, f: ProgrammeFields, at: string, by: string): Promise<boolean> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`insert into programmes (id, name, level, period_from, period_to, requires_town_wide_concept, requires_area_concept,
          min_population, joint_concept_allowed, source, notes, active, created_at, updated_at, updated_by)
        values (${id}, ${f.name}, ${f.level}, ${f.periodFrom}, ${f.periodTo}, ${f.requiresTownWideConcept}, ${f.requiresAreaConcept},
          ${f.minPopulation}, ${f.jointConceptAllowed}, ${f.source}, ${f.notes}, ${f.active}, ${at}::timestamptz, ${at}::timestamptz, ${by})
        on conflict (id) do nothing
        returning id`,
  );
  return rows.length === 1;
}

export async function updateProgramme(db: Db, id: string, f: ProgrammeFields, at: string, by: string): Promise<void> {
  await db.execute(
    sql`update programmes set name = ${f.name}, level = ${f.level}, period_from = ${f.periodFrom}, period_to = ${f.periodTo},
          requires_town_wide_concept = ${f.requiresTownWideConcept}, requires_area_concept = ${f.requiresAreaConcept},
          min_population = ${f.minPopulation}, joint_concept_allowed = ${f.jointConceptAllowed}, source = ${f.source},
          notes = ${f.notes}, active = ${f.active}, version = version + 1, updated_at = ${at}::timestamptz, updated_by = ${by}
        where id = ${id}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// What the rules of a measure need to know

export interface MunicipalityFacts {
  ags: string;
  population: number | null;
  successor_ags: string | null;
}

/** Every municipality (current and dissolved) with its successor: a few hundred rows, for the lineage checks. */
export async function municipalityFacts(db: Db): Promise<MunicipalityFacts[]> {
  return queryRows<MunicipalityFacts>(db, sql`select ags, population, successor_ags from municipalities`);
}

export interface ConceptFacts {
  id: number;
  title: string;
  kind: string;
  scope: "municipal" | "joint" | "area";
  members: string[];
}

export async function conceptFacts(db: Db, ids: readonly number[]): Promise<ConceptFacts[]> {
  if (ids.length === 0) return [];
  return queryRows<ConceptFacts>(
    db,
    sql`select c.id::int as id, c.title, c.kind, c.scope,
          coalesce((select array_agg(m.ags::text order by m.position) from concept_members m where m.concept_id = c.id), '{}') as members
        from concepts c where c.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// Measures

export interface MeasureFields {
  ags: string;
  programmeId: string;
  name: string;
  area: string | null;
  startYear: number;
  endYear: number | null;
  state: MeasureState;
  conceptId: number | null;
  areaConceptId: number | null;
  note: string | null;
  noteInternal: string | null;
}

export interface AmountFields {
  year: number;
  federal: number;
  land: number;
  municipal: number;
}

export async function insertMeasure(
  db: Db,
  f: MeasureFields,
  meta: { origin: "recorded" | "import" | "demo"; at: string; by: string | null },
): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    db,
    sql`insert into measures (ags, programme_id, name, area, start_year, end_year, state, concept_id, area_concept_id, note,
          note_internal, origin, created_at, updated_at, created_by, updated_by)
        values (${f.ags}, ${f.programmeId}, ${f.name}, ${f.area}, ${f.startYear}, ${f.endYear}, ${f.state}, ${f.conceptId},
          ${f.areaConceptId}, ${f.note}, ${f.noteInternal}, ${meta.origin}, ${meta.at}::timestamptz, ${meta.at}::timestamptz, ${meta.by}, ${meta.by})
        returning id::int as id`,
  );
  if (!row) throw new Error("insert into measures returned no row");
  return row.id;
}

export async function updateMeasureFields(db: Db, id: number, f: MeasureFields, at: string, by: string | null): Promise<void> {
  await db.execute(
    sql`update measures set ags = ${f.ags}, programme_id = ${f.programmeId}, name = ${f.name}, area = ${f.area},
          start_year = ${f.startYear}, end_year = ${f.endYear}, state = ${f.state}, concept_id = ${f.conceptId},
          area_concept_id = ${f.areaConceptId}, note = ${f.note}, note_internal = ${f.noteInternal},
          version = version + 1, updated_at = ${at}::timestamptz, updated_by = ${by}
        where id = ${id}`,
  );
}

export async function replaceAmounts(db: Db, id: number, amounts: readonly AmountFields[]): Promise<void> {
  await db.execute(sql`delete from measure_amounts where measure_id = ${id}`);
  if (amounts.length === 0) return;
  await db.execute(
    sql`insert into measure_amounts (measure_id, year, federal, land, municipal) values ${sql.join(
      amounts.map((a) => sql`(${id}, ${a.year}, ${a.federal}, ${a.land}, ${a.municipal})`),
      sql`, `,
    )}`,
  );
}

export async function lockMeasure(db: Db, id: number): Promise<{ version: number } | undefined> {
  const [row] = await queryRows<{ version: number }>(db, sql`select version from measures where id = ${id} for update`);
  return row;
}

export async function deleteMeasure(db: Db, id: number): Promise<void> {
  await db.execute(sql`delete from measures where id = ${id}`);
}

export interface MeasureRow {
  id: number;
  ags: string;
  municipality_name: string;
  district_key: string;
  district_name: string;
  current_ags: string;
  current_name: string;
  programme_id: string;
  programme_name: string;
  name: string;
  area: string | null;
  start_year: number;
  end_year: number | null;
  state: MeasureState;
  concept_id: number | null;
  area_concept_id: number | null;
  note: string | null;
  note_internal: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  created_by: string | null;
  updated_by: string | null;
  total_federal: number;
  total_land: number;
  total_municipal: number;
  flags: MeasureFlag[];
}

/**
 * A measure with its municipality, the municipality it belongs to today (following successor_ags to the
 * end), its programme, the sums of its amounts and its flags (computed on read, so that a changed
 * programme threshold shows at once).
 */
const measureSelect = sql`select ms.id::int as id, ms.ags, m.display_name as municipality_name, m.district_key, d.name as district_name,
    cur.ags as current_ags, cur.display_name as current_name,
    ms.programme_id, p.name as programme_name, ms.name, ms.area, ms.start_year, ms.end_year, ms.state,
    ms.concept_id::int as concept_id, ms.area_concept_id::int as area_concept_id, ms.note, ms.note_internal, ms.version,
    ${iso(sql`ms.created_at`)} as created_at, ${iso(sql`ms.updated_at`)} as updated_at,
    (select u.display_name from users u where u.id = ms.created_by) as created_by,
    (select u.display_name from users u where u.id = ms.updated_by) as updated_by,
    coalesce(am.federal, 0)::float8 as total_federal, coalesce(am.land, 0)::float8 as total_land,
    coalesce(am.municipal, 0)::float8 as total_municipal,
    array_remove(array[
      case when p.min_population is not null and coalesce(m.population, 0) < p.min_population then 'below_min_population' end,
      case when p.requires_town_wide_concept and ms.concept_id is null then 'town_wide_concept_missing' end,
      case when p.requires_area_concept and ms.area_concept_id is null then 'area_concept_missing' end
    ], null) as flags
  from measures ms
  join municipalities m on m.ags = ms.ags
  join districts d on d.key = m.district_key
  join programmes p on p.id = ms.programme_id
  left join lateral (
    select sum(a.federal) as federal, sum(a.land) as land, sum(a.municipal) as municipal from measure_amounts a where a.measure_id = ms.id
  ) am on true
  left join lateral (
    with recursive chain(ags, depth) as (
      select ms.ags::char(8), 0
      union all
      select s.successor_ags, c.depth + 1 from chain c join municipalities s on s.ags = c.ags
      where s.successor_ags is not null and c.depth < 20
    )
    select x.ags, x.display_name from chain c join municipalities x on x.ags = c.ags order by c.depth desc limit 1
  ) cur on true`;

export interface MeasureFilters {
  ags?: string | undefined;
  programme?: string | undefined;
  state?: MeasureState | undefined;
  district?: string | undefined;
  q?: string | undefined;
}

function measureWhere(filters: MeasureFilters): SQL {
  const parts: SQL[] = [sql`true`];
  if (filters.ags) {
    // The municipality's own measures and those of its predecessors (every municipality whose successor chain leads to it).
    parts.push(sql`ms.ags in (
      with recursive lineage(ags) as (
        select ${filters.ags}::char(8)
        union
        select p.ags from municipalities p join lineage l on p.successor_ags = l.ags
      ) select ags from lineage)`);
  }
  if (filters.programme) parts.push(sql`ms.programme_id = ${filters.programme}`);
  if (filters.state) parts.push(sql`ms.state = ${filters.state}`);
  if (filters.district) parts.push(sql`m.district_key = ${filters.district}`);
  if (filters.q) {
    const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(sql`(ms.name ilike ${pattern} or ms.area ilike ${pattern} or m.display_name ilike ${pattern})`);
  }
  return sql.join(parts, sql` and `);
}

export async function listMeasureRows(db: Db, filters: MeasureFilters, page: { limit: number; offset: number }): Promise<{ rows: MeasureRow[]; total: number }> {
  const where = measureWhere(filters);
  const [rows, counted] = await Promise.all([
    queryRows<MeasureRow>(
      db,
      sql`${measureSelect} where ${where} order by m.sort_key, ms.start_year, ms.name, ms.id limit ${page.limit} offset ${page.offset}`,
    ),
    queryRows<{ total: number }>(
      db,
      sql`select count(*)::int as total from measures ms join municipalities m on m.ags = ms.ags where ${where}`,
    ),
  ]);
  return { rows, total: counted[0]?.total ?? 0 };
}

export async function measureRow(db: Db, id: number): Promise<MeasureRow | undefined> {
  const [row] = await queryRows<MeasureRow>(db, sql`${measureSelect} where ms.id = ${id}`);
  return row;
}

export async function amountsOf(db: Db, id: number): Promise<AmountFields[]> {
  return queryRows<AmountFields>(
    db,
    sql`select year, federal::float8 as federal, land::float8 as land, municipal::float8 as municipal
        from measure_amounts where measure_id = ${id} order by year`,
  );
}

export async function conceptRefsOf(db: Db, ids: readonly number[]): Promise<{ id: number; title: string; kind: string; scope: string }[]> {
  if (ids.length === 0) return [];
  return queryRows(db, sql`select id::int as id, title, kind, scope from concepts where id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
}

// ---------------------------------------------------------------------------------------------------------
// Derived on a date

/**
 * The measures running on `asOf` (state running, start_year <= its year, end_year open or >= it), each with
 * the municipality it belongs to on `asOf`: its own while it exists, else the successor its chain of
 * mergers (successor_ags, dissolved on or before `asOf`) leads to. A measure whose municipality did not
 * exist yet on `asOf` (founded later) belongs to none and is left out. Columns: measure_id, measure_ags,
 * programme_id, measure_name, owner_ags, needs_concept (its programme asks for a town-wide concept).
 */
function runningMeasuresOn(asOf: string): SQL {
  return sql`with recursive running as (
      select ms.id, ms.ags, ms.programme_id, ms.name from measures ms
      where ms.state = 'running' and ms.start_year <= extract(year from ${asOf}::date)::int
        and (ms.end_year is null or ms.end_year >= extract(year from ${asOf}::date)::int)
    ),
    chain(measure_id, ags, depth) as (
      select r.id, r.ags::char(8), 0 from running r
      union all
      select c.measure_id, m.successor_ags, c.depth + 1
      from chain c join municipalities m on m.ags = c.ags
      where m.successor_ags is not null and m.valid_to <= ${asOf}::date and c.depth < 20
    )
    select r.id::int as measure_id, r.ags as measure_ags, r.programme_id, r.name as measure_name, owner.ags as owner_ags,
      p.requires_town_wide_concept as needs_concept
    from running r
    join programmes p on p.id = r.programme_id
    join lateral (
      select c.ags from chain c join municipalities v on v.ags = c.ags
      where c.measure_id = r.id
        and (v.valid_from is null or v.valid_from <= ${asOf}::date) and (v.valid_to is null or v.valid_to > ${asOf}::date)
      order by c.depth desc limit 1
    ) owner on true`;
}

/**
 * The town-wide concept the municipality's adoption on record names: the latest live council_adopted
 * event effective on or before `asOf` (the same event recordsOn reads its resolution date from).
 */
function adoptedConceptOn(ags: SQL, asOf: string): SQL {
  return sql`(select e.concept_id::int from status_events e
    where e.ags = ${ags} and e.type = 'status' and e.status = 'council_adopted' and e.effective_date <= ${asOf}::date
      and not exists (select 1 from status_events s where s.supersedes = e.id)
    order by e.effective_date desc, e.id desc limit 1)`;
}

export interface AtRiskRow {
  measure_id: number;
  measure_ags: string;
  measure_name: string;
  programme_id: string;
  ags: string;
  municipality_name: string;
  district_key: string;
  reason: "no_current_concept" | "expiring";
  lapses_on: string | null;
  status: Status;
  concept_id: number | null;
}

/**
 * The running measures at risk on `asOf`, of programmes that ask for a town-wide concept: their municipality (on `asOf`) has no current town-wide concept
 * (`no_current_concept`; lapsesOn the day after its last current day, when an adoption had been current)
 * or one that lapses within the expiring window (`expiring`; lapsesOn the first day it is no longer
 * current). Sorted by lapsesOn (none first), municipality, measure.
 */
export async function atRiskOn(db: Db, rules: Rules, asOf: string, filters: { programme?: string | undefined; district?: string | undefined }): Promise<AtRiskRow[]> {
  const conditions: SQL[] = [sql`x.needs_concept`, sql`(not r.current or r.expiring)`];
  if (filters.programme) conditions.push(sql`x.programme_id = ${filters.programme}`);
  if (filters.district) conditions.push(sql`r.district_key = ${filters.district}`);
  return queryPrepared<AtRiskRow>(
    db,
    sql`select x.measure_id, x.measure_ags, x.measure_name, x.programme_id, r.ags, r.display_name as municipality_name, r.district_key,
          case when r.current then 'expiring' else 'no_current_concept' end as reason,
          (r.current_until::date + 1)::text as lapses_on,
          r.status, ${adoptedConceptOn(sql`r.ags`, asOf)} as concept_id
        from (${runningMeasuresOn(asOf)}) x
        join (${recordsOn(asOf, rules)}) r on r.ags = x.owner_ags
        where ${sql.join(conditions, sql` and `)}
        order by r.current_until nulls first, r.display_name, x.measure_name, x.measure_id`,
  );
}

export interface EligibleRow {
  ags: string;
  name: string;
  district_key: string;
  district_name: string;
  population: number;
  status: Status;
  current_until: string | null;
}

/**
 * Municipalities existing on `asOf` with at least `minPopulation` inhabitants (null: any) and no current
 * town-wide concept on `asOf`; largest first.
 */
export async function eligibleWithoutConceptOn(
  db: Db,
  rules: Rules,
  asOf: string,
  minPopulation: number | null,
  filters: { district?: string | undefined },
  page: { limit: number; offset: number },
): Promise<{ rows: EligibleRow[]; total: number }> {
  const where = filters.district ? sql`m.district_key = ${filters.district}` : sql`true`;
  const rows = await queryPrepared<EligibleRow & { total: number }>(
    db,
    sql`select r.ags, r.display_name as name, r.district_key, r.district_name, coalesce(r.population, 0)::int as population, r.status,
          r.current_until, (count(*) over ())::int as total
        from (${recordsOn(asOf, rules, where, ["district_name"])}) r
        where not r.current and coalesce(r.population, 0) >= ${minPopulation ?? 0}::int
        order by r.population desc nulls last, r.ags
        limit ${page.limit} offset ${page.offset}`,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.offset > 0) {
    const [counted] = await queryPrepared<{ total: number }>(
      db,
      sql`select count(*)::int as total from (${recordsOn(asOf, rules, where)}) r
          where not r.current and coalesce(r.population, 0) >= ${minPopulation ?? 0}::int`,
    );
    total = counted?.total ?? 0;
  }
  return { rows: rows.map(({ total: _total, ...row }) => row), total };
}

export interface FundingGroupRow {
  programme_id: string;
  programme_name: string;
  /** null: the programme's total row. */
  district_key: string | null;
  district_name: string | null;
  municipalities: number;
  measures: number;
  on_current_concept: number;
  at_risk: number;
  eligible_without_concept: number;
}

export interface FundingTotalsRow {
  running: number;
  at_risk: number;
  on_current_concept: number;
  eligible_without_concept: number;
}

/**
 * The funding figures on `asOf` in one statement over one evaluation of recordsOn: per programme (every
 * one) and per programme and district (every district), plus the totals. "Eligible without concept" counts,
 * for a programme that asks for a town-wide concept, the municipalities with at least its minimum
 * population and no current concept; the total counts those eligible so for at least one active programme.
 */
export async function fundingFiguresOn(db: Db, rules: Rules, asOf: string): Promise<{ groups: FundingGroupRow[]; totals: FundingTotalsRow }> {
  const rows = await queryPrepared<FundingGroupRow & { kind: "group" | "totals" }>(
    db,
    sql`with rec as materialized (${recordsOn(asOf, rules)}),
      x as materialized (
        select x.measure_id, x.programme_id, r.ags, r.district_key, r.current, x.needs_concept and (not r.current or r.expiring) as at_risk
        from (${runningMeasuresOn(asOf)}) x join rec r on r.ags = x.owner_ags
      ),
      measure_groups as (
        select x.programme_id, x.district_key,
          count(distinct x.ags)::int as municipalities, count(*)::int as measures,
          (count(*) filter (where x.current))::int as on_current_concept,
          (count(*) filter (where x.at_risk))::int as at_risk
        from x group by grouping sets ((x.programme_id), (x.programme_id, x.district_key))
      ),
      eligible_groups as (
        select p.id as programme_id, r.district_key, count(*)::int as eligible
        from programmes p join rec r on p.requires_town_wide_concept and not r.current
          and coalesce(r.population, 0) >= coalesce(p.min_population, 0)
        group by grouping sets ((p.id), (p.id, r.district_key))
      ),
      slots as (
        select p.id as programme_id, p.name as programme_name, p.active, null::char(5) as district_key, null::text as district_name, 0 as ord
        from programmes p
        union all
        select p.id, p.name, p.active, d.key, d.name, 1 from programmes p cross join districts d
      )
      select 'group' as kind, s.programme_id, s.programme_name, s.district_key, s.district_name,
        coalesce(g.municipalities, 0) as municipalities, coalesce(g.measures, 0) as measures,
        coalesce(g.on_current_concept, 0) as on_current_concept, coalesce(g.at_risk, 0) as at_risk,
        coalesce(e.eligible, 0) as eligible_without_concept
      from slots s
      left join measure_groups g on g.programme_id = s.programme_id and g.district_key is not distinct from s.district_key
      left join eligible_groups e on e.programme_id = s.programme_id and e.district_key is not distinct from s.district_key
      union all
      select 'totals', null, null, null, null, 0,
        (select count(*)::int from x),
        (select (count(*) filter (where x.current))::int from x),
        (select (count(*) filter (where x.at_risk))::int from x),
        (select count(*)::int from rec r where not r.current and exists (
          select 1 from programmes p where p.active and p.requires_town_wide_concept
            and coalesce(r.population, 0) >= coalesce(p.min_population, 0)))`,
  );
  const totalsRow = rows.find((r) => r.kind === "totals");
  if (!totalsRow) throw new Error("funding figures returned no totals");
  return {
    groups: rows.filter((r) => r.kind === "group"),
    totals: {
      running: totalsRow.measures,
      on_current_concept: totalsRow.on_current_concept,
      at_risk: totalsRow.at_risk,
      eligible_without_concept: totalsRow.eligible_without_concept,
    },
  };
}
