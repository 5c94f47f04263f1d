import {
  ERROR_CODES,
  MEASURE_IMPORT_ROW_CODES,
  type MeasureFlag,
  type MeasureImportResult,
  type MeasureImportRow,
  type MeasureState,
  measureInputSchema,
} from "@insek/contracts";
import { requireSignedIn } from "../../lib/access.js";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import { isoTimestamp } from "../../lib/timestamps.js";
import { recordAudit } from "../audit/audit.service.js";
import { ImportUnreadableError, type Table, type TableFormat, readTable } from "../event-import/read-table.js";
import { createMeasures } from "../funding/funding.service.js";
import * as repo from "./funding-import.repo.js";
import { type MeasureImportColumns, measureColumnsOf } from "./import-columns.js";
import { type ImportRowIssue, cellReader, header, isSaxony, readMeasureRow, yearOfFileName } from "./import-row.js";
import { NameIndex } from "./name-match.js";
import { ProgrammeIndex, programmeKey } from "./programme-match.js";

/** A real run in which some row failed: nothing was written (422, with the per-row results). */
export class MeasureImportInvalidError extends AppError {
  constructor(readonly result: MeasureImportResult) {
    super(422, ERROR_CODES.importInvalid, `${result.summary.failed} of ${result.summary.total} rows cannot be used; nothing was written`);
  }
}

export interface ImportFile {
  fileName: string | undefined;
  content: Buffer;
}

/** The header is the first line that names the required columns, within the first few (lists often open with a title). */
const HEADER_SEARCH_LINES = 10;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** XLSX by its bytes (a ZIP container; lib/uploads then proves it is a workbook), else CSV text. */
function formatOf(content: Buffer): TableFormat {
  return content.subarray(0, 4).equals(ZIP_MAGIC) ? "xlsx" : "csv";
}

function headerAndRows(table: Table): { columns: MeasureImportColumns; rows: Table["rows"] } {
  try {
    return { columns: measureColumnsOf(table.header), rows: table.rows };
  } catch (error) {
    if (!(error instanceof ImportUnreadableError)) throw error;
    for (const [i, row] of table.rows.slice(0, HEADER_SEARCH_LINES).entries()) {
      try {
        return { columns: measureColumnsOf(row.cells), rows: table.rows.slice(i + 1) };
      } catch {
        // not this line either
      }
    }
    throw error;
  }
}

/** A measure's identity within a municipality and programme: its name, folded (case, umlauts, punctuation). */
const measureKey = (ags: string, programmeId: string, name: string) => `${ags}|${programmeId}|${programmeKey(name)}`;

const euros = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

/** A measure as the import sees it: in the database, or created by an earlier line of the same file. */
interface PlannedMeasure {
  id: number | null;
  /** Line of the file that creates it (null: it exists). */
  createdBy: number | null;
  ags: string;
  programmeId: string;
  name: string;
  area: string | null;
  state: MeasureState;
  startYear: number;
  endYear: number | null;
  conceptId: number | null;
  areaConceptId: number | null;
  /** Federal cents per year. */
  amounts: Map<number, number>;
  changed: boolean;
}

interface PlannedRow {
  result: MeasureImportRow;
  measure: PlannedMeasure | null;
}

function emptyRow(line: number): MeasureImportRow {
  return { row: line, ags: null, programmeId: null, name: null, ok: false, outcome: "error", reason: null, year: null, federal: null, measureId: null, flags: [], errors: [] };
}

/**
 * Reads a programme list (CSV or XLSX) and applies it: each Saxon row's Bundesfinanzhilfe becomes the federal
 * amount of its measure for the list's year; a measure is found by municipality, programme and name, or created
 * (origin `import`). Rows of other Länder are skipped with a reason. A dry run writes nothing; a real run writes
 * every row in one transaction, or, when any row cannot be used, nothing (MeasureImportInvalidError).
 */
