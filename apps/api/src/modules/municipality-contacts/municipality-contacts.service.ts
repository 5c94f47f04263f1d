import {
  CONTACT_IMPORT_COLUMNS,
  type ContactImportResult,
  ERROR_CODES,
  type MunicipalityContact,
  type MunicipalityContactItem,
  agsSchema,
  municipalityContactInputSchema,
} from "@insek/contracts";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, NotFoundError } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import { requireSignedIn } from "../../lib/access.js";
import { quoteOf } from "../../lib/uploads/upload-limits.js";
import { isoTimestamp } from "../../lib/timestamps.js";
import { recordAudit } from "../audit/audit.service.js";
import { ImportUnreadableError, readTable } from "../event-import/read-table.js";
import { municipalityNotFound, parseAgsParam } from "../municipalities/ags-param.js";
import * as repo from "./municipality-contacts.repo.js";

/**
 * Municipality contacts (decision 0028): the address update requests go to besides the municipality's
 * accounts. SMR and FS INGE keep them, one at a time or by a CSV import (dry run first, a report per row,
 * all rows or none). Every change is audited with what it was before.
 */

type ContactFields = { email: string; name: string | null; function: string | null };

function fieldsOf(row: repo.ContactRow | undefined): ContactFields | null {
  return row ? { email: row.email, name: row.name, function: row.function } : null;
}

function sameFields(a: ContactFields | null, b: ContactFields): boolean {
  return a !== null && a.email === b.email && a.name === b.name && a.function === b.function;
}

export async function listContacts(ctx: RequestContext, filter: repo.ContactFilter) {
  const today = todayInSaxony(ctx.clock);
  const [rows, withoutAddress] = await Promise.all([repo.listContacts(ctx.db, today, filter), repo.countWithoutAddress(ctx.db, today)]);
  const items: MunicipalityContactItem[] = rows.map((row) => ({
    ags: row.ags,
    municipalityName: row.municipality_name,
    districtKey: row.district_key,
    districtName: row.district_name,
    contact:
      row.email === null || row.updated_at === null
        ? null
        : { email: row.email, name: row.name, function: row.function_title, updatedAt: isoTimestamp(row.updated_at), updatedBy: row.updated_by_name },
    accountEmails: row.account_emails ?? [],
  }));
  return { items, total: items.length, withoutAddress };
}

/** Sets a municipality's contact (creates or replaces it); 404 for a municipality that does not exist today. */
export async function putContact(ctx: RequestContext, agsParam: string, input: { email: string; name?: string | null | undefined; function?: string | null | undefined }): Promise<MunicipalityContact> {
  const ags = parseAgsParam(agsParam);
  const { user } = requireSignedIn(ctx.principal);
  const today = todayInSaxony(ctx.clock);
  const now = ctx.clock();
  const fields: ContactFields = { email: input.email, name: input.name?.trim() || null, function: input.function?.trim() || null };
  return ctx.db.transaction(async (tx) => {
    if (!(await repo.municipalitiesToday(tx, today, [ags])).has(ags)) throw municipalityNotFound(ags);
    const before = fieldsOf((await repo.findContacts(tx, [ags], true)).get(ags));
    if (!sameFields(before, fields)) {
      await repo.upsertContact(tx, { ags, ...fields, updatedAt: now, updatedBy: user.id });
      await recordAudit(ctx, before ? "municipality_contact.updated" : "municipality_contact.created", `municipality:${ags}`, { before, after: fields }, { db: tx });
    }
    const after = (await repo.findContacts(tx, [ags])).get(ags);
    if (!after) throw new Error(`contact of ${ags} vanished`);
    return { ...fields, updatedAt: isoTimestamp(after.updatedAt), updatedBy: user.displayName };
  });
}

export async function deleteContact(ctx: RequestContext, agsParam: string): Promise<void> {
  const ags = parseAgsParam(agsParam);
  await ctx.db.transaction(async (tx) => {
    const before = fieldsOf((await repo.findContacts(tx, [ags], true)).get(ags));
    if (!before || !(await repo.deleteContact(tx, ags))) {
      throw new NotFoundError(ERROR_CODES.notFound, `Municipality ${ags} has no contact`);
    }
    await recordAudit(ctx, "municipality_contact.deleted", `municipality:${ags}`, { before }, { db: tx });
  });
}

export class ContactImportInvalidError extends AppError {
  constructor(readonly result: ContactImportResult) {
    super(422, ERROR_CODES.importInvalid, `${result.summary.failed} of ${result.summary.total} rows cannot be applied; nothing was written`);
  }
}

type ImportField = keyof typeof CONTACT_IMPORT_COLUMNS;
const IMPORT_FIELDS = Object.keys(CONTACT_IMPORT_COLUMNS) as ImportField[];
const normalise = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, "");

