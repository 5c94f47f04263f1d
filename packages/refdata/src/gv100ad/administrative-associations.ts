import type { Gv100adAssociation, Gv100adDirectory } from "./types.js";

export type AdministrativeAssociationType = "verwaltungsgemeinschaft" | "verwaltungsverband";

/** Textkennzeichen of record type 50 for the associations this product tracks. */
const TYPE_BY_TEXT_CODE: Readonly<Record<string, AdministrativeAssociationType>> = {
  "54": "verwaltungsgemeinschaft",
  "56": "verwaltungsverband",
};

export function administrativeAssociationTypeOf(textCode: string): AdministrativeAssociationType | null {
  return TYPE_BY_TEXT_CODE[textCode] ?? null;
}

export interface AdministrativeAssociation {
  /** 9 digits: district key + the association's 4 digits (positions 19-22). */
  key: string;
  districtKey: string;
  name: string;
  type: AdministrativeAssociationType;
  /** Seat of the administration, as the directory names it (e.g. "Stollberg/Erzgeb."). */
  seat: string;
  /**
   * The erfüllende Gemeinde of a Verwaltungsgemeinschaft: the member at the seat of the administration
   * (the directory has no flag for it; its seat is where the erfüllende Gemeinde's administration sits).
   * Null for a Verwaltungsverband (which has none) and when the seat matches no single member.
   */
  fulfillingAgs: string | null;
  /** AGS of the member municipalities, sorted. */
  members: string[];
}

/** A name without "Kurort " before it and without what follows "/", " a. d. " or ", ". */
function stemOf(name: string): string {
  const withoutPrefix = name.replace(/^Kurort /, "");
  const cuts = ["/", " a. d. ", ", ", " / "]
    .map((separator) => withoutPrefix.indexOf(separator))
    .filter((i) => i > 0);
  return (cuts.length === 0 ? withoutPrefix : withoutPrefix.slice(0, Math.min(...cuts))).trim();
}

function fulfillingMunicipalityOf(
  association: Gv100adAssociation,
  members: readonly { ags: string; name: string }[],
): string | null {
  if (administrativeAssociationTypeOf(association.textCode) !== "verwaltungsgemeinschaft") return null;
  const seat = stemOf(association.seat);
  if (seat === "") return null;
  const matches = members.filter((m) => stemOf(m.name) === seat);
  return matches.length === 1 ? (matches[0]?.ags ?? null) : null;
}

/**
 * The Verwaltungsgemeinschaften (Textkennzeichen 54) and Verwaltungsverbände (56) of a directory with
 * their members (municipality records whose positions 19-22 name the association), sorted by key.
 * Other Gemeindeverbände (verbandsfreie Gemeinden, Ämter, Samtgemeinden ...) are left out.
 */
export function administrativeAssociationsOf(directory: Gv100adDirectory): AdministrativeAssociation[] {
  const membersByKey = new Map<string, { ags: string; name: string }[]>();
  for (const m of directory.municipalities) {
    const list = membersByKey.get(m.associationKey) ?? [];
    list.push({ ags: m.ags, name: m.name });
    membersByKey.set(m.associationKey, list);
  }
  return directory.associations
    .flatMap((a) => {
      const type = administrativeAssociationTypeOf(a.textCode);
      if (type === null) return [];
      const members = (membersByKey.get(a.key) ?? []).sort((x, y) => (x.ags < y.ags ? -1 : 1));
      return [
        {
          key: a.key,
          districtKey: a.districtKey,
          name: a.name,
          type,
          seat: a.seat,
          fulfillingAgs: fulfillingMunicipalityOf(a, members),
          members: members.map((m) => m.ags),
        },
      ];
    })
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
