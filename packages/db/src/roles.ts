import { sql } from "drizzle-orm";
import { type DatabaseHandle, queryRows } from "./client.js";

/** A plain PostgreSQL role name (quoted all the same). */
const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export class RoleGrantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RoleGrantError";
  }
}

export interface GrantReport {
  role: string;
  /** Tables the role may read and write (SELECT, INSERT, UPDATE, DELETE). */
  readWrite: string[];
  /** Append-only tables (history, audit): SELECT and INSERT only. */
  appendOnly: string[];
}

/**
 * Gives the application's database role exactly what the server needs, run as the owner of the schema
 * (after each migration: `pnpm insek migrate --app-role <role>`, or `pnpm insek db:grant --app-role <role>`):
 * SELECT, INSERT, UPDATE, DELETE on the tables; on the append-only tables (a trigger refuses changes:
 * `<table>_no_update_delete`, i.e. status_events and audit_log) SELECT and INSERT only; the sequences;
 * reading the migration journal (readiness). No TRUNCATE, REFERENCES or TRIGGER, no ownership: the role
 * cannot disable the append-only triggers (ALTER TABLE needs the owner) nor set session_replication_role
 * (superuser only). Default privileges make tables the owner creates later readable and writable too;
 * rerun after a migration that adds an append-only table. Idempotent.
 */
export async function grantApplicationRole(handle: DatabaseHandle, role: string): Promise<GrantReport> {
  if (handle.kind !== "postgres") throw new RoleGrantError("Database roles exist on PostgreSQL only (DATABASE_URL); the embedded database has one role.");
  if (!ROLE_NAME.test(role)) throw new RoleGrantError(`"${role}" is not a plain role name (lower-case letters, digits, _)`);
  const app = sql.identifier(role);
  return handle.db.transaction(async (tx) => {
    const [self] = await queryRows<{ me: string; exists: boolean; superuser: boolean }>(
      tx,
      sql`select current_user as me, exists(select 1 from pg_roles where rolname = ${role}) as exists,
                 coalesce((select rolsuper from pg_roles where rolname = ${role}), false) as superuser`,
    );
    if (!self?.exists) throw new RoleGrantError(`The role "${role}" does not exist: create it first (CREATE ROLE ${role} LOGIN PASSWORD '...')`);
    if (self.me === role) throw new RoleGrantError(`Run this as the owner role, not as "${role}" itself`);
    if (self.superuser) throw new RoleGrantError(`"${role}" is a superuser: the application's role must not be one`);
    const owned = await queryRows<{ name: string }>(
      tx,
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname in ('public', 'drizzle') and pg_get_userbyid(c.relowner) = ${role}`,
    );
    if (owned.length > 0) {
      throw new RoleGrantError(`"${role}" owns ${owned.map((o) => o.name).join(", ")}: the application's role must own nothing (ALTER TABLE ... OWNER TO <owner role>)`);
    }
    const tables = await queryRows<{ name: string; append_only: boolean }>(
      tx,
      sql`select c.relname as name,
                 exists(select 1 from pg_trigger t where t.tgrelid = c.oid and t.tgname = c.relname || '_no_update_delete') as append_only
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
    );
    const appendOnly = tables.filter((t) => t.append_only).map((t) => t.name);
    const readWrite = tables.filter((t) => !t.append_only).map((t) => t.name);

    await tx.execute(sql`grant usage on schema public to ${app}`);
    await tx.execute(sql`revoke all on all tables in schema public from ${app}`);
    for (const name of readWrite) await tx.execute(sql`grant select, insert, update, delete on table ${sql.identifier(name)} to ${app}`);
    for (const name of appendOnly) await tx.execute(sql`grant select, insert on table ${sql.identifier(name)} to ${app}`);
    await tx.execute(sql`grant usage, select on all sequences in schema public to ${app}`);
    await tx.execute(sql`alter default privileges in schema public grant select, insert, update, delete on tables to ${app}`);
    await tx.execute(sql`alter default privileges in schema public grant usage, select on sequences to ${app}`);
    const [journal] = await queryRows<{ present: boolean }>(tx, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
    if (journal?.present) {
      await tx.execute(sql`grant usage on schema drizzle to ${app}`);
      await tx.execute(sql`grant select on drizzle.__drizzle_migrations to ${app}`);
    }
    return { role, readWrite, appendOnly };
  });
}
