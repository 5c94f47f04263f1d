import { decodeDirectoryText } from "./decode-directory-text.js";
import type {
  Gv100adAssociation,
  Gv100adDirectory,
  Gv100adDistrict,
  Gv100adError,
  Gv100adGovernmentRegion,
  Gv100adLand,
  Gv100adMunicipality,
  Gv100adRegion,
} from "./types.js";

const RECORD_LENGTH = 220;

type RecordType = "10" | "20" | "30" | "40" | "50" | "60";

const TEXT_CODES: Partial<Record<RecordType, ReadonlySet<string>>> = {
  "40": new Set(["41", "42", "43", "44", "45"]),
  "50": new Set(["50", "51", "52", "53", "54", "55", "56", "57", "58"]),
  "60": new Set(["60", "61", "62", "63", "64", "65", "66", "67"]),
};

const RECORD_TYPES: ReadonlySet<string> = new Set<RecordType>(["10", "20", "30", "40", "50", "60"]);

function isRecordType(value: string): value is RecordType {
  return RECORD_TYPES.has(value);
}

const DIGITS = /^\d+$/;
const BLANK = /^ *$/;

/** A fixed-width line with 1-based inclusive field positions, collecting problems as it is read. */
class RecordReader {
  readonly problems: string[] = [];

  constructor(private readonly line: string) {}

  raw(from: number, to: number): string {
    return this.line.slice(from - 1, to);
  }

  text(from: number, to: number, label: string, required: boolean): string {
    const value = this.raw(from, to).trim();
    if (required && value === "") this.problems.push(`${label} (pos. ${from}-${to}) is empty`);
    return value;
  }

  digits(from: number, to: number, label: string): string {
    const value = this.raw(from, to);
    if (!DIGITS.test(value)) this.problems.push(`${label} (pos. ${from}-${to}) is not numeric: "${value}"`);
    return value;
  }

  number(from: number, to: number, label: string): number {
    return Number.parseInt(this.digits(from, to, label), 10);
  }

  blank(from: number, to: number, label: string): void {
    const value = this.raw(from, to);
    if (!BLANK.test(value)) this.problems.push(`${label} (pos. ${from}-${to}) must be blank for this record type: "${value}"`);
  }

  textCode(type: RecordType): string {
    const value = this.raw(123, 124);
    const allowed = TEXT_CODES[type];
    if (allowed && !allowed.has(value)) {
      this.problems.push(`Textkennzeichen (pos. 123-124) "${value}" is not valid for record type ${type}`);
    }
    return value;
  }
}

function isoDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

type ParsedRecord =
  | { type: "10"; key: string; value: Gv100adLand }
  | { type: "20"; key: string; value: Gv100adGovernmentRegion }
  | { type: "30"; key: string; value: Gv100adRegion }
  | { type: "40"; key: string; value: Gv100adDistrict }
  | { type: "50"; key: string; value: Gv100adAssociation }
  | { type: "60"; key: string; value: Gv100adMunicipality };

function readRecord(type: RecordType, r: RecordReader): ParsedRecord {
  const land = r.digits(11, 12, "Land");
  switch (type) {
    case "10": {
      r.blank(13, 22, "Regierungsbezirk to Gemeindeverband");
      const value = { key: land, name: r.text(23, 72, "name", true), seat: r.text(73, 122, "seat", true) };
      return { type, key: value.key, value };
    }
    case "20": {
      const key = land + r.digits(13, 13, "Regierungsbezirk");
      r.blank(14, 22, "Kreis to Gemeindeverband");
      const value = { key, name: r.text(23, 72, "name", true), seat: r.text(73, 122, "seat", false) };
      return { type, key, value };
    }
    case "30": {
      const key = land + r.digits(13, 13, "Regierungsbezirk") + r.digits(14, 14, "Region");
      r.blank(15, 22, "Kreis to Gemeindeverband");
      const value = { key, name: r.text(23, 72, "name", true), seat: r.text(73, 122, "seat", false) };
      return { type, key, value };
    }
    case "40": {
      const key = land + r.digits(13, 15, "Regierungsbezirk and Kreis");
      r.blank(16, 22, "Gemeinde and Gemeindeverband");
      const value = {
        key,
        name: r.text(23, 72, "name", true),
        seat: r.text(73, 122, "seat", true),
        textCode: r.textCode(type),
      };
      return { type, key, value };
    }
    case "50": {
      const districtKey = land + r.digits(13, 15, "Regierungsbezirk and Kreis");
      r.blank(16, 18, "Gemeinde");
      const key = districtKey + r.digits(19, 22, "Gemeindeverband");
      const value = {
        key,
        districtKey,
        name: r.text(23, 72, "name", true),
        seat: r.text(73, 122, "seat", false),
        textCode: r.textCode(type),
      };
      return { type, key, value };
    }
    case "60": {
      const districtKey = land + r.digits(13, 15, "Regierungsbezirk and Kreis");
      const municipality = r.digits(16, 18, "Gemeinde");
      const association = r.digits(19, 22, "Gemeindeverband");
      r.blank(73, 122, "seat");
      const postcode = r.raw(166, 170);
      if (!BLANK.test(postcode) && !/^\d{5}$/.test(postcode)) {
        r.problems.push(`postcode (pos. 166-170) is neither 5 digits nor blank: "${postcode}"`);
      }
      const value: Gv100adMunicipality = {
        ags: districtKey + municipality,
        ars: districtKey + association + municipality,
        name: r.text(23, 72, "name", true),
        textCode: r.textCode(type),
        areaHa: r.number(129, 139, "area"),
        population: r.number(140, 150, "population"),
        populationMale: r.number(151, 161, "male population"),
        postcode: BLANK.test(postcode) ? null : postcode,
        hasMultiplePostcodes: !BLANK.test(r.raw(171, 175)),
        districtKey,
        associationKey: districtKey + association,
      };
      if (value.populationMale > value.population) r.problems.push("male population exceeds total population");
      return { type, key: value.ags, value };
    }
  }
}