export async function importMeasures(ctx: RequestContext, file: ImportFile, options: { dryRun: boolean; year?: number | undefined }): Promise<MeasureImportResult> {
  const { user } = requireSignedIn(ctx.principal);
  const today = todayInSaxony(ctx.clock);
  const table = await readTable(formatOf(file.content), file.content);
  const { columns, rows } = headerAndRows(table);
  if (rows.length === 0) throw new ImportUnreadableError("The file holds no data rows below its header");
  const listYear = options.year ?? yearOfFileName(file.fileName);

  const programmes = await repo.allProgrammes(ctx.db);
  const programmeById = new Map(programmes.map((p) => [p.id, p]));
  const programmeIndex = new ProgrammeIndex(programmes);
  const scope = user.role === "advisor" ? await repo.agsAssignedTo(ctx.db, user.id, today) : null;

  const indexes = new Map<number | null, { index: NameIndex; byAgs: Map<string, repo.YearMunicipalityRow> }>();
  const municipalitiesOf = async (year: number | null) => {
    let entry = indexes.get(year);
    if (!entry) {
      const list = await repo.saxonMunicipalitiesOf(ctx.db, year, today);
      entry = { index: new NameIndex(list), byAgs: new Map(list.map((m) => [m.ags, m])) };
      indexes.set(year, entry);
    }
    return entry;
  };

  // First pass: each row on its own (cells, Land, municipality, programme).
  type Resolved = { line: number; result: MeasureImportRow; planned: PlannedRow; ags: string; programmeId: string; name: string; year: number; cents: number; state?: MeasureState; area: string | null; population: number | null };
  const resolved: Resolved[] = [];
  const results: PlannedRow[] = [];
  // A programme list states Land and year once per group (merged cells, or left empty below the first row).
  let land: string | null = null;
  let yearCell = "";
  for (const { line, cells } of rows) {
    const cell = cellReader(cells, columns);
    land = cell("land") || land;
    yearCell = cell("year") || yearCell;
    const filled = (column: Parameters<typeof cell>[0]) => (column === "land" ? (land ?? "") : column === "year" ? yearCell : cell(column));
    const row = emptyRow(line);
    const planned: PlannedRow = { result: row, measure: null };
    results.push(planned);
    const read = readMeasureRow(filled, listYear);
    row.name = read.name || null;
    row.ags = read.ags ?? null;
    row.year = read.year ?? null;
    row.federal = read.amountCents === undefined ? null : read.amountCents / 100;
    if (read.land !== null && !isSaxony(read.land)) {
      row.ok = true;
      row.outcome = "skipped";
      row.reason = { field: header("land"), code: MEASURE_IMPORT_ROW_CODES.notSaxony, message: `a row of ${read.land}: the import takes the Saxon rows` };
      continue;
    }
    const errors: ImportRowIssue[] = [...read.errors];
    const { index, byAgs } = await municipalitiesOf(read.year ?? null);
    let ags: string | undefined;
    if (read.ags !== undefined) {
      if (!read.ags.startsWith("14")) {
        errors.push({ field: header("ags"), code: MEASURE_IMPORT_ROW_CODES.agsNotSaxon, message: `${read.ags} is not a Saxon AGS (14…)` });
      } else if (!byAgs.has(read.ags)) {
        errors.push({ field: header("ags"), code: MEASURE_IMPORT_ROW_CODES.unknownAgs, message: `no Saxon municipality ${read.ags} existed in ${read.year ?? today}` });
      } else {
        ags = read.ags;
        const byName = read.municipality === "" ? null : index.match(read.municipality, read.district);
        if (byName?.ags && byName.ags !== ags) {
          errors.push({
            field: header("municipality"),
            code: MEASURE_IMPORT_ROW_CODES.agsNameMismatch,
            message: `"${read.municipality}" is ${byName.ags}, not ${ags}`,
          });
        }
      }
    } else if (read.municipality !== "") {
      const match = index.match(read.municipality, read.district);
      if (!("reason" in match)) ags = match.ags;
      else if (match.reason === "ambiguous") {
        errors.push({
          field: header("municipality"),
          code: MEASURE_IMPORT_ROW_CODES.municipalityAmbiguous,
          message: `"${read.municipality}" fits ${match.candidates.join(", ")}: add the Landkreis or the AGS`,
        });
      } else {
        errors.push({
          field: header("municipality"),
          code: MEASURE_IMPORT_ROW_CODES.municipalityNotFound,
          message: `no Saxon municipality "${read.municipality}" existed in ${read.year ?? today}`,
        });
      }
    }
    row.ags = ags ?? row.ags;
    if (ags !== undefined && scope !== null && !scope.has(ags)) {
      errors.push({ field: header("municipality"), code: MEASURE_IMPORT_ROW_CODES.outOfScope, message: `${ags} is not assigned to you today` });
    }
    let programmeId: string | undefined;
    if (read.programme !== "") {
      const match = programmeIndex.match(read.programme);
      if (!("reason" in match)) programmeId = match.id;
      else {
        errors.push({
          field: header("programme"),
          code: match.reason === "ambiguous" ? MEASURE_IMPORT_ROW_CODES.programmeAmbiguous : MEASURE_IMPORT_ROW_CODES.programmeUnknown,
          message:
            match.reason === "ambiguous"
              ? `"${read.programme}" fits ${match.candidates.join(", ")}`
              : `no programme "${read.programme}" (known: ${programmes.map((p) => p.id).join(", ")})`,
        });
      }
    }
    row.programmeId = programmeId ?? null;
    row.errors = errors;
    if (errors.length > 0 || ags === undefined || programmeId === undefined || read.year === undefined || read.amountCents === undefined) continue;
    resolved.push({
      line,
      result: row,
      planned,
      ags,
      programmeId,
      name: read.name,
      year: read.year,
      cents: read.amountCents,
      ...(read.state ? { state: read.state } : {}),
      area: read.area ?? null,
      population: byAgs.get(ags)?.population ?? null,
    });
  }

  // Second pass: the measures the rows find or create, in file order (a later line builds on an earlier one).
  const existing = await repo.measuresOf(ctx.db, [...new Set(resolved.map((r) => r.ags))]);
  const amounts = await repo.federalAmountsOf(ctx.db, existing.map((m) => m.id));
  const measures = new Map<string, PlannedMeasure>();
  for (const m of existing) {
    const key = measureKey(m.ags, m.programmeId, m.name);
    if (measures.has(key)) continue;
    const own = new Map<number, number>();
    for (const [k, cents] of amounts) if (k.startsWith(`${m.id}:`)) own.set(Number(k.split(":")[1]), cents);
    measures.set(key, { ...m, area: null, createdBy: null, amounts: own, changed: false });
  }
  const seen = new Map<string, number>();
  for (const r of resolved) {
    const key = measureKey(r.ags, r.programmeId, r.name);
    const earlier = seen.get(`${key}|${r.year}`);
    if (earlier !== undefined) {
      r.result.errors.push({ field: header("name"), code: MEASURE_IMPORT_ROW_CODES.duplicateRow, message: `the same measure and year as line ${earlier}` });
      continue;
    }
    seen.set(`${key}|${r.year}`, r.line);
    const programme = programmeById.get(r.programmeId);
    let measure = measures.get(key);
    if (!measure) {
      measure = {
        id: null,
        createdBy: r.line,
        ags: r.ags,
        programmeId: r.programmeId,
        name: r.name,
        area: r.area,
        state: r.state ?? "running",
        startYear: r.year,
        endYear: null,
        conceptId: null,
        areaConceptId: null,
        amounts: new Map([[r.year, r.cents]]),
        changed: true,
      };
      measures.set(key, measure);
      r.result.outcome = "created";
    } else {
      const before = { state: measure.state, startYear: measure.startYear, endYear: measure.endYear, cents: measure.amounts.get(r.year) };
      measure.state = r.state ?? measure.state;
      measure.startYear = Math.min(measure.startYear, r.year);
      if (measure.endYear !== null && measure.endYear < r.year) measure.endYear = r.year;
      measure.amounts.set(r.year, r.cents);
      const same = before.state === measure.state && before.startYear === measure.startYear && before.endYear === measure.endYear && before.cents === r.cents;
      r.result.outcome = same ? "unchanged" : "updated";
      if (!same) measure.changed = true;
    }
    r.result.ok = true;
    r.result.flags = flagsOf(measure, programme, r.population);
    r.planned.measure = measure;
  }

  const rowsOut = results.map((p) => p.result);
  const count = (outcome: MeasureImportRow["outcome"]) => rowsOut.filter((r) => r.outcome === outcome).length;
  for (const row of rowsOut) if (row.errors.length > 0) Object.assign(row, { ok: false, outcome: "error" });
  const failed = count("error");
  const summary = {
    total: rowsOut.length,
    ok: rowsOut.length - failed - count("skipped"),
    skipped: count("skipped"),
    failed,
    created: count("created"),
    updated: count("updated"),
    unchanged: count("unchanged"),
  };
  const result: MeasureImportResult = { dryRun: options.dryRun, applied: false, rows: rowsOut, summary };
  if (failed > 0 && !options.dryRun) throw new MeasureImportInvalidError(result);
  if (options.dryRun) return result;

  await write(ctx, user.id, file, results, summary);
  return { ...result, applied: true };
}

