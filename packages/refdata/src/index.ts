export {
  administrativeAssociationTypeOf,
  administrativeAssociationsOf,
} from "./gv100ad/administrative-associations.js";
export type { AdministrativeAssociation, AdministrativeAssociationType } from "./gv100ad/administrative-associations.js";
export { decodeDirectoryText } from "./gv100ad/decode-directory-text.js";
export { filterLand } from "./gv100ad/filter-land.js";
export { parseGv100ad } from "./gv100ad/parse-gv100ad.js";
export type * from "./gv100ad/types.js";
export { diffAssociations } from "./association-diff.js";
export type { AssociationDiff, AssociationEntry } from "./association-diff.js";
export { populationDateFor } from "./population-date.js";
export { diffRegistry, inferSuccessors } from "./registry-diff.js";
export type { InferredSuccessor, RegistryDiff, RegistryEntry } from "./registry-diff.js";
export {
  deriveSaxonyReferenceData,
  displayNameOf,
  districtTypeOf,
  municipalityTypeOf,
} from "./saxony/derive-reference-data.js";
export type { SaxonySources } from "./saxony/derive-reference-data.js";
export {
  BASE_GEOMETRY_DATE,
  composeMunicipalities,
  composeMunicipalitiesUncached,
  lineageOf,
  territorialChangeDates,
  territorialChangesBetween,
  territorialStateOn,
} from "./saxony/compose-municipalities.js";
export type { TerritorialChangeBetween } from "./saxony/compose-municipalities.js";
export { existsOn, municipalitiesOn } from "./saxony/municipalities-on.js";
export { parseGrosseKreisstaedteCsv, parseTerritorialChangesCsv } from "./saxony/source-csv.js";
export type * from "./saxony/topology-types.js";
export type * from "./saxony/types.js";
export { foldForSearch, searchText } from "./search-fold.js";
