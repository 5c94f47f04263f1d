import type { AuditFilter, AuditQuery } from "@insek/contracts";
import { type Db, schema } from "@insek/db";
import { type SQL, and, count, desc, eq, like, lte, max, or, sql } from "drizzle-orm";

const { auditLog } = schema;

export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRow(db: Db, row: NewAuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The WHERE of the audit log's filters (shared by the page and the export). */
function filterConditions(filter: AuditFilter): SQL[] {
  const conditions: SQL[] = [];
  // Days are Saxon calendar days, both ends inclusive.
  if (filter.from) conditions.push(sql`${auditLog.at} >= (${filter.from}::date)::timestamp at time zone 'Europe/Berlin'`);
  if (filter.to) conditions.push(sql`${auditLog.at} < (${filter.to}::date + 1)::timestamp at time zone 'Europe/Berlin'`);
  if (filter.actor) {
    conditions.push(UUID.test(filter.actor) ? eq(auditLog.actorUserId, filter.actor.toLowerCase()) : eq(auditLog.actorLabel, filter.actor.toLowerCase()));
  }
  if (filter.action) {
    conditions.push(filter.action.endsWith("*") ? like(auditLog.action, `${escapeLike(filter.action.slice(0, -1))}%`) : eq(auditLog.action, filter.action));
  }
  if (filter.ags) {
    // The municipality is the target (status events, update requests) or named in the details, alone or in a
    // list (consultations, assignments, accounts): jsonb containment takes both, a string and an array holding it.
    const ags = filter.ags;
    const about = or(eq(auditLog.target, `municipality:${ags}`), sql`${auditLog.details} -> 'ags' @> to_jsonb(${ags}::text)`);
    if (about) conditions.push(about);
  }
  return conditions;
}

export async function queryAuditLog(db: Db, query: AuditQuery) {
  const conditions = filterConditions(query);
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [total] = await db.select({ n: count() }).from(auditLog).where(where);
  const rows = await db
    .select()
    .from(auditLog)
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(query.limit)
    .offset(query.offset);
  return { rows, total: total?.n ?? 0 };
}

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * Every matching entry, newest first, read a chunk at a time (the log only grows, so the entries that
 * existed at the first read are a fixed set: later entries are left out by their id).
 */
export async function* auditLogChunks(db: Db, filter: AuditFilter, chunkSize: number): AsyncGenerator<AuditRow[]> {
  const [last] = await db.select({ id: max(auditLog.id) }).from(auditLog);
  const lastId = last?.id ?? null;
  if (lastId === null) return;
  const where = and(lte(auditLog.id, lastId), ...filterConditions(filter));
  for (let offset = 0; ; offset += chunkSize) {
    const rows = await db.select().from(auditLog).where(where).orderBy(desc(auditLog.at), desc(auditLog.id)).limit(chunkSize).offset(offset);
    if (rows.length > 0) yield rows;
    if (rows.length < chunkSize) return;
  }
}
