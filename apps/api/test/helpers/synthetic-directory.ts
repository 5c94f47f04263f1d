import { readFileSync } from "node:fs";
import path from "node:path";
import { sourcesDir } from "./source-files.js";

/**
 * The 2026 directory, changed as a later one might be, for tests of the association import. Fields by
 * 1-based position as in docs/gv100ad-format.md; the records stay 220 characters.
 */
export interface DirectoryEdit {
  /** New territorial status (YYYYMMDD) for every record. */
  territorialStatus: string;
  /** Association key (9 digits) -> new name. */
  renameAssociations?: Record<string, string>;
  /** Municipality AGS -> the 4 digits of its new association. */
  moveMunicipalities?: Record<string, string>;
  /** Association keys whose record type 50 disappears. */
  removeAssociations?: string[];
  /** New associations (Textkennzeichen 54 VG or 56 VV). */
  addAssociations?: { key: string; name: string; seat: string; textCode: "54" | "56" }[];
}

function setField(line: string, from: number, to: number, value: string): string {
  const width = to - from + 1;
  if (value.length > width) throw new Error(`"${value}" is longer than positions ${from}-${to}`);
  return line.slice(0, from - 1) + value.padEnd(width, " ") + line.slice(to);
}

const associationKeyOf = (line: string) => line.slice(10, 15) + line.slice(18, 22);

export function editedDirectory2026(edit: DirectoryEdit): Buffer {
  const lines = readFileSync(path.join(sourcesDir, "destatis/GV100AD_31052026.txt"), "utf8").split("\n");
  const template = lines.find((l) => l.startsWith("50") && l.slice(122, 124) === "54");
  if (!template) throw new Error("no association record in the 2026 directory");
  const out: string[] = [];
  for (const original of lines) {
    if (original.trim() === "") {
      out.push(original);
      continue;
    }
    let line = setField(original, 3, 10, edit.territorialStatus);
    const type = line.slice(0, 2);
    if (type === "50") {
      const key = associationKeyOf(line);
      if (edit.removeAssociations?.includes(key)) continue;
      const name = edit.renameAssociations?.[key];
      if (name !== undefined) line = setField(line, 23, 72, name);
    }
    if (type === "60") {
      const moved = edit.moveMunicipalities?.[line.slice(10, 18)];
      if (moved !== undefined) line = setField(line, 19, 22, moved);
    }
    out.push(line);
  }
  for (const added of edit.addAssociations ?? []) {
    let line = setField(template, 3, 10, edit.territorialStatus);
    line = setField(line, 11, 15, added.key.slice(0, 5));
    line = setField(line, 19, 22, added.key.slice(5));
    line = setField(line, 23, 72, added.name);
    line = setField(line, 73, 122, added.seat);
    line = setField(line, 123, 124, added.textCode);
    const at = out.findIndex((l) => l.startsWith("60") && l.slice(10, 15) === added.key.slice(0, 5));
    out.splice(at, 0, line);
  }
  return Buffer.from(out.join("\n"), "utf8");
}

/** A later directory with one of each association change (used by the import and the API tests). */
export const SYNTHETIC_CHANGES: DirectoryEdit = {
  territorialStatus: "20261231",
  renameAssociations: { "146255501": "Am Klosterwasser (umbenannt)" },
  // Königswalde from VG Bärenstein-Königswalde to VG Burkhardtsdorf; VG Beilrode's members into a new VG.
  moveMunicipalities: { "14521340": "5103", "14730010": "5399", "14730030": "5399" },
  removeAssociations: ["147305302"],
  addAssociations: [{ key: "147305399", name: "Neue Verwaltungsgemeinschaft", seat: "Beilrode", textCode: "54" }],
};