function columnsOf(header: string[]): Partial<Record<ImportField, number>> {
  const columns: Partial<Record<ImportField, number>> = {};
  header.forEach((name, index) => {
    const key = normalise(name);
    const field = IMPORT_FIELDS.find((f) => normalise(CONTACT_IMPORT_COLUMNS[f]) === key || f.toLowerCase() === key);
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const missing = (["ags", "email"] as const).filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    throw new ImportUnreadableError(
      `Missing column ${missing.map((f) => `"${CONTACT_IMPORT_COLUMNS[f]}"`).join(" and ")} in the first line ` +
        `(expected: ${IMPORT_FIELDS.map((f) => CONTACT_IMPORT_COLUMNS[f]).join("; ")})`,
    );
  }
  return columns;
}

/**
 * Reads a CSV of contacts (AGS; E-Mail; Name; Funktion) after the upload checks of its kind, checks every row
 * and reports each: created, updated, unchanged or error. A dry run writes nothing; a real run writes every
 * row or, if any row fails, none (422 IMPORT_INVALID with the same report).
 */
export async function importContacts(ctx: RequestContext, data: Buffer, dryRun: boolean): Promise<ContactImportResult> {
  const { user } = requireSignedIn(ctx.principal);
  const table = await readTable("csv", data);
  const columns = columnsOf(table.header);
  if (table.rows.length === 0) throw new AppError(400, ERROR_CODES.importUnreadable, "The file holds no data rows");
  const today = todayInSaxony(ctx.clock);
  const now = ctx.clock();
  const cell = (cells: string[], field: ImportField) => {
    const index = columns[field];
    return index === undefined ? "" : (cells[index] ?? "").trim();
  };
  const agsOfRows = table.rows.map(({ cells }) => cell(cells, "ags"));

  return ctx.db.transaction(async (tx) => {
    const names = await repo.municipalitiesToday(tx, today, agsOfRows.filter((a) => agsSchema.safeParse(a).success));
    const stored = await repo.findContacts(tx, [...names.keys()], true);
    const seen = new Map<string, number>();
    const writes: { ags: string; before: ContactFields | null; after: ContactFields }[] = [];
    const rows: ContactImportResult["rows"] = table.rows.map(({ line, cells }) => {
      const ags = cell(cells, "ags");
      const errors: ContactImportResult["rows"][number]["errors"] = [];
      if (!agsSchema.safeParse(ags).success) {
        errors.push({ field: CONTACT_IMPORT_COLUMNS.ags, code: ERROR_CODES.invalidAgs, message: `"${quoteOf(ags)}" is not an 8-digit AGS` });
      } else if (!names.has(ags)) {
        errors.push({ field: CONTACT_IMPORT_COLUMNS.ags, code: ERROR_CODES.unknownAgs, message: `no municipality ${ags} exists today` });
      } else if (seen.has(ags)) {
        errors.push({ field: CONTACT_IMPORT_COLUMNS.ags, code: ERROR_CODES.duplicateRow, message: `${ags} is listed in line ${seen.get(ags) ?? "?"} already` });
      }
      if (agsSchema.safeParse(ags).success && !seen.has(ags)) seen.set(ags, line);
      const parsed = municipalityContactInputSchema.safeParse({
        email: cell(cells, "email"),
        name: cell(cells, "name") || null,
        function: cell(cells, "function") || null,
      });
      if (!parsed.success) {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? "email") as ImportField;
          const empty = field === "email" && cell(cells, "email") === "";
          errors.push({
            field: CONTACT_IMPORT_COLUMNS[field],
            code: empty ? ERROR_CODES.validation : field === "email" ? ERROR_CODES.invalidEmail : ERROR_CODES.validation,
            message: empty ? "required" : field === "email" ? `"${quoteOf(cell(cells, "email"))}" is not an e-mail address` : issue.message,
          });
        }
      }
      const name = names.get(ags) ?? null;
      if (errors.length > 0 || !parsed.success) return { row: line, ags: ags || null, municipalityName: name, outcome: "error" as const, errors };
      const after: ContactFields = { email: parsed.data.email, name: parsed.data.name ?? null, function: parsed.data.function ?? null };
      const before = fieldsOf(stored.get(ags));
      if (sameFields(before, after)) return { row: line, ags, municipalityName: name, outcome: "unchanged" as const, errors };
      writes.push({ ags, before, after });
      return { row: line, ags, municipalityName: name, outcome: before ? ("updated" as const) : ("created" as const), errors };
    });
    const count = (outcome: string) => rows.filter((r) => r.outcome === outcome).length;
    const summary = { total: rows.length, created: count("created"), updated: count("updated"), unchanged: count("unchanged"), failed: count("error") };
    const result: ContactImportResult = { dryRun, applied: false, rows, summary };
    if (dryRun) return result;
    if (summary.failed > 0) throw new ContactImportInvalidError(result);
    for (const write of writes) {
      await repo.upsertContact(tx, { ags: write.ags, ...write.after, updatedAt: now, updatedBy: user.id });
      await recordAudit(ctx, "municipality_contact.imported", `municipality:${write.ags}`, { before: write.before, after: write.after }, { db: tx });
    }
    await recordAudit(ctx, "municipality_contact.import", null, { rows: summary.total, created: summary.created, updated: summary.updated, unchanged: summary.unchanged }, { db: tx });
    return { ...result, applied: true };
  });
}
