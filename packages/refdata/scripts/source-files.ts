import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseGv100ad } from "../src/gv100ad/parse-gv100ad.js";
import type { SaxonySources } from "../src/saxony/derive-reference-data.js";
import { parseGrosseKreisstaedteCsv, parseTerritorialChangesCsv } from "../src/saxony/source-csv.js";

export const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The monorepo root: the nearest folder above this package holding pnpm-workspace.yaml. */
export function repoRoot(): string {
  for (let dir = packageDir; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "pnpm-workspace.yaml"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no pnpm-workspace.yaml above ${packageDir}`);
  }
}

/** The official source files, kept in the repository with their credits (sources/README.md). */
export const sourcesDir = path.join(packageDir, "sources");

export function readSourceFile(relativePath: string): Buffer {
  const file = path.join(sourcesDir, relativePath);
  if (!existsSync(file)) throw new Error(`${file} not found (see packages/refdata/sources/README.md)`);
  return readFileSync(file);
}

export const GV100AD_2026 = "destatis/GV100AD_31052026.txt";
export const GV100AD_2022 = "destatis/GV100AD_31122022.txt";
export const TERRITORIAL_CHANGES = "saxony/territorial-changes.csv";
export const GROSSE_KREISSTAEDTE = "saxony/grosse-kreisstaedte.csv";

export function loadSaxonySources(): SaxonySources {
  return {
    directory2026: parseGv100ad(readSourceFile(GV100AD_2026)),
    directory2022: parseGv100ad(readSourceFile(GV100AD_2022)),
    grosseKreisstaedte: parseGrosseKreisstaedteCsv(readSourceFile(GROSSE_KREISSTAEDTE).toString("utf8")),
    territorialChanges: parseTerritorialChangesCsv(readSourceFile(TERRITORIAL_CHANGES).toString("utf8")),
  };
}
