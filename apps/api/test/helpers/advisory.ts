import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import type { App } from "../../src/app.js";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

/** A request with JSON body (if any) and the given credentials' headers. */
export function call(app: App, method: Method, url: string, headers: Record<string, string> = {}, payload?: unknown) {
  return app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

export interface AuditRow {
  action: string;
  target: string | null;
  actor_label: string;
  details: Record<string, unknown> | null;
}

/** Audit entries whose action starts with `prefix`, oldest first. */
export async function auditEntries(app: App, prefix: string): Promise<AuditRow[]> {
  const rows = await queryRows<AuditRow & { details: unknown }>(
    app.deps.database.db,
    sql`select action, target, actor_label, details from audit_log where action like ${`${prefix}%`} order by id`,
  );
  return rows.map((r) => ({ ...r, details: (typeof r.details === "string" ? JSON.parse(r.details) : r.details) as Record<string, unknown> | null }));
}

export async function countRows(app: App, table: "advisor_assignments" | "consultations" | "consultation_municipalities" | "audit_log"): Promise<number> {
  const [row] = await queryRows<{ n: number }>(app.deps.database.db, sql`select count(*)::int as n from ${sql.identifier(table)}`);
  return row?.n ?? 0;
}
