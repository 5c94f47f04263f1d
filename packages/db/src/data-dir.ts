import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

/** What other users may do to a file: group and other bits. */
const WIDER_THAN_OWNER = 0o077;

export class DataDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DataDirError";
  }
}

export interface DataDirReport {
  /** The folder, resolved. */
  dir: string;
  /** Entries (the folder included) that other users could read or write, now restricted to the owner. */
  tightened: number;
}

/**
 * Makes the embedded database's folder the owner's alone: creates it with mode 700 if missing, and takes
 * the group and other bits off the folder and everything in it (folders 700, files 600). PGlite sets
 * modes of its own (0666 for the files of a new cluster, 0644 for the catalog cache file it rewrites at
 * each open), so this runs before and after it opens; the folder's 700 keeps others out in between.
 * Throws DataDirError when a mode cannot be changed (the process does not own the file): the database
 * must then not be opened.
 */
export function secureDataDir(dataDir: string): DataDirReport {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  let tightened = 0;
  const visit = (entry: string) => {
    const stat = lstatSync(entry);
    if (stat.isSymbolicLink()) return;
    if ((stat.mode & WIDER_THAN_OWNER) !== 0) {
      try {
        chmodSync(entry, stat.mode & 0o700);
      } catch (error) {
        throw new DataDirError(
          `${entry} is open to other users (mode ${(stat.mode & 0o777).toString(8)}) and this process cannot restrict it ` +
            `(${error instanceof Error ? error.message : String(error)}). Run the server as the folder's owner, or: chmod -R go-rwx ${dir}`,
        );
      }
      tightened++;
    }
    if (stat.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(dir);
  return { dir, tightened };
}
