import type { Db } from "@insek/db";
import type { FastifyRequest } from "fastify";
import { insertAuditRow } from "../modules/audit/audit.repo.js";

export interface AuditOptions {
  /** Who acted, when it is not the request's principal (e.g. the account a login signed in to). */
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

/** An audit log row with its details given (the shape `audit` writes). */
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
 * The audit log row for this request: who (the request's principal unless given), when (the app's clock),
 * from where (address, request id), what (action, target, details, secrets redacted). For a caller that
 * writes the row itself in the statement of its change (e.g. a status event and its entry together).
 */
export function auditEntry(
  request: FastifyRequest,
  action: string,
  target: string | null,
  details: Record<string, unknown>,
  options: Pick<AuditOptions, "actor"> = {},
): AuditEntry {
  const principal = request.principal;
  const actor =
    options.actor ??
    (principal.kind === "user" ? { userId: principal.user.id, label: principal.user.email } : { userId: null, label: "anonymous" });
  return {
    at: request.server.deps.clock(),
    actorUserId: actor.userId,
    actorLabel: actor.label,
    address: request.ip,
    requestId: request.id,
    action,
    target,
    details: redact(details) as Record<string, unknown>,
  };
}

/**
 * Appends to the audit log: who (the request's principal unless given), when (the app's clock), from
 * where (address, request id), what (action, target, details). Every write and every login attempt calls it.
 * Actions are dotted names, e.g. "auth.login.failed", "user.updated", "settings.public_access.changed".
 */
export async function audit(
  request: FastifyRequest,
  action: string,
  target: string | null,
  details?: Record<string, unknown>,
  options: AuditOptions = {},
): Promise<void> {
  const row = auditEntry(request, action, target, details ?? {}, options);
  await insertAuditRow(options.db ?? request.server.deps.database.db, { ...row, details: details === undefined ? null : row.details });
}
