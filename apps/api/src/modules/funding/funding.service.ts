import {
  type AtRiskList,
  type AtRiskQuery,
  ERROR_CODES,
  type EligibleWithoutConceptList,
  type EligibleWithoutConceptQuery,
  type FundingStats,
  type MeasureDetail,
  type MeasureFlag,
  type MeasureInput,
  type MeasureList,
  type MeasureListItem,
  type MeasureListQuery,
  type MeasureUpdate,
  type Programme,
  type ProgrammeInput,
  type ProgrammeList,
  type ProgrammeUpdate,
  type Rules,
  TOWN_WIDE_CONCEPT_KINDS,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { type Principal, requireSignedIn } from "../../lib/access.js";
import { AppError, type FieldIssue, NotFoundError, forbidden } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import * as repo from "./funding.repo.js";

/*
 * Funding (issue 15, decision 0032): programmes (SMR administrators write them), measures (SMR and FS INGE
 * write them; everyone who may read reads them) and what is derived from both on a date. Every write runs
 * in one transaction with its audit entry; the tables' triggers raise the data generation (migration 0019).
 */

export const programmeNotFound = (id: string) => new NotFoundError(ERROR_CODES.programmeNotFound, `Programme ${id} not found`);
export const measureNotFound = (id: number) => new NotFoundError(ERROR_CODES.measureNotFound, `Measure ${id} not found`);

/** 412 with the programme as it is now. */
export class ProgrammeVersionMismatchError extends AppError {
  constructor(readonly current: Programme) {
    super(412, ERROR_CODES.versionMismatch, "The programme has changed since you read it: reload it and apply your change again");
  }
}

/** 412 with the measure as it is now. */
export class MeasureVersionMismatchError extends AppError {
  constructor(readonly current: MeasureDetail) {
    super(412, ERROR_CODES.versionMismatch, "The measure has changed since you read it: reload it and apply your change again");
  }
}

class StaleVersionError extends Error {}

/** Staff (SMR, FS INGE) see internal notes and who wrote a measure. */
export function isStaff(principal: Principal): boolean {
  return principal.kind === "user" && (principal.user.role === "smr" || principal.user.role === "advisor");
}

function requireStaff(principal: Principal) {
  const signedIn = requireSignedIn(principal);
  if (!isStaff(principal)) throw forbidden("Measures are recorded by SMR and FS INGE");
  return signedIn;
}

function requireSmrAdmin(principal: Principal) {
  const signedIn = requireSignedIn(principal);
  if (signedIn.user.role !== "smr" || !signedIn.user.admin) throw forbidden("Programmes are changed by SMR administrators");
  return signedIn;
}

/** 422 with one issue per broken rule; the code is the first one's. */
function refuse(issues: FieldIssue[], what = "The measure breaks a rule"): never {
  const [first] = issues;
  throw new AppError(422, first?.code ?? ERROR_CODES.validation, first?.message ?? what, issues);
}

// ---------------------------------------------------------------------------------------------------------
// Programmes

function toProgramme(row: repo.ProgrammeRow): Programme {
  return {
    id: row.id,
    name: row.name,
    level: row.level,
    requirements: {
      townWideConcept: row.requires_town_wide_concept,
      areaConcept: row.requires_area_concept,
      minPopulation: row.min_population,
    },
    jointConceptAllowed: row.joint_concept_allowed,
    period: { from: row.period_from, to: row.period_to },
    source: row.source,
    notes: row.notes,
    active: row.active,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function listProgrammes(db: Db): Promise<ProgrammeList> {
  return { items: (await repo.programmeRows(db)).map(toProgramme) };
}

export async function programmeById(db: Db, id: string): Promise<Programme> {
  const row = await repo.programmeRow(db, id);
  if (!row) throw programmeNotFound(id);
  return toProgramme(row);
}

function checkPeriod(from: number | null, to: number | null, path: string): void {
  if (from !== null && to !== null && to < from) {
    refuse([{ path, code: ERROR_CODES.programmePeriodInvalid, message: "the period ends before it begins" }], "The programme breaks a rule");
  }
}

export async function createProgramme(ctx: RequestContext, input: ProgrammeInput): Promise<Programme> {
  const { user } = requireSmrAdmin(ctx.principal);
  const fields: repo.ProgrammeFields = {
    name: input.name,
    level: input.level,
    periodFrom: input.period?.from ?? null,
    periodTo: input.period?.to ?? null,
    requiresTownWideConcept: input.requirements.townWideConcept,
    requiresAreaConcept: input.requirements.areaConcept,
    minPopulation: input.requirements.minPopulation ?? null,
    jointConceptAllowed: input.jointConceptAllowed ?? true,
    source: input.source ?? null,
    notes: input.notes ?? null,
    active: input.active ?? true,
  };
  checkPeriod(fields.periodFrom, fields.periodTo, "body.period.to");
  return ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertProgramme(tx, input.id, fields, ctx.clock().toISOString(), user.id);
    if (!inserted) throw new AppError(409, ERROR_CODES.programmeIdTaken, `A programme with the id ${input.id} exists`);
    await recordAudit(ctx, "programme.created", `programme:${input.id}`, { name: fields.name, level: fields.level, minPopulation: fields.minPopulation }, { db: tx });
    return programmeById(tx, input.id);
  });
}

export async function updateProgramme(ctx: RequestContext, id: string, change: ProgrammeUpdate, expectedVersion: number): Promise<Programme> {
  const { user } = requireSmrAdmin(ctx.principal);
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.programmeRow(tx, id, true);
      if (!row) throw programmeNotFound(id);
      if (row.version !== expectedVersion) throw new StaleVersionError();
      const fields: repo.ProgrammeFields = {
        name: change.name ?? row.name,
        level: change.level ?? row.level,
        periodFrom: change.period ? (change.period.from ?? null) : row.period_from,
        periodTo: change.period ? (change.period.to ?? null) : row.period_to,
        requiresTownWideConcept: change.requirements?.townWideConcept ?? row.requires_town_wide_concept,
        requiresAreaConcept: change.requirements?.areaConcept ?? row.requires_area_concept,
        minPopulation: change.requirements ? (change.requirements.minPopulation ?? null) : row.min_population,
        jointConceptAllowed: change.jointConceptAllowed ?? row.joint_concept_allowed,
        source: change.source !== undefined ? change.source : row.source,
        notes: change.notes !== undefined ? change.notes : row.notes,
        active: change.active ?? row.active,
      };
      checkPeriod(fields.periodFrom, fields.periodTo, "body.period.to");
      await repo.updateProgramme(tx, id, fields, ctx.clock().toISOString(), user.id);
      await recordAudit(ctx, "programme.updated", `programme:${id}`, { fields: Object.keys(change).sort(), version: row.version + 1 }, { db: tx });
      return programmeById(tx, id);
    });
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    throw new ProgrammeVersionMismatchError(await programmeById(ctx.db, id));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Measures: reads

