import type { Gv100adDirectory } from "./types.js";

/** The part of a directory that belongs to one Land. Line errors are kept: they cannot be assigned to a Land. */
export function filterLand(directory: Gv100adDirectory, landKey: string): Gv100adDirectory {
  if (!/^\d{2}$/.test(landKey)) throw new RangeError(`Land key must be 2 digits, got "${landKey}"`);
  return {
    ...directory,
    lands: directory.lands.filter((l) => l.key === landKey),
    governmentRegions: directory.governmentRegions.filter((r) => r.key.startsWith(landKey)),
    regions: directory.regions.filter((r) => r.key.startsWith(landKey)),
    districts: directory.districts.filter((d) => d.key.startsWith(landKey)),
    associations: directory.associations.filter((a) => a.key.startsWith(landKey)),
    municipalities: directory.municipalities.filter((m) => m.ags.startsWith(landKey)),
  };
}
