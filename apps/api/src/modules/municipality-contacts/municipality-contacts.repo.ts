import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, eq, sql } from "drizzle-orm";

const { municipalityContacts } = schema;

export interface ContactRow {
  ags: string;
  email: string;
  name: string | null;
  function: string | null;
  updatedAt: Date | string;
  updatedBy: string | null;
}

export interface ContactListRow {
  ags: string;
  municipality_name: string;
  district_key: string;
  district_name: string;
  email: string | null;
  name: string | null;
  function_title: string | null;
  updated_at: Date | string | null;
  updated_by_name: string | null;
  account_emails: string[] | null;
}

export interface ContactFilter {
  district?: string | undefined;
  q?: string | undefined;
  /** Only municipalities with no address at all. */
  missing?: boolean | undefined;
}

/** Existing on `today` (the registry's validity range). */
const existsOn = (today: string) => sql`(m.valid_from is null or m.valid_from <= ${today}::date) and (m.valid_to is null or m.valid_to > ${today}::date)`;

const accountEmails = sql`(select array_agg(lower(u.email) order by u.email) from user_municipalities um join users u on u.id = um.user_id
  where um.ags = m.ags and u.role = 'municipality' and u.disabled_at is null)`;

/** The municipalities existing today with their contact and their accounts' e-mails, by name. */
export async function listContacts(db: Db, today: string, filter: ContactFilter): Promise<ContactListRow[]> {
  const conditions: SQL[] = [existsOn(today)];
  if (filter.district) conditions.push(sql`m.district_key = ${filter.district}`);
  if (filter.q) {
    const like = `%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(lower(m.display_name) like ${like} or m.ags like ${`${filter.q.replace(/[\\%_]/g, "")}%`})`);
  }
  if (filter.missing) conditions.push(sql`c.ags is null and ${accountEmails} is null`);
  return queryRows<ContactListRow>(
    db,
    sql`select m.ags, m.display_name as municipality_name, m.district_key, d.name as district_name,
          c.email, c.name, c.function_title, c.updated_at, u.display_name as updated_by_name, ${accountEmails} as account_emails
        from municipalities m
        join districts d on d.key = m.district_key
        left join municipality_contacts c on c.ags = m.ags
        left join users u on u.id = c.updated_by
        where ${sql.join(conditions, sql` and `)}
        order by m.sort_key, m.ags`,
  );
}

/** How many municipalities existing today have neither a contact nor an account. */
export async function countWithoutAddress(db: Db, today: string): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(
    db,
    sql`select count(*) as n from municipalities m left join municipality_contacts c on c.ags = m.ags
        where ${existsOn(today)} and c.ags is null and ${accountEmails} is null`,
  );
  return Number(row?.n ?? 0);
}

/** The display names of the listed AGS that exist today. */
export async function municipalitiesToday(db: Db, today: string, ags: readonly string[]): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  if (ags.length === 0) return map;
  const rows = await queryRows<{ ags: string; display_name: string }>(
    db,
    sql`select m.ags, m.display_name from municipalities m
        where m.ags in (${sql.join([...new Set(ags)].map((a) => sql`${a}`), sql`, `)}) and ${existsOn(today)}`,
  );
  for (const row of rows) map.set(row.ags, row.display_name);
  return map;
}

export async function findContacts(db: Db, ags: readonly string[], lock = false): Promise<Map<string, ContactRow>> {
  const map = new Map<string, ContactRow>();
  if (ags.length === 0) return map;
  const rows = await queryRows<ContactRow>(
    db,
    sql`select ags, email, name, function_title as "function", updated_at as "updatedAt", updated_by as "updatedBy"
        from municipality_contacts where ags in (${sql.join([...new Set(ags)].map((a) => sql`${a}`), sql`, `)})
        ${lock ? sql`for update` : sql``}`,
  );
  for (const row of rows) map.set(row.ags, row);
  return map;
}

export async function upsertContact(
  db: Db,
  row: { ags: string; email: string; name: string | null; function: string | null; updatedAt: Date; updatedBy: string | null },
): Promise<void> {
  await db
    .insert(municipalityContacts)
    .values(row)
    .onConflictDoUpdate({
      target: municipalityContacts.ags,
      set: { email: row.email, name: row.name, function: row.function, updatedAt: row.updatedAt, updatedBy: row.updatedBy },
    });
}

export async function deleteContact(db: Db, ags: string): Promise<boolean> {
  const rows = await db.delete(municipalityContacts).where(eq(municipalityContacts.ags, ags)).returning({ ags: municipalityContacts.ags });
  return rows.length > 0;
}