function flagsOf(measure: PlannedMeasure, programme: repo.ProgrammeRow | undefined, population: number | null): MeasureFlag[] {
  const flags: MeasureFlag[] = [];
  if (programme?.minPopulation != null && (population ?? 0) < programme.minPopulation) flags.push("below_min_population");
  if (programme?.requiresTownWideConcept && measure.conceptId === null) flags.push("town_wide_concept_missing");
  if (programme?.requiresAreaConcept && measure.areaConceptId === null) flags.push("area_concept_missing");
  return flags;
}

/** All rows in one transaction, each written measure audited, and the import itself. */
async function write(ctx: RequestContext, userId: string, file: ImportFile, planned: PlannedRow[], summary: MeasureImportResult["summary"]): Promise<void> {
  const at = isoTimestamp(ctx.clock());
  await ctx.db.transaction(async (tx) => {
    const stored = new Set<PlannedMeasure>();
    // New measures through the rules and audit of POST /api/measures (origin `import`), with every year's amount the file gives them.
    const created = [...new Set(planned.map((p) => p.measure).filter((m): m is PlannedMeasure => m !== null && m.id === null))];
    const batch = await createMeasures(
      ctx,
      created.map((m) =>
        measureInputSchema.parse({
          ags: m.ags,
          programmeId: m.programmeId,
          name: m.name,
          area: m.area,
          startYear: m.startYear,
          state: m.state,
          amounts: [...m.amounts].sort(([a], [b]) => a - b).map(([year, cents]) => ({ year, federal: cents / 100 })),
        }),
      ),
      { tx, origin: "import" },
    );
    if (!batch.applied) throw new Error(`the import's new measures were refused: ${JSON.stringify(batch.rows.flatMap((r) => r.issues))}`);
    created.forEach((m, i) => {
      m.id = batch.rows[i]?.measureId ?? null;
      stored.add(m);
    });
    for (const { result, measure } of planned) {
      if (!measure || measure.id === null || result.outcome === "skipped" || result.year === null || result.federal === null) continue;
      result.measureId = measure.id;
      if (measure.createdBy !== null) continue;
      if (measure.changed && !stored.has(measure)) {
        await repo.updateImportedMeasure(tx, measure.id, { state: measure.state, startYear: measure.startYear, endYear: measure.endYear, updatedBy: userId, at });
        stored.add(measure);
      }
      if (result.outcome === "unchanged") continue;
      const cents = Math.round(result.federal * 100);
      await repo.upsertFederalAmount(tx, measure.id, result.year, euros(cents));
      await recordAudit(
        ctx,
        "measure.imported",
        `measure:${measure.id}`,
        { row: result.row, outcome: result.outcome, ags: measure.ags, programmeId: measure.programmeId, name: measure.name, year: result.year, federal: result.federal },
        { db: tx },
      );
    }
    await recordAudit(ctx, "measures.import.applied", null, { fileName: file.fileName ?? null, ...summary }, { db: tx });
  });
}