/** A single corrupted date must not make every other line look wrong, so the majority decides. */
function predominantDate(lines: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const date = isoDate(line.slice(2, 10));
    if (date !== null) counts.set(date, (counts.get(date) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  for (const [date, count] of counts) {
    if (count > bestCount) [best, bestCount] = [date, count];
  }
  return best;
}

/**
 * Parses a whole GV100AD file (any Land). Invalid lines are left out of the result and reported in
 * `errors` with their 1-based line number; blank lines at the end of the file are ignored.
 */
export function parseGv100ad(bytes: Uint8Array): Gv100adDirectory {
  const { text, encoding } = decodeDirectoryText(bytes);
  const directory: Gv100adDirectory = {
    territorialStatus: null,
    encoding,
    lands: [],
    governmentRegions: [],
    regions: [],
    districts: [],
    associations: [],
    municipalities: [],
    errors: [],
  };
  const errors: Gv100adError[] = directory.errors;
  const firstLineOfKey = new Map<string, number>();

  const lines = text.split(/\r?\n/);
  let end = lines.length;
  while (end > 0 && (lines[end - 1] ?? "").trim() === "") end -= 1;
  const territorialStatus = predominantDate(lines.slice(0, end));
  directory.territorialStatus = territorialStatus;

  for (let index = 0; index < end; index += 1) {
    const lineNumber = index + 1;
    const line = lines[index] ?? "";
    if (line.trim() === "") {
      errors.push({ line: lineNumber, message: "empty line" });
      continue;
    }
    if (line.length !== RECORD_LENGTH) {
      errors.push({ line: lineNumber, message: `line has ${line.length} characters, a record has ${RECORD_LENGTH}` });
      continue;
    }
    const type = line.slice(0, 2);
    if (!isRecordType(type)) {
      errors.push({ line: lineNumber, message: `unknown record type (Satzart) "${type}"` });
      continue;
    }

    const reader = new RecordReader(line);
    const date = isoDate(reader.raw(3, 10));
    if (date === null) {
      reader.problems.push(`Gebietsstand (pos. 3-10) is not a valid date: "${reader.raw(3, 10)}"`);
    } else if (date !== territorialStatus) {
      reader.problems.push(`Gebietsstand ${date} differs from the file's ${territorialStatus ?? "(none)"}`);
    }
    const record = readRecord(type, reader);
    const duplicateOf = firstLineOfKey.get(`${type}:${record.key}`);
    if (duplicateOf !== undefined) reader.problems.push(`duplicate key ${record.key} (first on line ${duplicateOf})`);

    if (reader.problems.length > 0) {
      errors.push({ line: lineNumber, message: reader.problems.join("; ") });
      continue;
    }
    firstLineOfKey.set(`${type}:${record.key}`, lineNumber);
    switch (record.type) {
      case "10":
        directory.lands.push(record.value);
        break;
      case "20":
        directory.governmentRegions.push(record.value);
        break;
      case "30":
        directory.regions.push(record.value);
        break;
      case "40":
        directory.districts.push(record.value);
        break;
      case "50":
        directory.associations.push(record.value);
        break;
      case "60":
        directory.municipalities.push(record.value);
        break;
    }
  }
  return directory;
}
