import { count } from "drizzle-orm";
import { foldForSearch, searchText, type SaxonyReferenceData } from "@insek/refdata";
import type { Db } from "../client.js";
import { districts, municipalities, registryImports } from "../schema/index.js";

export type SeedOutcome = "seeded" | "unchanged";

/**
 * Fills an empty registry with the shipped reference data. A registry that has been filled before
 * (by this seed or by a directory import) is left alone, so a second start changes nothing and a
 * newer imported directory is never overwritten by older shipped data.
 */
export async function seedReferenceData(db: Db, data: SaxonyReferenceData): Promise<SeedOutcome> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ n: count() }).from(registryImports);
    if ((existing?.n ?? 0) > 0) return "unchanged";

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
    await tx.insert(registryImports).values({
      source: "reference-data",
      landKey: "14",
      territorialStatus: data.territorialStatus,
      report: {
        districts: data.districts.length,
        municipalities: data.municipalities.length,
        current: data.municipalities.filter((m) => m.validTo === null).length,
      },
    });
    return "seeded";
  });
}
