import { searchText } from "@insek/refdata";

/**
 * Names and abbreviations the programme lists and the Länder use for the programmes migration 0019 seeds
 * (decision 0034). A programme added later is found by its id and name alone.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  "lebendige-zentren": ["LZ", "Lebendige Zentren", "Lebendige Zentren (LZ)"],
  "sozialer-zusammenhalt": ["SZ", "Sozialer Zusammenhalt", "Zusammenleben im Quartier gemeinsam gestalten"],
  "wachstum-nachhaltige-erneuerung": ["WNE", "Wachstum und nachhaltige Erneuerung", "Wachstum und Erneuerung"],
  "stadtumbau-ost": ["SUO", "StUO", "Stadtumbau Ost", "Stadtumbau", "Stadtumbau Ost Aufwertung", "Stadtumbau Ost Rückbau"],
  "aktive-stadt-und-ortsteilzentren": ["ASZ", "SAS", "Aktive Zentren", "Aktive Stadt- und Ortsteilzentren"],
  "kleinere-staedte-und-gemeinden": ["KSG", "Kleinere Städte und Gemeinden", "Kleinere Städte"],
  "soziale-stadt": ["SST", "SSP", "Soziale Stadt", "Die Soziale Stadt"],
  "staedtebaulicher-denkmalschutz": ["SDP", "SDS", "DSP", "Denkmalschutz", "Städtebaulicher Denkmalschutz", "Städtebaulicher Denkmalschutz Ost"],
  "efre-nachhaltige-stadtentwicklung": ["EFRE", "EFRE Stadtentwicklung", "Nachhaltige integrierte Stadtentwicklung", "NISE"],
  "fr-regio": ["FR-Regio", "FR Regio", "Regionalentwicklung"],
  leader: ["LEADER"],
  "vitale-dorfkerne": ["Vitale Dorfkerne", "Vitale Dorfkerne und Ortszentren"],
};

/** A programme's name folded: case, umlauts, dashes and punctuation do not matter. */
export function programmeKey(text: string): string {
  const [transliterated] = searchText([text]).split("\n").reverse();
  return (transliterated ?? "").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

export type ProgrammeMatch = { id: string } | { id: null; reason: "unknown" | "ambiguous"; candidates: string[] };

/** Finds programmes by id, name, the name before its subtitle (" – …"), or a known abbreviation or variant. */
export class ProgrammeIndex {
  private readonly keys: { id: string; key: string }[] = [];

  constructor(programmes: readonly { id: string; name: string }[]) {
    for (const p of programmes) {
      const names = [p.id, p.name, p.name.split(/\s+[–—-]\s+/)[0] ?? p.name, ...(ALIASES[p.id] ?? [])];
      for (const key of new Set(names.map(programmeKey))) if (key !== "") this.keys.push({ id: p.id, key });
    }
  }

  /**
   * The programme a cell names: an exact key, else the one whose key (of two words or more) the cell begins
   * with ("Lebendige Zentren – Erhalt und Entwicklung …", "Stadtumbau Ost – Programmbereich Aufwertung").
   */
  match(text: string): ProgrammeMatch {
    const key = programmeKey(text);
    const exact = new Set(this.keys.filter((k) => k.key === key).map((k) => k.id));
    if (exact.size === 1) return { id: [...exact][0] ?? "" };
    if (exact.size > 1) return { id: null, reason: "ambiguous", candidates: [...exact].sort() };
    const prefixed = this.keys.filter((k) => k.key.includes(" ") && key.startsWith(`${k.key} `));
    const longest = Math.max(0, ...prefixed.map((k) => k.key.length));
    const best = new Set(prefixed.filter((k) => k.key.length === longest).map((k) => k.id));
    if (best.size === 1) return { id: [...best][0] ?? "" };
    if (best.size > 1) return { id: null, reason: "ambiguous", candidates: [...best].sort() };
    return { id: null, reason: "unknown", candidates: [] };
  }
}
