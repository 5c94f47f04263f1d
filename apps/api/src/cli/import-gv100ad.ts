import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureMigrated, openDatabase } from "@insek/db";
import { parseGv100ad } from "@insek/refdata";
import type { Env } from "../env.js";
import {
  type RegistryImportReport,
  RegistryImportError,
  importDirectory,
} from "../modules/registry/registry-import.service.js";

export const IMPORT_USAGE = "pnpm insek import-gv100ad <file> [--land 14] [--dry-run] [--population-date YYYY-MM-DD] [--json]";

export function formatReport(r: RegistryImportReport): string {
  const lines = [
    `Gemeindeverzeichnis ${r.source}: Gebietsstand ${r.territorialStatus}, Land ${r.land}, ${r.municipalities} Gemeinden`,
    `  vorheriger Stand: ${r.previousTerritorialStatus ?? "(Register leer)"}; Bevölkerungsstand ${r.populationDate}`,
    `  neu: ${r.added.length}`,
    ...(r.previousTerritorialStatus ? r.added.map((a) => `    + ${a.ags} ${a.name} (ab ${a.validFrom ?? "?"})`) : []),
    `  aufgelöst: ${r.dissolved.length}`,
    ...r.dissolved.map((d) => `    - ${d.ags} ${d.name} (bis ${d.validTo}, Nachfolger ${d.successorAgs ?? "unbekannt"})`),
    `  umbenannt: ${r.renamed.length}`,
    ...r.renamed.map((n) => `    ~ ${n.ags} ${n.from} -> ${n.to}`),
    `  Einwohnerzahl geändert: ${r.populationChanged.length}`,
    `  Kreise neu: ${r.districtsAdded.length}, umbenannt: ${r.districtsRenamed.length}`,
    `Verwaltungsgemeinschaften und -verbände: ${r.associations}`,
    `  neu: ${r.associationsAdded.length}`,
    ...(r.previousTerritorialStatus
      ? r.associationsAdded.map((a) => `    + ${a.key} ${a.name} (${a.type}, ab ${a.validFrom ?? "?"})`)
      : []),
    `  aufgelöst: ${r.associationsDissolved.length}`,
    ...r.associationsDissolved.map((a) => `    - ${a.key} ${a.name} (bis ${a.validTo})`),
    `  umbenannt: ${r.associationsRenamed.length}`,
    ...r.associationsRenamed.map((n) => `    ~ ${n.key} ${n.from} -> ${n.to}`),
    `  Gemeinden beigetreten: ${r.membersJoined.length}`,
    ...(r.previousTerritorialStatus
      ? r.membersJoined.map((j) => `    + ${j.ags} ${j.name} -> ${j.key} (ab ${j.validFrom ?? "?"})`)
      : []),
    `  Gemeinden ausgeschieden: ${r.membersLeft.length}`,
    ...r.membersLeft.map((l) => `    - ${l.ags} ${l.name} aus ${l.key} (bis ${l.validTo})`),
    r.dryRun ? "  Probelauf (--dry-run): nichts geschrieben." : "  Übernommen.",
  ];
  return lines.join("\n");
}

export async function runImportGv100ad(argv: string[], env: Env, out: (s: string) => void): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      land: { type: "string", default: "14" },
      "dry-run": { type: "boolean", default: false },
      "population-date": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(IMPORT_USAGE);
  if (!/^\d{2}$/.test(values.land)) throw new UsageError("--land must be a 2-digit Land key");
  const populationDate = values["population-date"];
  if (populationDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(populationDate)) {
    throw new UsageError("--population-date must be YYYY-MM-DD");
  }

  const directory = parseGv100ad(await readFile(path.resolve(file)));
  const database = await openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR });
  try {
    await ensureMigrated(database);
    const report = await database.withLock(() =>
      importDirectory(database.db, directory, {
        land: values.land,
        dryRun: values["dry-run"],
        source: path.basename(file),
        ...(populationDate ? { populationDate } : {}),
      }),
    );
    out(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } catch (error) {
    if (error instanceof RegistryImportError) {
      out(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database.close();
  }
}

export class UsageError extends Error {}
