export interface AssociationEntry {
  key: string;
  name: string;
  /** AGS of the members on the date compared. */
  members: readonly string[];
}

export interface AssociationDiff<Current extends AssociationEntry, Incoming extends AssociationEntry> {
  added: Incoming[];
  dissolved: Current[];
  renamed: { key: string; from: string; to: string }[];
  /** A municipality that joined an association (including every member of a new one). */
  joined: { key: string; ags: string }[];
  /** A municipality that left an association (including every member of a dissolved one). */
  left: { key: string; ags: string }[];
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Compares the associations of a registry with those of a newer directory by key; every list is sorted. */
export function diffAssociations<Current extends AssociationEntry, Incoming extends AssociationEntry>(
  current: readonly Current[],
  incoming: readonly Incoming[],
): AssociationDiff<Current, Incoming> {
  const currentByKey = new Map(current.map((a) => [a.key, a]));
  const incomingByKey = new Map(incoming.map((a) => [a.key, a]));
  const diff: AssociationDiff<Current, Incoming> = { added: [], dissolved: [], renamed: [], joined: [], left: [] };
  for (const next of [...incoming].sort((a, b) => byText(a.key, b.key))) {
    const previous = currentByKey.get(next.key);
    if (previous === undefined) diff.added.push(next);
    else if (previous.name !== next.name) diff.renamed.push({ key: next.key, from: previous.name, to: next.name });
    const before = new Set(previous?.members ?? []);
    for (const ags of [...next.members].sort(byText)) if (!before.has(ags)) diff.joined.push({ key: next.key, ags });
  }
  for (const previous of [...current].sort((a, b) => byText(a.key, b.key))) {
    const next = incomingByKey.get(previous.key);
    if (next === undefined) diff.dissolved.push(previous);
    const after = new Set(next?.members ?? []);
    for (const ags of [...previous.members].sort(byText)) if (!after.has(ags)) diff.left.push({ key: previous.key, ags });
  }
  return diff;
}
