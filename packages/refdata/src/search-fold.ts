// Letters with a stroke have no canonical decomposition, so NFD leaves them alone (Sorbian "Běła Woda").
const UNDECOMPOSABLE: Readonly<Record<string, string>> = { ß: "ss", ł: "l", đ: "d", ø: "o" };
const GERMAN_UMLAUTS: Readonly<Record<string, string>> = { ä: "ae", ö: "oe", ü: "ue" };

function fold(s: string, transliterateUmlauts: boolean): string {
  let lowercase = s.normalize("NFC").toLowerCase();
  if (transliterateUmlauts) lowercase = lowercase.replace(/[äöü]/g, (c) => GERMAN_UMLAUTS[c] ?? c);
  return lowercase
    .replace(/[ßłđø]/g, (c) => UNDECOMPOSABLE[c] ?? c)
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Case- and diacritic-insensitive form for search and sorting: "Großenhain" -> "grossenhain",
 * "Löbau" -> "lobau". Whitespace collapses to single spaces, so a folded query never holds the
 * line break that separates the variants in searchText.
 */
export function foldForSearch(s: string): string {
  return fold(s, false);
}

/**
 * One string holding, for every name, the diacritic-stripped fold and the transliterated one
 * ("Löbau" -> "loebau"), one per line, so that a substring search for foldForSearch(query) finds
 * "Löbau" by "lobau", "loebau" and "Löbau" alike.
 */
export function searchText(names: readonly string[]): string {
  const variants = new Set<string>();
  for (const name of names) {
    variants.add(fold(name, false));
    variants.add(fold(name, true));
  }
  return [...variants].join("\n");
}
