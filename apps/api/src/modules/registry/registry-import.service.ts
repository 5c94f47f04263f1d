import type { Db } from "@insek/db";
import {
  type Gv100adDirectory,
  administrativeAssociationsOf,
  diffAssociations,
  diffRegistry,
  displayNameOf,
  districtTypeOf,
  filterLand,
  foldForSearch,
  inferSuccessors,
  municipalityTypeOf,
  populationDateFor,
  searchText,
} from "@insek/refdata";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import * as repo from "./registry.repo.js";

export interface RegistryImportOptions {
  /** Land key, e.g. "14". */
  land: string;
  dryRun: boolean;
  /** Shown in the report and kept with the import, e.g. the file name. */
  source: string;
  /** Override of the population reference date (default: derived from the territorial status). */
  populationDate?: string;
}

export interface RegistryImportReport {
  source: string;
  land: string;
  territorialStatus: string;
  previousTerritorialStatus: string | null;
  populationDate: string;
  dryRun: boolean;
  applied: boolean;
  added: { ags: string; name: string; validFrom: string | null }[];
  dissolved: { ags: string; name: string; validTo: string; successorAgs: string | null }[];
  renamed: { ags: string; from: string; to: string }[];
  populationChanged: { ags: string; name: string; from: number | null; to: number | null }[];
  districtsAdded: string[];
  districtsRenamed: { key: string; from: string; to: string }[];
  municipalities: number;
  /** Verwaltungsgemeinschaften and -verbände (decision 0021). */
  associationsAdded: { key: string; name: string; type: string; validFrom: string | null }[];
  associationsDissolved: { key: string; name: string; validTo: string }[];
  associationsRenamed: { key: string; from: string; to: string }[];
  /** Municipalities that joined an association, the members of a new one included. */
  membersJoined: { key: string; ags: string; name: string; validFrom: string | null }[];
  /** Municipalities that left an association, the members of a dissolved one and dissolved municipalities included. */
  membersLeft: { key: string; ags: string; name: string; validTo: string }[];
  associations: number;
}

