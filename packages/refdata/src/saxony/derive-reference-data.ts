import { administrativeAssociationsOf } from "../gv100ad/administrative-associations.js";
import { filterLand } from "../gv100ad/filter-land.js";
import type { Gv100adDirectory, Gv100adMunicipality } from "../gv100ad/types.js";
import { populationDateFor } from "../population-date.js";
import type {
  DistrictType,
  GrosseKreisstadt,
  MunicipalityType,
  RefAssociation,
  RefAssociationMembership,
  RefDistrict,
  RefMunicipality,
  SaxonyReferenceData,
  TerritorialChange,
} from "./types.js";

const SAXONY = "14";
const TERRITORIAL_STATUS = "2026-05-31";
const POPULATION_DATE = "2024-12-31";
const NAME_FIELD_LENGTH = 50;

/**
 * Types of the municipalities dissolved before 31 Dec 2022, which neither directory at hand lists:
 * Aue was a Große Kreisstadt and Kohren-Sahlis a Stadt; Pfaffroda, Reuth, Bretnig-Hauswalde,
 * Narsdorf, Bad Schlema and Schönteichen were Gemeinden.
 */
const DISSOLVED_BEFORE_2022_TYPES: Readonly<Record<string, MunicipalityType>> = {
  "14521030": "grosse_kreisstadt",
  "14729230": "stadt",
};

export interface SaxonySources {
  /** GV100AD at 31 May 2026 (the whole file or Saxony only). */
  directory2026: Gv100adDirectory;
  /** GV100AD at 31 Dec 2022, for the municipalities dissolved after it. */
  directory2022: Gv100adDirectory;
  grosseKreisstaedte: readonly GrosseKreisstadt[];
  territorialChanges: readonly TerritorialChange[];
}

/** The name before " / " (the Sorbian name) and before ", " (official suffixes). */
export function displayNameOf(officialName: string): string {
  const cut = [" / ", ", "].map((separator) => officialName.indexOf(separator)).filter((i) => i >= 0);
  return cut.length === 0 ? officialName : officialName.slice(0, Math.min(...cut));
}

export function districtTypeOf(textCode: string): DistrictType {
  if (textCode === "41") return "kreisfreie_stadt";
  if (textCode === "43" || textCode === "44") return "landkreis";
  throw new Error(`unexpected district Textkennzeichen ${textCode}`);
}

/**
 * GV100AD marks Saxon Große Kreisstädte as plain towns (Textkennzeichen 63), so whether a town is
 * one comes from elsewhere (grosse-kreisstaedte.csv, or the registry for a known town).
 */
export function municipalityTypeOf(textCode: string, isGrosseKreisstadt: boolean): MunicipalityType {
  if (textCode === "61") return "kreisfreie_stadt";
  if (textCode === "63") return isGrosseKreisstadt ? "grosse_kreisstadt" : "stadt";
  return "gemeinde";
}

function isGrosseKreisstadtOn(ags: string, grosseKreisstaedte: readonly GrosseKreisstadt[], date: string): boolean {
  const gks = grosseKreisstaedte.find((g) => g.ags === ags);
  return gks !== undefined && (gks.since === null || gks.since <= date);
}

/** GV100AD cuts names at 50 characters (Bautzen's); a longer official name from the list completes it. */
function completeName(name: string, ags: string, grosseKreisstaedte: readonly GrosseKreisstadt[]): string {
  if (name.length < NAME_FIELD_LENGTH) return name;
  const full = grosseKreisstaedte.find((g) => g.ags === ags)?.name;
  return full !== undefined && full.startsWith(name) ? full : name;
}

function fromDirectory(
  m: Gv100adMunicipality,
  territorialStatus: string,
  grosseKreisstaedte: readonly GrosseKreisstadt[],
): RefMunicipality {
  const name = completeName(m.name, m.ags, grosseKreisstaedte);
  return {
    ags: m.ags,
    name,
    displayName: displayNameOf(name),
    type: municipalityTypeOf(m.textCode, isGrosseKreisstadtOn(m.ags, grosseKreisstaedte, territorialStatus)),
    districtKey: m.districtKey,
    population: m.population,
    populationDate: populationDateFor(territorialStatus),
    areaHa: m.areaHa,
    validFrom: null,
    validTo: null,
    successorAgs: null,
    dissolutionKind: null,
  };
}

const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The shipped Saxony registry: the 418 municipalities of the 2026 directory plus those dissolved
 * since 2016 (territorial-changes.csv), each with its validity, so that any date since 2016
 * yields the municipalities that existed then.
 */
