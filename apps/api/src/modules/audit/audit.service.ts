import type { AuditFilter } from "@insek/contracts";
import type { Db } from "@insek/db";
import type { RequestContext } from "../../lib/request-context.js";
import type { Column } from "../exports/export-columns.js";
import { csvHeader, csvRows } from "../exports/export-csv.js";
import { type AuditRow, auditLogChunks, insertAuditRow } from "./audit.repo.js";

/** What an audit entry needs to know of the request: who, from where, when, and where to write. */
export type AuditContext = Pick<RequestContext, "principal" | "address" | "requestId" | "clock" | "db">;

export interface AuditOptions {
  /** Who acted, when it is not the context's principal (e.g. the account a login signed in to). */
  actor?: { userId: string | null; label: string };
  /** The transaction of the change, so that the change and its audit entry are written together. */
  db?: Db;
}

const SECRET_KEY = /password|token|secret|hash/i;

/** A safety net: whatever a caller passes, secrets never reach the audit log. */
function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? "[redacted]" : redact(v)]),
  );
}

/** An audit log row with its details given (the shape `recordAudit` writes). */
export interface AuditEntry {
  at: Date;
  actorUserId: string | null;
  actorLabel: string;
  address: string | null;
  requestId: string | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
}

/**
 * The audit log row for this context: who (the principal unless given), when (the app's clock), from
 * where (address, request id), what (action, target, details, secrets redacted). For a caller that
 * writes the row itself in the statement of its change (e.g. a status event and its entry together).
 */
export function auditEntry(
  ctx: AuditContext,
  action: string,
  target: string | null,
  details: Record<string, unknown>,
  options: Pick<AuditOptions, "actor"> = {},
): AuditEntry {
  const principal = ctx.principal;
  const actor =
    options.actor ??
    (principal.kind === "user" ? { userId: principal.user.id, label: principal.user.email } : { userId: null, label: "anonymous" });
  return {
    at: ctx.clock(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    address: ctx.address,
    requestId: ctx.requestId,
    action,
    target,
    details: redact(details) as Record<string, unknown>,
  };
}

/**
 * Appends to the audit log: who (the context's principal unless given), when (the app's clock), from
 * where (address, request id), what (action, target, details). Every write and every login attempt calls it.
 * Actions are dotted names, e.g. "auth.login.failed", "user.updated", "settings.public_access.changed".
 * Written with `options.db` (the change's transaction) when given, else with the context's database.
 */
export async function recordAudit(
  ctx: AuditContext,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  options: AuditOptions = {},
): Promise<void> {
  const row = auditEntry(ctx, action, target, details ?? {}, options);
  await insertAuditRow(options.db ?? ctx.db, { ...row, details: details === undefined ? null : row.details });
}

/** The audit export's columns: German headers, times in Saxony's wall-clock time, details as JSON. */
const AUDIT_COLUMNS: Column<AuditRow>[] = [
  { header: "Zeitpunkt", kind: "timestamp", value: (r) => r.at.toISOString(), width: 18 },
  { header: "Person", kind: "freeText", value: (r) => r.actorLabel, width: 30 },
  { header: "Konto-ID", kind: "text", value: (r) => r.actorUserId, width: 38 },
  { header: "Aktion", kind: "text", value: (r) => r.action, width: 30 },
  { header: "Ziel", kind: "freeText", value: (r) => r.target, width: 40 },
  { header: "Adresse", kind: "freeText", value: (r) => r.address, width: 16 },
  { header: "Anfrage-ID", kind: "freeText", value: (r) => r.requestId, width: 24 },
  { header: "Details", kind: "freeText", value: (r) => (r.details === null ? null : JSON.stringify(r.details)), width: 60 },
];

/** Entries read and formatted per chunk: a long log never sits in memory whole. */
const EXPORT_CHUNK = 1000;

/** The matching audit entries as CSV for German Excel (the conventions of the other exports), newest first, in parts. */
export async function* auditCsv(db: Db, filter: AuditFilter): AsyncGenerator<string> {
  yield csvHeader(AUDIT_COLUMNS);
  for await (const rows of auditLogChunks(db, filter, EXPORT_CHUNK)) yield csvRows(AUDIT_COLUMNS, rows);
}