/** The directory cannot be applied; nothing was written. */
export class RegistryImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`Import refused:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RegistryImportError";
  }
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

// The directory does not mark Saxony's Große Kreisstädte; the shipped reference data knows them.
const grosseKreisstaedte = new Set(
  saxonyReferenceData.municipalities.filter((m) => m.type === "grosse_kreisstadt").map((m) => m.ags),
);

/** GV100AD cuts names at 50 characters ("Bautzen / Budyšin, …Wysokoš"): keep the known full name. */
const NAME_FIELD_WIDTH = 50;
function untruncated(name: string, knownName: string | undefined): string {
  return name.length >= NAME_FIELD_WIDTH && knownName?.startsWith(name) ? knownName : name;
}

/**
 * Brings the registry of one Land up to a newer municipality directory in one transaction: adds new
 * municipalities, marks vanished ones as dissolved (first day gone = the day after the previous
 * directory's territorial status; successor inferred where unambiguous), updates names and
 * population. Writes nothing on a dry run, on any invalid record, or for an older directory.
 */
export async function importDirectory(
  db: Db,
  directory: Gv100adDirectory,
  options: RegistryImportOptions,
): Promise<RegistryImportReport> {
  const problems = directory.errors.map((e) => `line ${e.line}: ${e.message}`);
  const territorialStatus = directory.territorialStatus;
  if (territorialStatus === null) problems.push("the file holds no valid record");
  if (problems.length > 0 || territorialStatus === null) throw new RegistryImportError(problems);

  const land = filterLand(directory, options.land);
  if (land.municipalities.length === 0) {
    throw new RegistryImportError([`the file holds no municipality of Land ${options.land}`]);
  }
  const populationDate = options.populationDate ?? populationDateFor(territorialStatus);

  let report: RegistryImportReport | undefined;
  await db
    .transaction(async (tx) => {
      const previous = await repo.latestImport(tx, options.land);
      if (previous && previous.territorialStatus > territorialStatus) {
        throw new RegistryImportError([
          `the directory's territorial status ${territorialStatus} is older than the registry's (${previous.territorialStatus})`,
        ]);
      }
      const current = await repo.municipalitiesOfLandOn(tx, options.land, territorialStatus);
      const currentByAgs = new Map(current.map((m) => [m.ags, m]));
      const incoming = land.municipalities.map((m) => ({ ...m, name: untruncated(m.name, currentByAgs.get(m.ags)?.name) }));
      const diff = diffRegistry(current, incoming);
      const changeDate = previous ? nextDay(previous.territorialStatus) : null;
      const successors = new Map(inferSuccessors(diff).map((s) => [s.dissolvedAgs, s.successorAgs]));

      // Associations are dated like municipalities, except when the registry has none yet (first fill).
      const associationChangeDate = (await repo.hasAssociations(tx, options.land)) ? changeDate : null;
      const incomingAssociations = administrativeAssociationsOf(land);
      const associationDiff = diffAssociations(
        await repo.associationsOfLandOn(tx, options.land, territorialStatus),
        incomingAssociations,
      );
      const nameOfAgs = new Map([...current.map((m) => [m.ags, m.name] as const), ...incoming.map((m) => [m.ags, m.name] as const)]);
      const associationEnd = associationChangeDate ?? territorialStatus;

      const existingDistricts = new Map((await repo.districtsOfLand(tx, options.land)).map((d) => [d.key, d]));
      const incomingDistricts = land.districts.map((d) => ({
        key: d.key,
        name: d.name,
        type: districtTypeOf(d.textCode),
      }));

      report = {
        source: options.source,
        land: options.land,
        territorialStatus,
        previousTerritorialStatus: previous?.territorialStatus ?? null,
        populationDate,
        dryRun: options.dryRun,
        applied: false,
        added: diff.added.map((m) => ({ ags: m.ags, name: m.name, validFrom: changeDate })),
        dissolved: diff.dissolved.map((m) => ({
          ags: m.ags,
          name: m.name,
          validTo: changeDate ?? territorialStatus,
          successorAgs: successors.get(m.ags) ?? null,
        })),
        renamed: diff.renamed,
        populationChanged: diff.populationChanged,
        districtsAdded: incomingDistricts.filter((d) => !existingDistricts.has(d.key)).map((d) => d.key),
        districtsRenamed: incomingDistricts.flatMap((d) => {
          const before = existingDistricts.get(d.key);
          return before && before.name !== d.name ? [{ key: d.key, from: before.name, to: d.name }] : [];
        }),
        municipalities: incoming.length,
        associationsAdded: associationDiff.added.map((a) => ({
          key: a.key,
          name: a.name,
          type: a.type,
          validFrom: associationChangeDate,
        })),
        associationsDissolved: associationDiff.dissolved.map((a) => ({ key: a.key, name: a.name, validTo: associationEnd })),
        associationsRenamed: associationDiff.renamed,
        membersJoined: associationDiff.joined.map((j) => ({
          ...j,
          name: nameOfAgs.get(j.ags) ?? j.ags,
          validFrom: associationChangeDate,
        })),
        membersLeft: associationDiff.left.map((l) => ({ ...l, name: nameOfAgs.get(l.ags) ?? l.ags, validTo: associationEnd })),
        associations: incomingAssociations.length,
      };
      if (options.dryRun) return;

      await repo.upsertDistricts(tx, incomingDistricts);
      await repo.upsertMunicipalities(
        tx,
        incoming.map((m) => {
          const known = currentByAgs.get(m.ags);
          const displayName = displayNameOf(m.name);
          return {
            ags: m.ags,
            name: m.name,
            displayName,
            searchText: searchText([m.name, displayName]),
            sortKey: foldForSearch(displayName),
            type: municipalityTypeOf(m.textCode, grosseKreisstaedte.has(m.ags) || known?.type === "grosse_kreisstadt"),
            districtKey: m.districtKey,
            population: m.population,
            populationDate,
            areaHa: m.areaHa,
            validFrom: known ? known.validFrom : changeDate,
            validTo: null,
            successorAgs: null,
            dissolutionKind: null,
          };
        }),
      );
      for (const gone of report.dissolved) {
        await repo.markDissolved(tx, gone.ags, {
          validTo: gone.validTo,
          successorAgs: gone.successorAgs,
          kind: "aufgelöst (aus dem Gemeindeverzeichnis abgeleitet)",
        });
      }
      // Close before opening: a municipality that changes association has one open membership at a time.
      for (const left of report.membersLeft) await repo.closeMembership(tx, left.key, left.ags, left.validTo);
      await repo.upsertAssociations(
        tx,
        incomingAssociations.map((a) => ({
          key: a.key,
          name: a.name,
          type: a.type,
          districtKey: a.districtKey,
          seat: a.seat,
          fulfillingAgs: a.fulfillingAgs,
          validFrom: associationChangeDate,
          validTo: null,
        })),
      );
      for (const gone of report.associationsDissolved) await repo.markAssociationDissolved(tx, gone.key, gone.validTo);
      await repo.openMemberships(
        tx,
        report.membersJoined.map((j) => ({ associationKey: j.key, ags: j.ags, validFrom: j.validFrom })),
      );
      await repo.recordImport(tx, {
        source: options.source,
        landKey: options.land,
        territorialStatus,
        report: { ...report, applied: true },
      });
      report.applied = true;
    });
  if (!report) throw new Error("import produced no report");
  return report;
}
