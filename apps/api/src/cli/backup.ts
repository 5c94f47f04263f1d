import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import type { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { type DatabaseHandle, openDatabase } from "@insek/db";
import type { Env } from "../env.js";
import { type BackupSummary, BackupError, exportBackup, importBackup, parseHeader } from "../modules/backup/backup.service.js";
import { UsageError } from "./import-gv100ad.js";

export const BACKUP_EXPORT_USAGE = "pnpm insek export --all [--out <file>]";
export const BACKUP_IMPORT_USAGE = "pnpm insek import --all [--in <file>]";

function parse(argv: string[], file: "out" | "in", usage: string): string | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      allowPositionals: false,
      options: { all: { type: "boolean", default: false }, [file]: { type: "string" } },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
  }
  if (!values.all) throw new UsageError(`Only complete backups exist so far: add --all.\n${usage}`);
  const name = values[file];
  if (typeof name === "string" && name.trim() === "") throw new UsageError(`--${file} needs a file name\n${usage}`);
  return typeof name === "string" ? name : undefined;
}

async function open(env: Env, create: boolean): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) {
    const dir = path.resolve(env.DATA_DIR);
    if (create) mkdirSync(dir, { recursive: true });
    else if (!existsSync(path.join(dir, "PG_VERSION"))) throw new BackupError(`There is no database in ${dir} (DATA_DIR).`);
  }
  return openDatabase({ url: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR, poolSize: 2 });
}

function describe(summary: BackupSummary): string {
  const tables = summary.tables.map((t) => `  ${t.name}: ${t.rows}`).join("\n");
  const upgraded = summary.upgradedTo === undefined ? "" : `, danach auf Migrationsstand ${summary.upgradedTo} gebracht`;
  return `Migrationsstand ${summary.migration.level} (${summary.migration.tag})${upgraded}, ${summary.rows} Zeilen\n${tables}\n  SHA-256 ${summary.sha256}`;
}

async function writeTo(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, "drain");
}

/**
 * `insek export --all`: the whole database as one backup file (or standard output). A file is written
 * under a temporary name and renamed when complete, so a failed export never leaves a file that looks
 * like a backup.
 */
export async function runExport(
  argv: string[],
  env: Env,
  out: (s: string) => void,
  err: (s: string) => void,
  stdout: Writable = process.stdout,
): Promise<number> {
  const file = parse(argv, "out", BACKUP_EXPORT_USAGE);
  const target = file ? path.resolve(file) : undefined;
  const partial = target ? `${target}.partial` : undefined;
  let database: DatabaseHandle | undefined;
  let stream: Writable = stdout;
  try {
    database = await open(env, false);
    if (partial) {
      const fileStream = createWriteStream(partial, { flags: "w", mode: 0o600 });
      await once(fileStream, "open");
      stream = fileStream;
    }
    const summary = await exportBackup(database, (chunk) => writeTo(stream, chunk));
    if (partial && target) {
      const done = once(stream, "finish");
      stream.end();
      await done;
      renameSync(partial, target);
      out(`Sicherung geschrieben: ${target}\n${describe(summary)}`);
    } else {
      err(`Sicherung geschrieben (Standardausgabe)\n${describe(summary)}`);
    }
    return 0;
  } catch (error) {
    if (partial) {
      stream.destroy();
      rmSync(partial, { force: true });
    }
    if (error instanceof BackupError) {
      err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database?.close();
  }
}

/** `insek import --all`: restores a backup (file or standard input) into an empty database. */
export async function runImport(
  argv: string[],
  env: Env,
  out: (s: string) => void,
  err: (s: string) => void,
): Promise<number> {
  const file = parse(argv, "in", BACKUP_IMPORT_USAGE);
  if (!file && process.stdin.isTTY) throw new UsageError(`Pipe a backup file into standard input or name it with --in.\n${BACKUP_IMPORT_USAGE}`);
  if (file && !existsSync(file)) throw new UsageError(`No such file: ${file}`);
  const input = file ? createReadStream(path.resolve(file)) : process.stdin;
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  let database: DatabaseHandle | undefined;
  try {
    // The first line says what the file is: refuse a wrong file before touching the database.
    const first = await lines.next();
    const headerLine = first.done ? undefined : first.value;
    parseHeader(headerLine);
    database = await open(env, true);
    const summary = await importBackup(database, headerLine, lines);
    out(`Sicherung eingespielt\n${describe(summary)}`);
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      err(error.message);
      return 2;
    }
    throw error;
  } finally {
    await database?.close();
    input.destroy();
  }
}
