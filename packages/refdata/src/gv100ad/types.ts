export type DirectoryEncoding = "utf-8" | "latin1";

export interface Gv100adLand {
  /** 2 digits, e.g. "14" for Saxony. */
  key: string;
  name: string;
  seat: string;
}

/** Regierungsbezirk (record type 20); in Saxony the former Direktionsbezirke. */
export interface Gv100adGovernmentRegion {
  /** 3 digits: Land + Regierungsbezirk. */
  key: string;
  name: string;
  seat: string;
}

/** Region (record type 30, Baden-Württemberg only). */
export interface Gv100adRegion {
  /** 4 digits: Land + Regierungsbezirk + Region. */
  key: string;
  name: string;
  seat: string;
}

export interface Gv100adDistrict {
  /** 5 digits: Land + Regierungsbezirk + Kreis. */
  key: string;
  name: string;
  seat: string;
  /** 41 kreisfreie Stadt, 42 Stadtkreis, 43 Kreis, 44 Landkreis, 45 Regionalverband. */
  textCode: string;
}

/** Gemeindeverband (record type 50). */
export interface Gv100adAssociation {
  /** 9 digits: district key + Gemeindeverband. */
  key: string;
  districtKey: string;
  name: string;
  /** Empty for verbandsfreie Gemeinden. */
  seat: string;
  textCode: string;
}

export interface Gv100adMunicipality {
  /** Amtlicher Gemeindeschlüssel, 8 digits. */
  ags: string;
  /** Amtlicher Regionalschlüssel, 12 digits. */
  ars: string;
  name: string;
  /** 60 Markt, 61 kreisfreie Stadt, 62 Stadtkreis, 63 Stadt, 64 Gemeinde, 65/66 gemeindefreies Gebiet, 67 große Kreisstadt. */
  textCode: string;
  areaHa: number;
  population: number;
  populationMale: number;
  /** Postcode of the administrative seat; null for uninhabited unincorporated areas. */
  postcode: string | null;
  hasMultiplePostcodes: boolean;
  districtKey: string;
  /** 9 digits, the key of its Gv100adAssociation. */
  associationKey: string;
}

export interface Gv100adError {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface Gv100adDirectory {
  /** YYYY-MM-DD; null only when the file holds no valid record. */
  territorialStatus: string | null;
  encoding: DirectoryEncoding;
  lands: Gv100adLand[];
  governmentRegions: Gv100adGovernmentRegion[];
  regions: Gv100adRegion[];
  districts: Gv100adDistrict[];
  associations: Gv100adAssociation[];
  municipalities: Gv100adMunicipality[];
  errors: Gv100adError[];
}