function toListItem(row: repo.MeasureRow): MeasureListItem {
  return {
    id: row.id,
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtKey: row.district_key,
    districtName: row.district_name,
    currentAgs: row.current_ags,
    currentName: row.current_name,
    programmeId: row.programme_id,
    programmeName: row.programme_name,
    name: row.name,
    area: row.area,
    startYear: row.start_year,
    endYear: row.end_year,
    state: row.state,
    conceptId: row.concept_id,
    areaConceptId: row.area_concept_id,
    totals: {
      federal: row.total_federal,
      land: row.total_land,
      municipal: row.total_municipal,
      total: Math.round((row.total_federal + row.total_land + row.total_municipal) * 100) / 100,
    },
    flags: row.flags,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function listMeasures(db: Db, query: MeasureListQuery): Promise<MeasureList> {
  const { rows, total } = await repo.listMeasureRows(
    db,
    { ags: query.ags, programme: query.programme, state: query.state, district: query.district, q: query.q },
    { limit: query.limit, offset: query.offset },
  );
  return { items: rows.map(toListItem), total };
}

/** The measure as GET /api/measures/:id answers; internal note and names only for staff. */
export async function measureDetail(db: Db, id: number, principal: Principal): Promise<MeasureDetail> {
  const row = await repo.measureRow(db, id);
  if (!row) throw measureNotFound(id);
  const conceptIds = [row.concept_id, row.area_concept_id].filter((c): c is number => c !== null);
  // One after the other: `db` may be a transaction (one connection).
  const amounts = await repo.amountsOf(db, id);
  const refs = await repo.conceptRefsOf(db, conceptIds);
  const ref = (cid: number | null) => {
    const found = refs.find((r) => r.id === cid);
    return found ? ({ id: found.id, title: found.title, kind: found.kind, scope: found.scope } as MeasureDetail["concept"]) : null;
  };
  const staff = isStaff(principal);
  return {
    ...toListItem(row),
    concept: ref(row.concept_id),
    areaConcept: ref(row.area_concept_id),
    amounts,
    note: row.note,
    noteInternal: staff ? row.note_internal : null,
    createdAt: row.created_at,
    createdBy: staff ? row.created_by : null,
    updatedBy: staff ? row.updated_by : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Measures: the rules

/** One row's verdict: its issues (empty: it may be written) and its warnings. Issue paths name the input field (e.g. `endYear`, `amounts.1.year`). */
export interface MeasureCheck {
  issues: FieldIssue[];
  flags: MeasureFlag[];
}

/** A measure as stored (a new one, or the stored one with a change applied). */
interface MeasureState extends repo.MeasureFields {
  amounts: repo.AmountFields[];
}

function stateOf(input: MeasureInput): MeasureState {
  return {
    ags: input.ags,
    programmeId: input.programmeId,
    name: input.name,
    area: input.area ?? null,
    startYear: input.startYear,
    endYear: input.endYear ?? null,
    state: input.state,
    conceptId: input.conceptId ?? null,
    areaConceptId: input.areaConceptId ?? null,
    note: input.note ?? null,
    noteInternal: input.noteInternal ?? null,
    amounts: (input.amounts ?? []).map((a) => ({ year: a.year, federal: a.federal ?? 0, land: a.land ?? 0, municipal: a.municipal ?? 0 })),
  };
}

/** What the rules look up, loaded once for any number of rows. */
interface RuleFacts {
  programmes: Map<string, repo.ProgrammeRow>;
  municipalities: Map<string, repo.MunicipalityFacts>;
  concepts: Map<number, repo.ConceptFacts>;
}

async function loadFacts(db: Db, states: readonly MeasureState[]): Promise<RuleFacts> {
  const conceptIds = [...new Set(states.flatMap((s) => [s.conceptId, s.areaConceptId]).filter((id): id is number => id !== null))];
  // One after the other: `db` is usually a transaction (one connection).
  const programmes = await repo.programmeRows(db);
  const municipalities = await repo.municipalityFacts(db);
  const concepts = await repo.conceptFacts(db, conceptIds);
  return {
    programmes: new Map(programmes.map((p) => [p.id, p])),
    municipalities: new Map(municipalities.map((m) => [m.ags, m])),
    concepts: new Map(concepts.map((c) => [c.id, c])),
  };
}

/**
 * The municipality, every municipality that merged into it (predecessors, transitively) and every one it
 * merged into (successors): a concept of any of them covers a measure of it (Ostrau's INSEK of 2019 for a
 * measure recorded for Jahnatal, Jahnatal's for a measure of Ostrau).
 */
function lineageOf(ags: string, municipalities: Map<string, repo.MunicipalityFacts>): Set<string> {
  const lineage = new Set<string>([ags]);
  let next = municipalities.get(ags)?.successor_ags ?? null;
  while (next !== null && !lineage.has(next)) {
    lineage.add(next);
    next = municipalities.get(next)?.successor_ags ?? null;
  }
  let grew = true;
  while (grew) {
    grew = false;
    for (const m of municipalities.values()) {
      if (m.successor_ags !== null && lineage.has(m.successor_ags) && !lineage.has(m.ags)) {
        lineage.add(m.ags);
        grew = true;
      }
    }
  }
  return lineage;
}

function checkOne(state: MeasureState, facts: RuleFacts): MeasureCheck {
  const issues: FieldIssue[] = [];
  const flags: MeasureFlag[] = [];
  const add = (path: string, code: string, message: string) => issues.push({ path, code, message });

  const municipality = facts.municipalities.get(state.ags);
  if (!municipality) add("ags", ERROR_CODES.unknownAgs, `${state.ags} is no known municipality`);
  const programme = facts.programmes.get(state.programmeId);
  if (!programme) add("programmeId", ERROR_CODES.measureProgrammeUnknown, `There is no programme ${state.programmeId}`);
  if (state.endYear !== null && state.endYear < state.startYear) {
    add("endYear", ERROR_CODES.measureEndBeforeStart, `the measure ends (${state.endYear}) before it starts (${state.startYear})`);
  }
  const seenYears = new Set<number>();
  state.amounts.forEach((a, i) => {
    if (seenYears.has(a.year)) add(`amounts.${i}.year`, ERROR_CODES.measureAmountYearDuplicate, `the year ${a.year} is named twice`);
    seenYears.add(a.year);
  });

  const lineage = municipality ? lineageOf(state.ags, facts.municipalities) : new Set<string>();
  if (state.conceptId !== null) {
    const concept = facts.concepts.get(state.conceptId);
    if (!concept) add("conceptId", ERROR_CODES.measureConceptNotFound, `concept ${state.conceptId} not found`);
    else if (concept.scope === "area" || !(TOWN_WIDE_CONCEPT_KINDS as readonly string[]).includes(concept.kind)) {
      add("conceptId", ERROR_CODES.measureConceptNotTownWide, "the concept must be a town-wide concept (INSEK or INGEKO); name an area concept as areaConceptId");
    } else if (municipality && !concept.members.some((ags) => lineage.has(ags))) {
      add("conceptId", ERROR_CODES.measureConceptNotCovering, `the concept does not cover the municipality ${state.ags}`);
    }
  }
  if (state.areaConceptId !== null) {
    const concept = facts.concepts.get(state.areaConceptId);
    if (!concept) add("areaConceptId", ERROR_CODES.measureAreaConceptNotFound, `concept ${state.areaConceptId} not found`);
    else if (concept.scope !== "area") add("areaConceptId", ERROR_CODES.measureAreaConceptNotArea, "the area concept must be an area concept (SEKO, GIHK or VU)");
    else if (municipality && !concept.members.some((ags) => lineage.has(ags))) {
      add("areaConceptId", ERROR_CODES.measureAreaConceptOtherMunicipality, `the area concept is of another municipality than ${state.ags}`);
    }
  }

  if (programme && municipality) {
    if (programme.min_population !== null && (municipality.population ?? 0) < programme.min_population) flags.push("below_min_population");
  }
  if (programme?.requires_town_wide_concept && state.conceptId === null) flags.push("town_wide_concept_missing");
  if (programme?.requires_area_concept && state.areaConceptId === null) flags.push("area_concept_missing");
  return { issues, flags };
}

/**
 * Checks measures against the rules (the database as `db` sees it), one verdict per input in order: for
 * the file import's dry run and for createMeasures. Every input must have passed `measureInputSchema`.
 */
export async function checkMeasures(db: Db, inputs: readonly MeasureInput[]): Promise<MeasureCheck[]> {
  const states = inputs.map(stateOf);
  const facts = await loadFacts(db, states);
  return states.map((s) => checkOne(s, facts));
}

// ---------------------------------------------------------------------------------------------------------
// Measures: writes

export interface MeasureBatchRow extends MeasureCheck {
  /** The measure written; null in a dry run or when the batch was refused. */
  measureId: number | null;
}

export interface MeasureBatchResult {
  /** True only when the measures were written: not a dry run, and every row passed. */
  applied: boolean;
  rows: MeasureBatchRow[];
}

export interface CreateMeasuresOptions {
  /** Run inside this transaction (the caller's: all-or-nothing with whatever else it writes). Default: a transaction of its own. */
  tx?: Db;
  /** Check only; write nothing. */
  dryRun?: boolean;
  /** Recorded with each measure and in its audit entry (default `recorded`). */
  origin?: "recorded" | "import" | "demo";
}

/**
 * Creates many measures all-or-nothing: every input is checked (one verdict per input, in order); when
 * any is refused, or in a dry run, nothing is written and `applied` is false. Otherwise every measure and
 * its amounts are inserted, each with its audit entry `measure.created`, in one transaction (`options.tx`
 * when given). SMR and FS INGE only. Every input must have passed `measureInputSchema`.
 */
export async function createMeasures(ctx: RequestContext, inputs: readonly MeasureInput[], options: CreateMeasuresOptions = {}): Promise<MeasureBatchResult> {
  const { user } = requireStaff(ctx.principal);
  const run = async (tx: Db): Promise<MeasureBatchResult> => {
    const states = inputs.map(stateOf);
    const facts = await loadFacts(tx, states);
    const checks = states.map((s) => checkOne(s, facts));
    const refused = checks.some((c) => c.issues.length > 0);
    if (refused || options.dryRun) return { applied: false, rows: checks.map((c) => ({ ...c, measureId: null })) };
    const at = ctx.clock().toISOString();
    const origin = options.origin ?? "recorded";
    const rows: MeasureBatchRow[] = [];
    for (const [i, state] of states.entries()) {
      const id = await repo.insertMeasure(tx, state, { origin, at, by: user.id });
      await repo.replaceAmounts(tx, id, state.amounts);
      await recordAudit(
        ctx,
        "measure.created",
        `measure:${id}`,
        { ags: state.ags, programmeId: state.programmeId, name: state.name, startYear: state.startYear, endYear: state.endYear, state: state.state, origin },
        { db: tx },
      );
      rows.push({ ...(checks[i] as MeasureCheck), measureId: id });
    }
    return { applied: true, rows };
  };
  return options.tx ? run(options.tx) : ctx.db.transaction(run);
}

/** POST /api/measures: one measure, refused with 422 (one issue per broken rule, at `body.<field>`). */
export async function createMeasure(ctx: RequestContext, input: MeasureInput): Promise<MeasureDetail> {
  return ctx.db.transaction(async (tx) => {
    const result = await createMeasures(ctx, [input], { tx });
    const [row] = result.rows;
    if (!row) throw new Error("createMeasures returned no row");
    if (row.issues.length > 0) refuse(row.issues.map((i) => ({ ...i, path: `body.${i.path}` })));
    if (row.measureId === null) throw new Error("createMeasures wrote no measure");
    return measureDetail(tx, row.measureId, ctx.principal);
  });
}

export async function updateMeasure(ctx: RequestContext, id: number, change: MeasureUpdate, expectedVersion: number): Promise<MeasureDetail> {
  const { user } = requireStaff(ctx.principal);
  try {
    return await ctx.db.transaction(async (tx) => {
      const locked = await repo.lockMeasure(tx, id);
      if (!locked) throw measureNotFound(id);
      if (locked.version !== expectedVersion) throw new StaleVersionError();
      const current = await measureDetail(tx, id, ctx.principal);
      const merged: MeasureInput = {
        ags: change.ags ?? current.ags,
        programmeId: change.programmeId ?? current.programmeId,
        name: change.name ?? current.name,
        area: change.area !== undefined ? change.area : current.area,
        startYear: change.startYear ?? current.startYear,
        endYear: change.endYear !== undefined ? change.endYear : current.endYear,
        state: change.state ?? current.state,
        conceptId: change.conceptId !== undefined ? change.conceptId : current.conceptId,
        areaConceptId: change.areaConceptId !== undefined ? change.areaConceptId : current.areaConceptId,
        amounts: change.amounts ?? current.amounts,
        note: change.note !== undefined ? change.note : current.note,
        noteInternal: change.noteInternal !== undefined ? change.noteInternal : current.noteInternal,
      };
      const state = stateOf(merged);
      const [check] = await checkMeasures(tx, [merged]);
      if (check && check.issues.length > 0) refuse(check.issues.map((i) => ({ ...i, path: `body.${i.path}` })));
      await repo.updateMeasureFields(tx, id, state, ctx.clock().toISOString(), user.id);
      if (change.amounts) await repo.replaceAmounts(tx, id, state.amounts);
      await recordAudit(ctx, "measure.updated", `measure:${id}`, { fields: Object.keys(change).sort(), version: locked.version + 1 }, { db: tx });
      return measureDetail(tx, id, ctx.principal);
    });
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    throw new MeasureVersionMismatchError(await measureDetail(ctx.db, id, ctx.principal));
  }
}

/** Deletes a measure and its amounts; the audit entry keeps what it was. */
export async function deleteMeasure(ctx: RequestContext, id: number, expectedVersion: number): Promise<void> {
  requireStaff(ctx.principal);
  try {
    await ctx.db.transaction(async (tx) => {
      const locked = await repo.lockMeasure(tx, id);
      if (!locked) throw measureNotFound(id);
      if (locked.version !== expectedVersion) throw new StaleVersionError();
      const current = await measureDetail(tx, id, ctx.principal);
      await repo.deleteMeasure(tx, id);
      await recordAudit(
        ctx,
        "measure.deleted",
        `measure:${id}`,
        {
          ags: current.ags,
          programmeId: current.programmeId,
          name: current.name,
          startYear: current.startYear,
          endYear: current.endYear,
          state: current.state,
          totals: current.totals,
          version: current.version,
        },
        { db: tx },
      );
    });
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    throw new MeasureVersionMismatchError(await measureDetail(ctx.db, id, ctx.principal));
  }
}

// ---------------------------------------------------------------------------------------------------------
// Derived on a date

export async function measuresAtRisk(db: Db, rules: Rules, asOf: string, query: Omit<AtRiskQuery, "asOf">): Promise<AtRiskList> {
  const rows = await repo.atRiskOn(db, rules, asOf, { programme: query.programme, district: query.district });
  return {
    asOf,
    items: rows.map((r) => ({
      measureId: r.measure_id,
      ags: r.ags,
      municipalityName: r.municipality_name,
      districtKey: r.district_key,
      measureAgs: r.measure_ags,
      measureName: r.measure_name,
      programmeId: r.programme_id,
      reason: r.reason,
      lapsesOn: r.lapses_on,
      status: r.status,
      conceptId: r.concept_id,
    })),
    total: rows.length,
    currencyYears: rules.currencyYears,
    expiringMonths: rules.expiringMonths,
  };
}

export async function eligibleWithoutConcept(db: Db, rules: Rules, asOf: string, query: Omit<EligibleWithoutConceptQuery, "asOf">): Promise<EligibleWithoutConceptList> {
  const programme = await repo.programmeRow(db, query.programme);
  if (!programme) throw programmeNotFound(query.programme);
  if (!programme.requires_town_wide_concept) {
    return { asOf, programmeId: programme.id, minPopulation: programme.min_population, items: [], total: 0 };
  }
  const { rows, total } = await repo.eligibleWithoutConceptOn(db, rules, asOf, programme.min_population, { district: query.district }, {
    limit: query.limit,
    offset: query.offset,
  });
  return {
    asOf,
    programmeId: programme.id,
    minPopulation: programme.min_population,
    items: rows.map((r) => ({
      ags: r.ags,
      name: r.name,
      districtKey: r.district_key,
      districtName: r.district_name,
      population: r.population,
      status: r.status,
      currentUntil: r.current_until,
    })),
    total,
  };
}

export async function fundingStats(db: Db, rules: Rules, asOf: string): Promise<FundingStats> {
  const [programmes, figures] = await Promise.all([repo.programmeRows(db), repo.fundingFiguresOn(db, rules, asOf)]);
  const figuresOf = (g: repo.FundingGroupRow) => ({
    municipalities: g.municipalities,
    measures: g.measures,
    onCurrentConcept: g.on_current_concept,
    atRisk: g.at_risk,
    eligibleWithoutConcept: g.eligible_without_concept,
  });
  return {
    asOf,
    measures: { running: figures.totals.running, atRisk: figures.totals.at_risk, onCurrentConcept: figures.totals.on_current_concept },
    eligibleWithoutConcept: figures.totals.eligible_without_concept,
    byProgramme: programmes.map((p) => {
      const own = figures.groups.filter((g) => g.programme_id === p.id);
      const total = own.find((g) => g.district_key === null);
      return {
        programmeId: p.id,
        name: p.name,
        ...(total ? figuresOf(total) : { municipalities: 0, measures: 0, onCurrentConcept: 0, atRisk: 0, eligibleWithoutConcept: 0 }),
        byDistrict: own
          .filter((g) => g.district_key !== null)
          .sort((a, b) => (a.district_key ?? "").localeCompare(b.district_key ?? ""))
          .map((g) => ({ districtKey: g.district_key ?? "", districtName: g.district_name ?? "", ...figuresOf(g) })),
      };
    }),
    currencyYears: rules.currencyYears,
    expiringMonths: rules.expiringMonths,
  };
}
