import type { AssociationDetail, AssociationListItem, AssociationRef } from "@insek/contracts";
import { type Db, schema } from "@insek/db";
import { type SQL, and, asc, eq, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

const { associationMemberships: am, associations: a, municipalities: m } = schema;

/** Rows of a table with valid_from/valid_to (associations, memberships) valid on `on`: valid_to is the first day without. */
function validOn(table: { validFrom: AnyPgColumn; validTo: AnyPgColumn }, on: string): SQL {
  const day = sql`${on}::date`;
  return sql`(${table.validFrom} is null or ${table.validFrom} <= ${day}) and (${table.validTo} is null or ${table.validTo} > ${day})`;
}

/** Keys of the municipalities that are members of association `key` on `on` (a subquery for the list filter). */
export function membersOn(key: string, on: string): SQL {
  return sql`select ${am.ags} from ${am} where ${am.associationKey} = ${key} and ${validOn(am, on)}`;
}

const associationColumns = {
  key: a.key,
  name: a.name,
  type: a.type,
  districtKey: a.districtKey,
  seat: a.seat,
  fulfillingAgs: a.fulfillingAgs,
  validFrom: a.validFrom,
  validTo: a.validTo,
};

/** The associations that exist on `asOf`, each with its members on that day. */
export async function listAssociations(db: Db, asOf: string): Promise<AssociationListItem[]> {
  const associations = await db.select(associationColumns).from(a).where(validOn(a, asOf)).orderBy(asc(a.key));
  const members = await db
    .select({ key: am.associationKey, ags: m.ags, name: m.name, displayName: m.displayName })
    .from(am)
    .innerJoin(m, eq(m.ags, am.ags))
    .where(validOn(am, asOf))
    .orderBy(asc(am.associationKey), asc(m.ags));
  const byKey = new Map<string, AssociationListItem["members"]>();
  for (const { key, ...member } of members) {
    const list = byKey.get(key) ?? [];
    list.push(member);
    byKey.set(key, list);
  }
  return associations.map(({ validFrom: _from, validTo: _to, ...association }) => ({ ...association, members: byKey.get(association.key) ?? [] }));
}

/** One association (current or dissolved) with every membership over time. */
export async function findAssociation(db: Db, key: string): Promise<AssociationDetail | undefined> {
  const [association] = await db.select(associationColumns).from(a).where(eq(a.key, key));
  if (!association) return undefined;
  const members = await db
    .select({ ags: m.ags, name: m.name, displayName: m.displayName, validFrom: am.validFrom, validTo: am.validTo })
    .from(am)
    .innerJoin(m, eq(m.ags, am.ags))
    .where(eq(am.associationKey, key))
    .orderBy(asc(m.ags), sql`${am.validFrom} nulls first`);
  return { ...association, members };
}

/** The association municipality `ags` belongs to on `on`, or null. */
export async function associationOf(db: Db, ags: string, on: string): Promise<AssociationRef | null> {
  const [row] = await db
    .select({ key: a.key, name: a.name, type: a.type })
    .from(am)
    .innerJoin(a, eq(a.key, am.associationKey))
    .where(and(eq(am.ags, ags), validOn(am, on)))
    .limit(1);
  return row ?? null;
}

/** AGS -> name of the association the municipality belongs to on `on` (for the export column). */
export async function associationNamesOn(db: Db, on: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ ags: am.ags, name: a.name })
    .from(am)
    .innerJoin(a, eq(a.key, am.associationKey))
    .where(validOn(am, on));
  return new Map(rows.map((r) => [r.ags, r.name]));
}
