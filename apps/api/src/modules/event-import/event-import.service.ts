import { ERROR_CODES, type EventImportResult, type EventImportRow } from "@insek/contracts";
import { AppError } from "../../lib/errors.js";
import { recordEventIn } from "../events/events.service.js";
import type { EventActor, EventDeps } from "../events/events.types.js";
import { type ImportRowError, columnOf, columnsOf, parseRow } from "./import-row.js";
import { type TableFormat, readTable } from "./read-table.js";

/** A real run in which some row failed: nothing was written (422, with the per-row results). */
export class ImportInvalidError extends AppError {
  constructor(readonly result: EventImportResult) {
    super(
      422,
      ERROR_CODES.importInvalid,
      `${result.summary.failed} of ${result.summary.total} rows cannot be applied; nothing was written`,
    );
  }
}

/** Ends the transaction of a dry run or of a failed run without writing. */
class RollBack extends Error {}

function rowErrorsOf(error: AppError): ImportRowError[] {
  if (error.issues && error.issues.length > 0) {
    return error.issues.map((i) => ({ field: columnOf(i.path), code: i.code, message: i.message }));
  }
  return [{ field: columnOf("ags"), code: error.code, message: error.message }];
}

/**
 * Applies the rows of a CSV or XLSX file in file order, each through the rules of
 * POST /api/municipalities/:ags/events, in one transaction: later rows build on earlier ones. A dry run,
 * or a real run with any failing row, rolls everything back.
 */
export async function importEvents(
  deps: EventDeps,
  actor: EventActor,
  format: TableFormat,
  data: Buffer,
  dryRun: boolean,
): Promise<EventImportResult> {
  const table = await readTable(format, data);
  const columns = columnsOf(table.header);
  if (table.rows.length === 0) throw new AppError(400, ERROR_CODES.importUnreadable, "The file holds no data rows");

  const rows: EventImportRow[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      for (const { line, cells } of table.rows) {
        const parsed = parseRow(cells, columns);
        let errors = parsed.errors;
        if (parsed.input && parsed.ags) {
          const { ags, input } = parsed;
          try {
            // A savepoint per row: a refused row leaves nothing behind (not even its version claim).
            await tx.transaction((row) => recordEventIn(row, deps, ags, input, "current", actor));
          } catch (error) {
            if (!(error instanceof AppError)) throw error;
            errors = rowErrorsOf(error);
          }
        }
        rows.push({ row: line, ags: parsed.ags, ok: errors.length === 0, errors });
      }
      if (dryRun || rows.some((r) => !r.ok)) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
  }

  const failed = rows.filter((r) => !r.ok).length;
  const result: EventImportResult = {
    dryRun,
    applied: !dryRun && failed === 0,
    rows,
    summary: { total: rows.length, ok: rows.length - failed, failed },
  };
  if (!dryRun && failed > 0) throw new ImportInvalidError(result);
  return result;
}
