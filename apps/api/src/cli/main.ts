import { EnvError, loadEnv } from "../env.js";
import { BACKUP_EXPORT_USAGE, BACKUP_IMPORT_USAGE, runExport, runImport } from "./backup.js";
import { IMPORT_USAGE, UsageError, runImportGv100ad } from "./import-gv100ad.js";
import { DB_GRANT_USAGE, MIGRATE_USAGE, runDbGrant, runMigrate } from "./migrate.js";
import { USER_CREATE_USAGE, runUserCreate } from "./user-create.js";

const USAGE = `INSEK-Monitor command line

  ${IMPORT_USAGE}
      Update the municipality registry from a Destatis municipality directory (GV100AD).

  ${USER_CREATE_USAGE}
      Create an account (e.g. the first administrator). The password is read from standard input
      (asked for without echo on a terminal), never taken from the command line.

  ${BACKUP_EXPORT_USAGE}
      Write a complete backup (registry, history, settings, accounts, API tokens, audit log) as one
      file, or to standard output (then run it as "pnpm -s insek ..." so pnpm adds nothing).
      Password hashes and token hashes only, never a secret in clear; no sessions.

  ${BACKUP_IMPORT_USAGE}
      Restore a backup (file or standard input) into an empty database, all or nothing.

  ${MIGRATE_USAGE}
      Apply the database migrations and seed the reference data. On PostgreSQL run it with the owner
      role's DATABASE_URL; --app-role then grants the application's role what the server needs.

  ${DB_GRANT_USAGE}
      Grant the application's role (PostgreSQL, run as the owner role): read and write the tables,
      only read and append to the history and the audit log, nothing owned.

The database is the one the server uses: DATABASE_URL, or the embedded database in DATA_DIR.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const err = (s: string) => process.stderr.write(`${s}\n`);
  switch (command) {
    case "import-gv100ad":
      return runImportGv100ad(rest, loadEnv(), out);
    case "user:create":
      return runUserCreate(rest, loadEnv(), out);
    case "migrate":
      return runMigrate(rest, loadEnv(), out);
    case "db:grant":
      return runDbGrant(rest, loadEnv(), out);
    case "export":
      return runExport(rest, loadEnv(), out, err);
    case "import":
      return runImport(rest, loadEnv(), out, err);
    case undefined:
    case "help":
    case "--help":
      out(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
      return 1;
  }
}

// Files the command line creates (the embedded database's, backups) are the owner's alone.
process.umask(0o077);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof EnvError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
