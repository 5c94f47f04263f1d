export interface RegistryEntry {
  ags: string;
  name: string;
  population: number | null;
}

export interface RegistryDiff<Current extends RegistryEntry, Incoming extends RegistryEntry> {
  added: Incoming[];
  dissolved: Current[];
  renamed: { ags: string; from: string; to: string }[];
  populationChanged: { ags: string; name: string; from: number | null; to: number | null }[];
}

const byAgs = (a: { ags: string }, b: { ags: string }): number => (a.ags < b.ags ? -1 : a.ags > b.ags ? 1 : 0);

/** Compares a registry with a newer directory by AGS; every list is sorted by AGS. */
export function diffRegistry<Current extends RegistryEntry, Incoming extends RegistryEntry>(
  current: readonly Current[],
  incoming: readonly Incoming[],
): RegistryDiff<Current, Incoming> {
  const currentByAgs = new Map(current.map((m) => [m.ags, m]));
  const incomingByAgs = new Map(incoming.map((m) => [m.ags, m]));
  const diff: RegistryDiff<Current, Incoming> = { added: [], dissolved: [], renamed: [], populationChanged: [] };

  for (const next of [...incoming].sort(byAgs)) {
    const previous = currentByAgs.get(next.ags);
    if (previous === undefined) {
      diff.added.push(next);
      continue;
    }
    if (previous.name !== next.name) diff.renamed.push({ ags: next.ags, from: previous.name, to: next.name });
    if (previous.population !== next.population) {
      diff.populationChanged.push({ ags: next.ags, name: next.name, from: previous.population, to: next.population });
    }
  }
  diff.dissolved = current.filter((m) => !incomingByAgs.has(m.ags)).sort(byAgs);
  return diff;
}

export interface InferredSuccessor {
  dissolvedAgs: string;
  /** Null when no or several added municipalities lie in the dissolved one's district. */
  successorAgs: string | null;
}

/**
 * A directory lists no successors. A merger within a district that creates exactly one new AGS
 * there is unambiguous; anything else (incorporation into an existing municipality, several new
 * municipalities) is left for a person to decide.
 */
export function inferSuccessors(diff: {
  added: readonly { ags: string }[];
  dissolved: readonly { ags: string }[];
}): InferredSuccessor[] {
  return diff.dissolved.map(({ ags }) => {
    const candidates = diff.added.filter((a) => a.ags.slice(0, 5) === ags.slice(0, 5));
    return { dissolvedAgs: ags, successorAgs: candidates.length === 1 ? (candidates[0]?.ags ?? null) : null };
  });
}
