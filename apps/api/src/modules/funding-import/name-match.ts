import { searchText } from "@insek/refdata";

/*
 * Names as the published programme lists write them, matched to the registry (decision 0034): case, umlauts
 * (ä = ae = a, ß = ss), punctuation and official additions ("Stadt", "Große Kreisstadt", ", Stadt", "Kurort",
 * "Universitätsstadt") do not matter; a Sorbian name counts like the German one; a qualifier of the region
 * ("/Vogtl.", " (Vogtl.)", " i. Sa.") may be left out where that leaves one municipality.
 */

/** Words put before a municipality's name in lists and letterheads (folded, as `keysOf` compares them). */
const PREFIXES = [
  "grosse kreisstadt",
  "kreisfreie stadt",
  "landeshauptstadt",
  "universitaetsstadt",
  "universitatsstadt",
  "hochschulstadt",
  "bergstadt",
  "stadt",
  "gemeinde",
  "kurort",
  "gkst",
];

/** Words written out or abbreviated alike ("in Sachsen" = "i.Sa.", "im Vogtland" = "/Vogtl.", "O.L." = "OL"). */
const WORDS: Readonly<Record<string, string>> = { sachsen: "sa", vogtland: "vogtl", erzgebirge: "erzgeb", oberlausitz: "o l", ol: "o l" };
const LINKING = new Set(["i", "in", "im", "d", "der"]);

/** Trailing words that name the region rather than the place ("/Vogtl.", "i.Sa.", "i.d. O.L."). */
const QUALIFIERS = new Set(["sa", "vogtl", "erzgeb", "o", "l"]);

/** Folded words of a name: both umlaut folds (ä -> ae, ä -> a), punctuation as spaces, abbreviations as above. */
function folds(name: string): string[] {
  return searchText([name])
    .split("\n")
    .map((s) =>
      s
        .split(/[^\p{L}\p{N}]+/u)
        .filter((w) => w !== "" && !LINKING.has(w))
        .map((w) => WORDS[w] ?? w)
        .join(" "),
    )
    .filter((s) => s !== "");
}

function withoutPrefix(key: string): string {
  for (const prefix of PREFIXES) {
    if (key.startsWith(`${prefix} `)) return withoutPrefix(key.slice(prefix.length + 1));
  }
  return key;
}

function withoutQualifiers(key: string): string {
  const words = key.split(" ");
  while (words.length > 1 && QUALIFIERS.has(words[words.length - 1] ?? "")) words.pop();
  return words.join(" ");
}

/**
 * The keys a name is known by: each part between " / " (German and Sorbian), cut before ", " (official
 * additions), folded, without a leading official word. `base`: the same without a trailing regional qualifier.
 */
export function keysOf(name: string): { exact: string[]; base: string[] } {
  const exact = new Set<string>();
  for (const part of name.split(/\s+\/\s+/)) {
    const head = part.split(/,\s*/)[0] ?? "";
    for (const key of folds(head)) exact.add(withoutPrefix(key));
  }
  const base = new Set([...exact].map(withoutQualifiers));
  return { exact: [...exact], base: [...base] };
}

/** A district as lists write it ("Landkreis Zwickau", "LK Meißen", "Vogtlandkreis", "Stadt Leipzig"). */
export function districtKeysOf(name: string): string[] {
  return keysOf(name).exact.map((k) => k.replace(/^(landkreis|lk|kreis|lkr)\s+/, ""));
}

export interface NamedMunicipality {
  ags: string;
  name: string;
  displayName: string;
  districtName: string;
  /** Exists at the end of the list's year: of two namesakes of the year (one dissolved in it), this one is meant. */
  atYearEnd?: boolean;
}

export type NameMatch = { ags: string } | { ags: null; reason: "not_found" | "ambiguous"; candidates: string[] };

/** Looks names up among the municipalities given (e.g. the Saxon ones existing in the list's year). */
export class NameIndex {
  private readonly exact = new Map<string, NamedMunicipality[]>();
  private readonly base = new Map<string, NamedMunicipality[]>();
  private readonly districts = new Map<string, string[]>();

  constructor(municipalities: readonly NamedMunicipality[]) {
    for (const m of municipalities) {
      const exact = new Set<string>();
      const base = new Set<string>();
      for (const name of [m.name, m.displayName]) {
        const keys = keysOf(name);
        keys.exact.forEach((k) => exact.add(k));
        keys.base.forEach((k) => base.add(k));
      }
      for (const k of exact) this.exact.set(k, [...(this.exact.get(k) ?? []), m]);
      for (const k of base) this.base.set(k, [...(this.base.get(k) ?? []), m]);
      this.districts.set(m.ags, districtKeysOf(m.districtName));
    }
  }

  /** The municipality a name means; `district` (optional) decides between namesakes. */
  match(name: string, district?: string): NameMatch {
    const keys = keysOf(name);
    const wanted = district && district.trim() !== "" ? districtKeysOf(district) : [];
    const inDistrict = (list: NamedMunicipality[]) =>
      wanted.length === 0 ? list : list.filter((m) => (this.districts.get(m.ags) ?? []).some((d) => wanted.includes(d)));
    const collect = (index: Map<string, NamedMunicipality[]>, list: string[]) => {
      const found = new Map<string, NamedMunicipality>();
      for (const k of list) for (const m of index.get(k) ?? []) found.set(m.ags, m);
      return [...found.values()];
    };
    const exact = collect(this.exact, keys.exact);
    const base = collect(this.base, keys.base);
    for (const candidates of [inDistrict(exact), inDistrict(base), exact, base]) {
      if (candidates.length === 1 && candidates[0]) return { ags: candidates[0].ags };
      const lasting = candidates.filter((m) => m.atYearEnd !== false);
      if (lasting.length === 1 && lasting[0]) return { ags: lasting[0].ags };
      if (candidates.length > 1) return { ags: null, reason: "ambiguous", candidates: candidates.map((m) => m.ags).sort() };
    }
    return { ags: null, reason: "not_found", candidates: [] };
  }
}