export function deriveSaxonyReferenceData(sources: SaxonySources): SaxonyReferenceData {
  const current = filterLand(sources.directory2026, SAXONY);
  const previous = filterLand(sources.directory2022, SAXONY);
  for (const [label, directory] of [
    ["2026", current],
    ["2022", previous],
  ] as const) {
    if (directory.errors.length > 0) {
      throw new Error(`the ${label} directory has ${directory.errors.length} invalid line(s)`);
    }
  }
  if (current.territorialStatus !== TERRITORIAL_STATUS) {
    throw new Error(`expected the directory at ${TERRITORIAL_STATUS}, got ${String(current.territorialStatus)}`);
  }
  const previousStatus = previous.territorialStatus;
  if (previousStatus === null) throw new Error("the 2022 directory has no territorial status");

  const districts: RefDistrict[] = current.districts
    .map((d) => ({ key: d.key, name: d.name, type: districtTypeOf(d.textCode) }))
    .sort((a, b) => byKey(a.key, b.key));

  const municipalities = new Map<string, RefMunicipality>();
  for (const m of current.municipalities) {
    municipalities.set(m.ags, fromDirectory(m, TERRITORIAL_STATUS, sources.grosseKreisstaedte));
  }

  for (const change of sources.territorialChanges) {
    if (municipalities.has(change.dissolvedAgs)) {
      throw new Error(`${change.dissolvedAgs} ${change.dissolvedName} is dissolved but still in the 2026 directory`);
    }
    const known = previous.municipalities.find((m) => m.ags === change.dissolvedAgs);
    const base: RefMunicipality =
      known !== undefined
        ? fromDirectory(known, previousStatus, sources.grosseKreisstaedte)
        : {
            ags: change.dissolvedAgs,
            name: change.dissolvedName,
            displayName: displayNameOf(change.dissolvedName),
            type: DISSOLVED_BEFORE_2022_TYPES[change.dissolvedAgs] ?? "gemeinde",
            districtKey: change.dissolvedAgs.slice(0, 5),
            population: null,
            populationDate: null,
            areaHa: null,
            validFrom: null,
            validTo: null,
            successorAgs: null,
            dissolutionKind: null,
          };
    municipalities.set(change.dissolvedAgs, {
      ...base,
      name: change.dissolvedName,
      displayName: displayNameOf(change.dissolvedName),
      validTo: change.date,
      successorAgs: change.successorAgs,
      dissolutionKind: change.kind,
    });
  }

  for (const change of sources.territorialChanges) {
    const successor = municipalities.get(change.successorAgs);
    if (successor === undefined) throw new Error(`successor ${change.successorAgs} of ${change.dissolvedAgs} is unknown`);
    // A union under a new AGS creates a new municipality; an incorporation keeps the successor's.
    if (change.kind.startsWith("Vereinigung")) successor.validFrom = change.date;
  }

  const districtKeys = new Set(districts.map((d) => d.key));
  for (const m of municipalities.values()) {
    if (!districtKeys.has(m.districtKey)) throw new Error(`${m.ags} lies in unknown district ${m.districtKey}`);
  }

  const { associations, associationMemberships } = deriveAssociations(current, previous, previousStatus, municipalities);

  return {
    territorialStatus: TERRITORIAL_STATUS,
    populationDate: POPULATION_DATE,
    districts,
    municipalities: [...municipalities.values()].sort((a, b) => byKey(a.ags, b.ags)),
    associations,
    associationMemberships,
  };
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The associations of the 2026 directory, and those of the 2022 one that are gone, with their memberships
 * over time. A change between the two directories dates from the day its municipality was dissolved
 * (territorial-changes.csv) or, lacking that, from the day after the 2022 territorial status.
 */
function deriveAssociations(
  current: Gv100adDirectory,
  previous: Gv100adDirectory,
  previousStatus: string,
  municipalities: ReadonlyMap<string, RefMunicipality>,
): { associations: RefAssociation[]; associationMemberships: RefAssociationMembership[] } {
  const now = administrativeAssociationsOf(current);
  const before = administrativeAssociationsOf(previous);
  const fallback = nextDay(previousStatus);
  const endOf = (ags: string): string => municipalities.get(ags)?.validTo ?? fallback;
  const startOf = (ags: string): string => municipalities.get(ags)?.validFrom ?? fallback;

  const associations: RefAssociation[] = [];
  const memberships: RefAssociationMembership[] = [];
  const nowByKey = new Map(now.map((a) => [a.key, a]));
  const beforeByKey = new Map(before.map((a) => [a.key, a]));

  for (const a of now) {
    const earlier = beforeByKey.get(a.key);
    const validFrom = earlier ? null : a.members.map(startOf).sort()[0] ?? fallback;
    associations.push({
      key: a.key,
      name: a.name,
      type: a.type,
      districtKey: a.districtKey,
      seat: a.seat,
      fulfillingAgs: a.fulfillingAgs,
      validFrom,
      validTo: null,
    });
    for (const ags of a.members) {
      const wasMember = earlier?.members.includes(ags) ?? false;
      memberships.push({ associationKey: a.key, ags, validFrom: wasMember ? null : startOf(ags), validTo: null });
    }
    for (const ags of earlier?.members ?? []) {
      if (!a.members.includes(ags)) memberships.push({ associationKey: a.key, ags, validFrom: null, validTo: endOf(ags) });
    }
  }
  for (const a of before) {
    if (nowByKey.has(a.key)) continue;
    const ends = a.members.map(endOf).sort();
    associations.push({
      key: a.key,
      name: a.name,
      type: a.type,
      districtKey: a.districtKey,
      seat: a.seat,
      fulfillingAgs: a.fulfillingAgs,
      validFrom: null,
      validTo: ends[ends.length - 1] ?? fallback,
    });
    for (const ags of a.members) memberships.push({ associationKey: a.key, ags, validFrom: null, validTo: endOf(ags) });
  }
  for (const m of memberships) {
    if (!municipalities.has(m.ags)) throw new Error(`association ${m.associationKey} names unknown municipality ${m.ags}`);
  }
  return {
    associations: associations.sort((a, b) => byKey(a.key, b.key)),
    associationMemberships: memberships.sort((a, b) => byKey(a.associationKey, b.associationKey) || byKey(a.ags, b.ags)),
  };
}
