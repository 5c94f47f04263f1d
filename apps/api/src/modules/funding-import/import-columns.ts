import { searchText } from "@insek/refdata";
import { ImportUnreadableError } from "../event-import/read-table.js";

/**
 * The columns of a programme list (decision 0034) and the header names each is known by, compared folded
 * (case, umlauts, punctuation, a unit such as "(EUR)" or "in €" do not matter) and in any order.
 */
export const MEASURE_IMPORT_COLUMNS = {
  land: { header: "Land", aliases: ["land", "bundesland"] },
  municipality: { header: "Gemeinde", aliases: ["gemeinde", "kommune", "stadt gemeinde", "gemeinde stadt", "stadt", "ort", "gemeindename", "name der gemeinde"] },
  name: { header: "Maßnahme", aliases: ["massnahme", "gesamtmassnahme", "bezeichnung der massnahme", "massnahmenbezeichnung", "name der massnahme", "bezeichnung"] },
  programme: { header: "Programm", aliases: ["programm", "foerderprogramm", "programmbereich", "teilprogramm", "programmname"] },
  amount: { header: "Bundesfinanzhilfe", aliases: ["bundesfinanzhilfe", "bundesfinanzhilfen", "bfh", "bundesmittel", "bundesanteil"] },
  ags: { header: "AGS", aliases: ["ags", "gemeindeschluessel", "amtlicher gemeindeschluessel", "gemeindekennziffer", "gkz"] },
  year: { header: "Jahr", aliases: ["jahr", "programmjahr", "haushaltsjahr"] },
  district: { header: "Landkreis", aliases: ["landkreis", "kreis", "landkreis kreisfreie stadt", "kreis kreisfreie stadt"] },
  area: { header: "Fördergebiet", aliases: ["foerdergebiet", "gebiet"] },
  state: { header: "Zustand", aliases: ["zustand", "stand der massnahme", "status"] },
} as const;
export type MeasureImportColumn = keyof typeof MEASURE_IMPORT_COLUMNS;
export type MeasureImportColumns = Partial<Record<MeasureImportColumn, number>>;

const REQUIRED: readonly MeasureImportColumn[] = ["municipality", "name", "programme", "amount"];
const FIELDS = Object.keys(MEASURE_IMPORT_COLUMNS) as MeasureImportColumn[];

/** A header folded for comparison: "Bundesfinanzhilfe (in €)" and "BUNDESFINANZHILFE EUR" both "bundesfinanzhilfe". */
export function headerKey(text: string): string {
  const [transliterated] = searchText([text]).split("\n").reverse();
  return (transliterated ?? "")
    .replace(/€/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .replace(/\b(in )?(eur|euro|teur)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/ in$/, "");
}

/** Where each known column is; other columns are ignored. A file without the four required ones is unreadable (400). */
export function measureColumnsOf(header: readonly string[]): MeasureImportColumns {
  const columns: MeasureImportColumns = {};
  header.forEach((name, index) => {
    const key = headerKey(name);
    if (key === "") return;
    const field = FIELDS.find((f) => (MEASURE_IMPORT_COLUMNS[f].aliases as readonly string[]).includes(key));
    if (field && columns[field] === undefined) columns[field] = index;
  });
  const missing = REQUIRED.filter((f) => columns[f] === undefined);
  if (missing.length > 0) {
    throw new ImportUnreadableError(
      `Missing column ${missing.map((f) => `"${MEASURE_IMPORT_COLUMNS[f].header}"`).join(", ")} in the first line ` +
        `(expected: ${FIELDS.map((f) => MEASURE_IMPORT_COLUMNS[f].header).join("; ")}; Land, AGS, Jahr, Landkreis, Fördergebiet and Zustand optional)`,
    );
  }
  return columns;
}
