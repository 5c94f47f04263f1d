export type DistrictType = "kreisfreie_stadt" | "landkreis";

export type MunicipalityType = "kreisfreie_stadt" | "grosse_kreisstadt" | "stadt" | "gemeinde";

export interface RefDistrict {
  /** 5 digits, the first five of its municipalities' AGS. */
  key: string;
  /** Official name, e.g. "Chemnitz, Stadt", "Erzgebirgskreis". */
  name: string;
  type: DistrictType;
}

export interface RefMunicipality {
  ags: string;
  /** Official name, e.g. "Bautzen / Budyšin, Stadt, Hochschulstadt / Wysokošulske město". */
  name: string;
  /** The name before " / " and ", ", e.g. "Bautzen", "Schwarzenberg/Erzgeb.". */
  displayName: string;
  type: MunicipalityType;
  districtKey: string;
  population: number | null;
  populationDate: string | null;
  areaHa: number | null;
  /** First day of existence; null when it existed before 2016. */
  validFrom: string | null;
  /** First day on which it no longer exists; null while it exists. */
  validTo: string | null;
  successorAgs: string | null;
  /** Kind of the territorial change that dissolved it, e.g. "Eingliederung". */
  dissolutionKind: string | null;
}

export type AssociationType = "verwaltungsgemeinschaft" | "verwaltungsverband";

/** A Verwaltungsgemeinschaft or Verwaltungsverband (GV100AD record type 50, Textkennzeichen 54 or 56). */
export interface RefAssociation {
  /** 9 digits: district key + the association's 4 digits, e.g. "145215103". */
  key: string;
  name: string;
  type: AssociationType;
  districtKey: string;
  /** Seat of the administration as the directory names it. */
  seat: string;
  /** The erfüllende Gemeinde of a Verwaltungsgemeinschaft (the member at the seat); null for a Verwaltungsverband. */
  fulfillingAgs: string | null;
  /** Null: existed at the earliest directory at hand (31 Dec 2022). */
  validFrom: string | null;
  /** First day on which it no longer exists; null while it exists. */
  validTo: string | null;
}

/** A municipality's membership of an association, valid from validFrom (null: since before 2023) to validTo (first day without). */
export interface RefAssociationMembership {
  associationKey: string;
  ags: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface SaxonyReferenceData {
  territorialStatus: "2026-05-31";
  populationDate: "2024-12-31";
  districts: RefDistrict[];
  /** The current municipalities and those dissolved since 2016, sorted by AGS. */
  municipalities: RefMunicipality[];
  /** The associations of the 2026 directory and those gone since the 2022 one, sorted by key. */
  associations: RefAssociation[];
  /** Their memberships, sorted by association key and AGS. */
  associationMemberships: RefAssociationMembership[];
}

/** A row of saxony/territorial-changes.csv: one dissolved municipality. */
export interface TerritorialChange {
  /** The day the change took effect, i.e. the first day without the dissolved municipality. */
  date: string;
  dissolvedAgs: string;
  dissolvedName: string;
  successorAgs: string;
  successorName: string;
  kind: string;
}

/** A row of saxony/grosse-kreisstaedte.csv. */
export interface GrosseKreisstadt {
  ags: string;
  name: string;
  /** Null when the status predates the 2008 district reform. */
  since: string | null;
}
