import {
  type DataDirReport,
  type DatabaseHandle,
  type SeedOutcome,
  ensureMigrated,
  openDatabase,
  seedReferenceData,
} from "@insek/db";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import type { Env } from "./env.js";
import { type Clock, systemClock } from "./lib/clock.js";
import { prepareAccessControl } from "./modules/accounts/demo-accounts.js";
import { type DemoSeedOutcome, seedDemoData } from "./modules/demo/demo.repo.js";
import { demoSeedingEnabled } from "./modules/demo/demo-switch.js";

export interface Bootstrapped {
  database: DatabaseHandle;
  seed: SeedOutcome;
  /** "off" when demo seeding is not switched on (see demoSeedingEnabled). */
  demo: DemoSeedOutcome | "off";
}

/**
 * Opens the configured database, applies pending migrations (or refuses when this role may not), seeds the reference data (idempotent) and,
 * where switched on, the demo history (once) and the demo accounts.
 */
export async function openAndPrepareDatabase(
  env: Env,
  clock: Clock = systemClock,
  warn: (message: string) => void = (message) => process.stderr.write(`${message}\n`),
): Promise<Bootstrapped> {
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR,
    poolSize: env.DATABASE_POOL_SIZE,
    onTightened: (report: DataDirReport) =>
      warn(
        `Warnung: ${report.tightened} Einträge in ${report.dir} waren für andere Benutzer les- oder schreibbar; ` +
          "jetzt nur noch für den Eigentümer (Ordner 700, Dateien 600).",
      ),
  });
  try {
    // Migrates where this role may; a role that owns nothing needs them applied by the owner (README).
    await ensureMigrated(database);
    const { seed, demo } = await database.withLock(async () => {
      const seed = await seedReferenceData(database.db, saxonyReferenceData);
      const demo: Bootstrapped["demo"] = demoSeedingEnabled(env) ? await seedDemoData(database.db, clock) : "off";
      return { seed, demo };
    });
    // Takes the lock itself (public-access setting; demo accounts on the embedded demo only).
    await prepareAccessControl(database, env);
    return { database, seed, demo };
  } catch (error) {
    await database.close().catch(() => undefined);
    if ((error as { cause?: { code?: unknown } } | undefined)?.cause?.code === "42501" || (error as { code?: unknown } | undefined)?.code === "42501") {
      throw new Error(
        "The database refused this role a read or write the server needs. As the owner role, grant the application's role its rights: " +
          "DATABASE_URL=<owner's URL> pnpm insek db:grant --app-role <application role> (README, \"Database roles\").",
        { cause: error },
      );
    }
    throw error;
  }
}
