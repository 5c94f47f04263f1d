import type { AssociationDetail, AssociationListItem, AssociationRef, AssociationType } from "@insek/contracts";
import { type Db, queryRows } from "@insek/db";
import { type SQL, sql } from "drizzle-orm";

/** Rows of `alias` (associations or association_memberships) that are valid on `on`: valid_to is the first day without. */
export function validOn(alias: string, on: string | SQL): SQL {
  const day = typeof on === "string" ? sql`${on}::date` : on;
  const a = sql.raw(alias);
  return sql`(${a}.valid_from is null or ${a}.valid_from <= ${day}) and (${a}.valid_to is null or ${a}.valid_to > ${day})`;
}

/** Keys of the municipalities that are members of association `key` on `on` (a subquery for the list filter). */
export function membersOn(key: string, on: string): SQL {
  return sql`select am.ags from association_memberships am where am.association_key = ${key} and ${validOn("am", on)}`;
}

interface AssociationRow {
  key: string;
  name: string;
  type: AssociationType;
  district_key: string;
  seat: string;
  fulfilling_ags: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

const associationColumns = sql`a.key, a.name, a.type, a.district_key, a.seat, a.fulfilling_ags,
  a.valid_from::text as valid_from, a.valid_to::text as valid_to`;

/** The associations that exist on `asOf`, each with its members on that day. */
export async function listAssociations(db: Db, asOf: string): Promise<AssociationListItem[]> {
  const associations = await queryRows<AssociationRow>(
    db,
    sql`select ${associationColumns} from associations a where ${validOn("a", asOf)} order by a.key`,
  );
  const members = await queryRows<{ key: string; ags: string; name: string; display_name: string }>(
    db,
    sql`select am.association_key as key, m.ags, m.name, m.display_name
        from association_memberships am join municipalities m on m.ags = am.ags
        where ${validOn("am", asOf)}
        order by am.association_key, m.ags`,
  );
  const byKey = new Map<string, AssociationListItem["members"]>();
  for (const m of members) {
    const list = byKey.get(m.key) ?? [];
    list.push({ ags: m.ags, name: m.name, displayName: m.display_name });
    byKey.set(m.key, list);
  }
  return associations.map((a) => ({
    key: a.key,
    name: a.name,
    type: a.type,
    districtKey: a.district_key,
    seat: a.seat,
    fulfillingAgs: a.fulfilling_ags,
    members: byKey.get(a.key) ?? [],
  }));
}

/** One association (current or dissolved) with every membership over time. */
export async function findAssociation(db: Db, key: string): Promise<AssociationDetail | undefined> {
  const [a] = await queryRows<AssociationRow>(db, sql`select ${associationColumns} from associations a where a.key = ${key}`);
  if (!a) return undefined;
  const members = await queryRows<{ ags: string; name: string; display_name: string; valid_from: string | null; valid_to: string | null }>(
    db,
    sql`select m.ags, m.name, m.display_name, am.valid_from::text as valid_from, am.valid_to::text as valid_to
        from association_memberships am join municipalities m on m.ags = am.ags
        where am.association_key = ${key}
        order by m.ags, am.valid_from nulls first`,
  );
  return {
    key: a.key,
    name: a.name,
    type: a.type,
    districtKey: a.district_key,
    seat: a.seat,
    fulfillingAgs: a.fulfilling_ags,
    validFrom: a.valid_from,
    validTo: a.valid_to,
    members: members.map((m) => ({
      ags: m.ags,
      name: m.name,
      displayName: m.display_name,
      validFrom: m.valid_from,
      validTo: m.valid_to,
    })),
  };
}

/** The association municipality `ags` belongs to on `on`, or null. */
export async function associationOf(db: Db, ags: string, on: string): Promise<AssociationRef | null> {
  const [row] = await queryRows<{ key: string; name: string; type: AssociationType }>(
    db,
    sql`select a.key, a.name, a.type
        from association_memberships am join associations a on a.key = am.association_key
        where am.ags = ${ags} and ${validOn("am", on)}
        limit 1`,
  );
  return row ? { key: row.key, name: row.name, type: row.type } : null;
}

/** AGS -> name of the association the municipality belongs to on `on` (for the export column). */
export async function associationNamesOn(db: Db, on: string): Promise<Map<string, string>> {
  const rows = await queryRows<{ ags: string; name: string }>(
    db,
    sql`select am.ags, a.name from association_memberships am join associations a on a.key = am.association_key
        where ${validOn("am", on)}`,
  );
  return new Map(rows.map((r) => [r.ags, r.name]));
}
