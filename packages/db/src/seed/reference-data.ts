import { count, desc, eq } from "drizzle-orm";
import { foldForSearch, searchText, type SaxonyReferenceData } from "@insek/refdata";
import type { Db } from "../client.js";
import { associationMemberships, associations, districts, municipalities, registryImports } from "../schema/index.js";

/** `associations-seeded`: an existing registry got the associations it did not have yet (decision 0021). */
export type SeedOutcome = "seeded" | "associations-seeded" | "unchanged";

/**
 * Fills an empty registry with the shipped reference data. A registry that has been filled before
 * (by this seed or by a directory import) is left alone, so a second start changes nothing and a
 * newer imported directory is never overwritten by older shipped data. The one exception: a registry
 * without associations at the shipped territorial status gets the shipped associations (databases
 * created before associations existed); at any other status `insek import-gv100ad` fills them.
 */
export async function seedReferenceData(db: Db, data: SaxonyReferenceData): Promise<SeedOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(registryImports);
    if ((existing?.n ?? 0) > 0) {
      const [associationCount] = await tx.select({ n: count() }).from(associations);
      if ((associationCount?.n ?? 0) > 0) return "unchanged";
      const [latest] = await tx
        .select({ territorialStatus: registryImports.territorialStatus })
        .from(registryImports)
        .where(eq(registryImports.landKey, "14"))
        .orderBy(desc(registryImports.territorialStatus), desc(registryImports.id))
        .limit(1);
      if (latest?.territorialStatus !== data.territorialStatus) return "unchanged";
      const known = new Set((await tx.select({ ags: municipalities.ags }).from(municipalities)).map((m) => m.ags));
      await insertAssociations(tx, data, known);
      return "associations-seeded";
    }

    await tx.insert(districts).values(data.districts.map((d) => ({ key: d.key, name: d.name, type: d.type })));
    // Successors first, so that the self-reference is satisfied row by row.
    const ordered = [...data.municipalities].sort(
      (a, b) => Number(a.successorAgs !== null) - Number(b.successorAgs !== null),
    );
    await tx.insert(municipalities).values(
      ordered.map((m) => ({
        ags: m.ags,
        name: m.name,
        displayName: m.displayName,
        searchText: searchText([m.name, m.displayName]),
        sortKey: foldForSearch(m.displayName),
        type: m.type,
        districtKey: m.districtKey,
        population: m.population,
        populationDate: m.populationDate,
        areaHa: m.areaHa,
        validFrom: m.validFrom,
        validTo: m.validTo,
        successorAgs: m.successorAgs,
        dissolutionKind: m.dissolutionKind,
      })),
    );
    await insertAssociations(tx, data, new Set(data.municipalities.map((m) => m.ags)));
    await tx.insert(registryImports).values({
      source: "reference-data",
      landKey: "14",
      territorialStatus: data.territorialStatus,
      report: {
        districts: data.districts.length,
        municipalities: data.municipalities.length,
        current: data.municipalities.filter((m) => m.validTo === null).length,
        associations: data.associations.length,
        associationMemberships: data.associationMemberships.length,
      },
    });
    return "seeded";
  });
}

/** The shipped associations; memberships (and erfüllende Gemeinden) of municipalities the registry lacks are left out. */
async function insertAssociations(db: Db, data: SaxonyReferenceData, knownAgs: ReadonlySet<string>): Promise<void> {
  if (data.associations.length === 0) return;
  await db.insert(associations).values(
    data.associations.map((a) => ({
      key: a.key,
      name: a.name,
      type: a.type,
      districtKey: a.districtKey,
      seat: a.seat,
      fulfillingAgs: a.fulfillingAgs !== null && knownAgs.has(a.fulfillingAgs) ? a.fulfillingAgs : null,
      validFrom: a.validFrom,
      validTo: a.validTo,
    })),
  );
  const memberships = data.associationMemberships.filter((m) => knownAgs.has(m.ags));
  if (memberships.length > 0) await db.insert(associationMemberships).values(memberships);
}
