import type { AuditQuery } from "@insek/contracts";
import { type Db, schema } from "@insek/db";
import { type SQL, and, count, desc, eq, like, sql } from "drizzle-orm";

const { auditLog } = schema;

export type NewAuditRow = typeof auditLog.$inferInsert;

export async function insertAuditRow(db: Db, row: NewAuditRow): Promise<void> {
  await db.insert(auditLog).values(row);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function queryAuditLog(db: Db, query: AuditQuery) {
  const conditions: SQL[] = [];
  // Days are Saxon calendar days, both ends inclusive.
  if (query.from) conditions.push(sql`${auditLog.at} >= (${query.from}::date)::timestamp at time zone 'Europe/Berlin'`);
  if (query.to) conditions.push(sql`${auditLog.at} < (${query.to}::date + 1)::timestamp at time zone 'Europe/Berlin'`);
  if (query.actor) {
    conditions.push(UUID.test(query.actor) ? eq(auditLog.actorUserId, query.actor.toLowerCase()) : eq(auditLog.actorLabel, query.actor.toLowerCase()));
  }
  if (query.action) {
    conditions.push(query.action.endsWith("*") ? like(auditLog.action, `${escapeLike(query.action.slice(0, -1))}%`) : eq(auditLog.action, query.action));
  }
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
