/*
 * The import of the yearly programme lists (POST /api/measures/import, docs/decisions/0034-funding-import.md):
 * the stable codes of the rows it cannot use (in `errors`) or leaves out (in `reason`), each naming its column.
 */
export const MEASURE_IMPORT_ROW_CODES = {
  /** A required cell is empty (Gemeinde when there is no AGS, Maßnahme, Programm, Bundesfinanzhilfe). */
  required: "IMPORT_VALUE_REQUIRED",
  tooLong: "IMPORT_VALUE_TOO_LONG",
  /** Skipped, not an error: the row is of another Land. */
  notSaxony: "IMPORT_ROW_NOT_SAXONY",
  invalidAgs: "INVALID_AGS",
  /** The AGS is in no registry entry of the list's year. */
  unknownAgs: "UNKNOWN_AGS",
  /** The row says Sachsen but its AGS is of another Land. */
  agsNotSaxon: "IMPORT_AGS_NOT_SAXON",
  /** The AGS and the name of the row are two different municipalities. */
  agsNameMismatch: "IMPORT_AGS_NAME_MISMATCH",
  municipalityNotFound: "IMPORT_MUNICIPALITY_NOT_FOUND",
  /** The name fits several municipalities (e.g. Oelsnitz): add Landkreis or AGS. */
  municipalityAmbiguous: "IMPORT_MUNICIPALITY_AMBIGUOUS",
  programmeUnknown: "IMPORT_PROGRAMME_UNKNOWN",
  programmeAmbiguous: "IMPORT_PROGRAMME_AMBIGUOUS",
  amountInvalid: "IMPORT_AMOUNT_INVALID",
  yearInvalid: "IMPORT_YEAR_INVALID",
  /** No Jahr column, no ?year= and no year in the file name. */
  yearMissing: "IMPORT_YEAR_MISSING",
  stateUnknown: "IMPORT_STATE_UNKNOWN",
  /** The same measure and year as an earlier line of the file. */
  duplicateRow: "IMPORT_ROW_DUPLICATE",
  /** An advisor's row for a municipality not assigned to them today. */
  outOfScope: "OUT_OF_SCOPE",
} as const;
export type MeasureImportRowCode = (typeof MEASURE_IMPORT_ROW_CODES)[keyof typeof MEASURE_IMPORT_ROW_CODES];
