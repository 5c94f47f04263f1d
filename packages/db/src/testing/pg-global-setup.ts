import { mkdirSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { saxonyReferenceData } from "@insek/refdata/saxony";
import { openDatabase } from "../client.js";
import { migrateDatabase } from "../migrate.js";
import { seedReferenceData } from "../seed/reference-data.js";
import { databaseUrl, withAdminClient } from "./settings.js";

/**
 * Creates the two template databases of one test run on the PostgreSQL server (migrated; migrated
 * and seeded). Each test file then gets its own database copied from a template.
 */
export default async function setup(project: TestProject) {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const prefix = `insek_t_${runId}`;
  const templates = { empty: `${prefix}_tpl_empty`, seeded: `${prefix}_tpl_seeded` };

  await withAdminClient(async (admin) => {
    // Leftovers of runs that were killed before their teardown (older than six hours: other runs
    // may be going on right now, e.g. a developer's next to CI).
    const stale = await admin.query<{ datname: string }>(
      "select datname from pg_database where datname like 'insek_t_%' and datistemplate = false",
    );
    const cutoff = Date.now() - 6 * 3600_000;
    for (const { datname } of stale.rows) {
      const started = Number.parseInt(datname.split("_")[2] ?? "", 36);
      if (Number.isFinite(started) && started < cutoff) {
        await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
      }
    }
    for (const name of Object.values(templates)) await admin.query(`create database "${name}"`);
  });

  for (const [variant, name] of Object.entries(templates)) {
    const handle = await openDatabase({ url: databaseUrl(name), poolSize: 1 });
    await migrateDatabase(handle);
    if (variant === "seeded") await seedReferenceData(handle.db, saxonyReferenceData);
    await handle.close();
  }

  project.provide("pgTemplates", templates);
  project.provide("pgPrefix", prefix);

  const markerDir = process.env.TEST_MARKER_DIR;
  if (markerDir) {
    mkdirSync(markerDir, { recursive: true });
    writeFileSync(`${markerDir}/postgres-${project.name}`, new Date().toISOString());
  }

  return async () => {
    await withAdminClient(async (admin) => {
      const rows = await admin.query<{ datname: string }>(
        "select datname from pg_database where datname like $1",
        [`${prefix}%`],
      );
      for (const { datname } of rows.rows) {
        await admin.query(`drop database if exists "${datname}" with (force)`).catch(() => undefined);
      }
    });
  };
}
