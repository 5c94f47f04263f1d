import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eventCreatedSchema, municipalityDetailSchema } from "@insek/contracts";
import { type DatabaseHandle, migrateDatabase, openDatabase, queryRows } from "@insek/db";
import { createTestDatabase, databaseUrl, type TestDatabase, testDbKind, withAdminClient } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { createResetToken } from "../src/modules/accounts/auth.service.js";
import { insertAuditRow } from "../src/modules/audit/audit.repo.js";
import { EXCLUDED_TABLES, MIGRATION_FILLED_TABLES, migrationTags } from "../src/modules/backup/backup.schema.js";
import { type BackupHeader, BackupError, exportBackup, importBackup, migrationsUpTo } from "../src/modules/backup/backup.service.js";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { PASSWORD, addAccount, assign, bearerFor, login } from "./helpers/accounts.js";
import { runCli } from "./helpers/cli-process.js";
import { linkHistoryToConcepts } from "./helpers/concept-linking.js";
import { insertHistoryFixture } from "./helpers/history-fixture.js";
import { type TestApp, createTestApp, fixedClock } from "./helpers/test-app.js";

async function exportText(handle: DatabaseHandle): Promise<string> {
  let text = "";
  await exportBackup(handle, (chunk) => {
    text += chunk;
    return Promise.resolve();
  });
  return text;
}

/** Feeds `text` line by line, as readline does with a file. */
async function importText(handle: DatabaseHandle, text: string, batchRows?: number) {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const [first, ...rest] = lines;
  return importBackup(handle, first, rest[Symbol.iterator](), batchRows ? { batchRows } : {});
}

/** The number of rows in every application table a backup restores (excluded tables left out). */
async function dataRows(handle: DatabaseHandle): Promise<number> {
  const tables = await queryRows<{ name: string }>(
    handle.db,
    sql`select table_name::text as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  let total = 0;
  for (const { name } of tables) {
    // Excluded tables and the reference data a migration fills (the funding programmes) are no restored data.
    if (name in EXCLUDED_TABLES || name in MIGRATION_FILLED_TABLES) continue;
    const [row] = await queryRows<{ n: number }>(handle.db, sql.raw(`select count(*)::int as n from "${name}"`));
    total += row?.n ?? 0;
  }
  return total;
}

/** Replaces the closing line's checksum so that an edited backup passes the integrity check. */
function resealed(lines: string[]): string {
  const body = lines.slice(0, -1);
  const last = lines.at(-1) ?? "";
  const end = (JSON.parse(last) as { end: { tables: number; rows: number; sha256: string } }).end;
  const sha256 = createHash("sha256").update(body.map((l) => `${l}\n`).join("")).digest("hex");
  return `${[...body, JSON.stringify({ end: { ...end, sha256 } })].join("\n")}\n`;
}

/** A database without any migration applied (a new PGlite folder, a new PostgreSQL database). */
async function freshDatabase(): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  if (testDbKind() === "pglite") {
    const handle = await openDatabase({});
    return { ...handle, drop: () => handle.close() };
  }
  const name = `${inject("pgPrefix")}_fresh_${randomBytes(4).toString("hex")}`;
  await withAdminClient((admin) => admin.query(`create database "${name}"`));
  const handle = await openDatabase({ url: databaseUrl(name), poolSize: 2 });
  return {
    ...handle,
    drop: async () => {
      await handle.close();
      await withAdminClient((admin) => admin.query(`drop database if exists "${name}" with (force)`));
    },
  };
}

function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

describe("backup: export --all and import --all", () => {
  let source: TestApp;
  let backup: string;
  let apiToken: string;
  let resetToken: string;
  let sessionCookie: string;
  let maxEventId: number;
  let maxAuditId: number;
  const SMR = "leitung@smr.test.example";

  beforeAll(async () => {
    source = await createTestApp({ clock: fixedClock });
    const db = source.database.db;
    await seedDemoData(db, fixedClock);
    await insertHistoryFixture(db);
    // The fixture's events were written past the API, after migration 0016: link them as it would have, so
    // that the backup holds a linked history (and upgrading a restore of the level before 0016 changes nothing).
    await linkHistoryToConcepts(db);
    const admin = await addAccount(db, { email: SMR, role: "smr", admin: true });
    await addAccount(db, { email: "rathaus@leipzig.test.example", role: "municipality", ags: ["14713000", "14729080"], password: null });
    const advisor = await addAccount(db, { email: "berater@fs-inge.test.example", role: "advisor", password: null });
    await assign(db, advisor.id, ["14522180", "14625250"], "2026-01-01");
    await assign(db, advisor.id, ["14523320"], "2025-01-01", "2026-01-01");
    apiToken = (await bearerFor(source.app, admin.id)).headers.authorization?.slice("Bearer ".length) ?? "";
    resetToken = (await createResetToken(db, advisor.id, fixedClock(), null)).token;
    await insertAuditRow(db, {
      at: fixedClock(),
      actorUserId: admin.id,
      actorLabel: SMR,
      action: "test.entry",
      target: "user:x",
      details: { nested: { ä: "ß \"quoted\" \n line", list: [1, 2.5, null, true] }, big: 9007199254740991 },
    });
    // A sign-in through the API: a session, a login attempt and audit entries.
    const signedIn = await login(source.app, SMR);
    expect(signedIn.res.statusCode).toBe(200);
    sessionCookie = signedIn.credentials?.cookie ?? "";
    // A write through the API (audited).
    const detail = municipalityDetailSchema.parse((await source.app.inject({ url: "/api/municipalities/14522180" })).json());
    const created = await source.app.inject({
      method: "POST",
      url: "/api/municipalities/14522180/events",
      headers: { authorization: `Bearer ${apiToken}`, "if-match": `"${detail.version}"` },
      payload: { type: "confirmation", effectiveDate: "2026-11-25" },
    });
    expect(created.statusCode, created.body).toBe(201);
    const [max] = await queryRows<{ events: number; audit: number }>(
      db,
      sql`select (select max(id) from status_events)::int as events, (select max(id) from audit_log)::int as audit`,
    );
    maxEventId = max?.events ?? 0;
    maxAuditId = max?.audit ?? 0;
    backup = await exportText(source.database);
  });
  afterAll(async () => {
    await source.close();
  });

  it("writes a versioned header, every table of the database except the documented ones, rows in key order", async () => {
    const lines = linesOf(backup);
    const header = JSON.parse(lines[0] ?? "") as BackupHeader;
    const tags = migrationTags();
    expect(header).toMatchObject({ format: "insek-monitor-backup", version: 1, migration: { level: tags.length, tag: tags.at(-1) } });
    expect(backup).not.toContain("exportedAt");

    // Every table in the database (drizzle's own migrations table lives in schema "drizzle") is in the
    // backup or deliberately left out with a reason: a table added later must be one or the other.
    const inDatabase = await queryRows<{ name: string }>(
      source.database.db,
      sql`select table_name::text as name from information_schema.tables
          where table_schema not in ('pg_catalog', 'information_schema', 'drizzle') and table_type = 'BASE TABLE'`,
    );
    const covered = new Set([...header.tables, ...header.excluded]);
    expect(inDatabase.map((t) => t.name).filter((name) => !covered.has(name))).toEqual([]);
    expect(header.excluded.every((name) => name in EXCLUDED_TABLES)).toBe(true);
    expect(header.excluded).toEqual(expect.arrayContaining(["login_attempts", "sessions"]));
    for (const name of ["districts", "municipalities", "associations", "association_memberships", "registry_imports", "status_events", "app_settings", "users",
      "user_municipalities", "advisor_assignments", "api_tokens", "password_reset_tokens", "audit_log"]) {
      expect(header.tables).toContain(name);
    }
    // Foreign-key order: referenced tables first.
    const at = (name: string) => header.tables.indexOf(name);
    expect(at("districts")).toBeLessThan(at("municipalities"));
    expect(at("municipalities")).toBeLessThan(at("status_events"));
    expect(at("municipalities")).toBeLessThan(at("associations"));
    expect(at("associations")).toBeLessThan(at("association_memberships"));
    expect(at("users")).toBeLessThan(at("api_tokens"));
    expect(at("users")).toBeLessThan(at("audit_log"));

    // Each table section: its header with the row count, then the rows in primary-key order.
    const sections = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
    let current: { columns: string[]; rows: Record<string, unknown>[] } | undefined;
    for (const line of lines.slice(1, -1)) {
      const value = JSON.parse(line) as Record<string, unknown>;
      if (typeof value.table === "string" && Array.isArray(value.columns) && Object.keys(value).length === 3) {
        current = { columns: value.columns as string[], rows: [] };
        sections.set(value.table, current);
      } else {
        current?.rows.push(value);
      }
    }
    expect([...sections.keys()]).toEqual(header.tables);
    const events = sections.get("status_events")?.rows ?? [];
    const ids = events.map((r) => r.id as number);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(events.length).toBeGreaterThan(100);
    const [counted] = await queryRows<{ n: number }>(source.database.db, sql`select count(*)::int as n from status_events`);
    expect(events.length).toBe(counted?.n);
    const ags = (sections.get("municipalities")?.rows ?? []).map((r) => r.ags as string);
    expect(ags).toEqual([...ags].sort());
    // Stable encodings: timestamps ISO 8601 in UTC, dates as days, bigint ids as numbers, jsonb nested.
    const confirmation = events.find((r) => r.id === maxEventId);
    expect(confirmation).toMatchObject({ recorded_at: "2026-11-25T09:00:00+00:00", effective_date: "2026-11-25", type: "confirmation" });
    const audit = sections.get("audit_log")?.rows.find((r) => r.action === "test.entry");
    expect(audit?.details).toEqual({ nested: { ä: "ß \"quoted\" \n line", list: [1, 2.5, null, true] }, big: 9007199254740991 });
    const end = JSON.parse(lines.at(-1) ?? "") as { end: { rows: number; tables: number } };
    expect(end.end.tables).toBe(header.tables.length);
    expect(end.end.rows).toBe(lines.length - 2 - header.tables.length);
  });

  it("holds no secret in clear: argon2id password hashes and SHA-256 token hashes only, no sessions", () => {
    expect(backup).toContain("$argon2id$");
    expect(backup).not.toContain(PASSWORD);
    expect(apiToken.length).toBeGreaterThan(20);
    expect(backup).not.toContain(apiToken);
    expect(backup).not.toContain(resetToken);
    expect(backup).not.toContain(sessionCookie.split("=")[1] ?? "-");
    expect(backup).not.toContain('"table":"sessions"');
  });

  it("refuses to export a database with a table the schema does not know (the backup would be incomplete)", async () => {
    const other = await createTestDatabase({ seeded: false });
    try {
      await other.db.execute(sql`create table stray_notes (id int primary key, body text)`);
      const error = await exportText(other).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toContain("stray_notes");
    } finally {
      await other.drop();
    }
  });

  it("exports the same bytes twice", async () => {
    expect(await exportText(source.database)).toBe(backup);
  });

  describe("restoring", () => {
    let target: TestDatabase;
    let app: App;

    beforeAll(async () => {
      target = await createTestDatabase({ seeded: false });
    });
    afterAll(async () => {
      await app?.close();
      await target.drop();
    });

    const refused = async (text: string, message: RegExp) => {
      const error = await importText(target, text).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as Error).message).toMatch(message);
      expect(await dataRows(target)).toBe(0);
    };

    it("refuses a truncated file and writes nothing", async () => {
      const lines = linesOf(backup);
      await refused(`${lines.slice(0, -1).join("\n")}\n`, /truncated: its closing line is missing/);
      await refused(backup.slice(0, Math.floor(backup.length * 0.7)), /truncated|damaged/);
      await refused(`${lines.slice(0, 3).join("\n")}\n`, /truncated/);
      await refused("", /empty/);
      // Standard output of "pnpm insek export --all" without -s: pnpm's own lines come first.
      await refused(`\n> insek-monitor@ insek /work/main\n> tsx apps/api/src/cli/main.ts export --all\n\n${backup}`, /pnpm -s insek export/);
    });

    it("refuses a damaged file and writes nothing", async () => {
      const lines = linesOf(backup);
      // A changed value: only the checksum notices, at the very end, after every row was inserted.
      const row = lines.findIndex((l) => l.includes('"name":"Chemnitz'));
      expect(row).toBeGreaterThan(0);
      const changed = [...lines];
      changed[row] = (changed[row] ?? "").replace('"name":"Chemnitz', '"name":"Khemnitz');
      await refused(`${changed.join("\n")}\n`, /checksum/);
      const broken = [...lines];
      broken[row] = (broken[row] ?? "").slice(0, 20);
      await refused(`${broken.join("\n")}\n`, /not valid JSON/);
      await refused(`${lines.join("\n")}\n{"more":1}\n`, /after its closing line/);
      await refused('{"hello":"world"}\n', /not an INSEK-Monitor backup/);
    });

    it("refuses a backup of a newer migration level and writes nothing", async () => {
      const lines = linesOf(backup);
      const header = JSON.parse(lines[0] ?? "") as BackupHeader;
      const newer = { ...header, migration: { level: header.migration.level + 1, tag: "9999_from_the_future" } };
      await refused(resealed([JSON.stringify(newer), ...lines.slice(1)]), /newer than this version/);
    });

    it("restores into an empty database; a second export is byte-identical", async () => {
      const summary = await importText(target, backup);
      expect(summary.rows).toBeGreaterThan(100);
      expect(await exportText(target)).toBe(backup);
      // The tables derived from the history (left out of the backup) are derived again, the same.
      const derived = async (database: { db: Parameters<typeof queryRows>[0] }) =>
        [
          await queryRows(database.db, sql`select * from record_periods order by ags, valid_from`),
          await queryRows(database.db, sql`select * from record_latest order by ags`),
        ];
      const restored = await derived(target);
      expect(restored[0]?.length).toBeGreaterThan(0);
      expect(restored).toEqual(await derived(source.database));
    });

    it("refuses to restore into a database that is not empty, and writes nothing", async () => {
      const error = await importText(target, backup).then(() => undefined, (e: unknown) => e);
      expect((error as Error).message).toMatch(/not empty \(rows in .*status_events/);
      expect(await exportText(target)).toBe(backup);
      const into = await importText(source.database, backup).then(() => undefined, (e: unknown) => e);
      expect(into).toBeInstanceOf(BackupError);
    });

    it("the application works on the restored database", async () => {
      app = await buildApp({ database: target, clock: fixedClock });
      // The same password signs in; the API token still authenticates; the old session does not.
      const signedIn = await login(app, SMR);
      expect(signedIn.res.statusCode, signedIn.res.body).toBe(200);
      const bearer = { authorization: `Bearer ${apiToken}` };
      expect((await app.inject({ url: "/api/auth/me", headers: bearer })).statusCode).toBe(200);
      expect((await app.inject({ url: "/api/auth/me", headers: { cookie: sessionCookie } })).statusCode).toBe(401);
      // Anonymous reading stays as configured (app_settings).
      expect((await app.inject({ url: "/api/municipalities?limit=1" })).statusCode).toBe(200);

      // A new event gets the next id and version; the audit log continues after the restored entries.
      const detail = municipalityDetailSchema.parse((await app.inject({ url: "/api/municipalities/14522180" })).json());
      const res = await app.inject({
        method: "POST",
        url: "/api/municipalities/14522180/events",
        headers: { ...bearer, "if-match": `"${detail.version}"` },
        payload: { type: "confirmation", effectiveDate: "2026-11-25" },
      });
      expect(res.statusCode, res.body).toBe(201);
      const created = eventCreatedSchema.parse(res.json());
      expect(created.event.id).toBe(maxEventId + 1);
      expect(created.version).toBe(detail.version + 1);
      const [audit] = await queryRows<{ min: number }>(target.db, sql`select min(id)::int as min from audit_log where id > ${maxAuditId}`);
      expect(audit?.min).toBe(maxAuditId + 1);
    });
  });

  it("restores rows that refer to later rows of their own table (foreign keys onto itself)", async () => {
    // Reverse the rows of every table: a correcting event then comes before the event it supersedes,
    // a dissolved municipality before its successor.
    const lines = linesOf(backup);
    const out: string[] = [lines[0] ?? ""];
    let rows: string[] = [];
    const flush = () => {
      out.push(...rows.reverse());
      rows = [];
    };
    for (const line of lines.slice(1, -1)) {
      if (line.startsWith('{"table":')) {
        flush();
        out.push(line);
      } else {
        rows.push(line);
      }
    }
    flush();
    out.push(lines.at(-1) ?? "");
    const reversed = resealed(out);
    expect(reversed).not.toBe(backup);
    const target = await createTestDatabase({ seeded: false });
    try {
      // Small batches, so that a row and the row it refers to land in different INSERTs.
      await importText(target, reversed, 7);
      expect(await exportText(target)).toBe(backup);
    } finally {
      await target.drop();
    }
  });

  it("restores a backup of the previous migration level into a new database, then upgrades it", async () => {
    const tags = migrationTags();
    const level = tags.length - 1;
    // What the database looked like at that level: its tables and columns.
    const scratch = await freshDatabase();
    const columnsThen = new Map<string, Set<string>>();
    try {
      const folder = migrationsUpTo(level);
      await migrateDatabase(scratch, folder);
      rmSync(folder, { recursive: true, force: true });
      const rows = await queryRows<{ t: string; c: string }>(
        scratch.db,
        sql`select table_name::text as t, column_name::text as c from information_schema.columns where table_schema = 'public'`,
      );
      for (const { t, c } of rows) columnsThen.set(t, (columnsThen.get(t) ?? new Set<string>()).add(c));
    } finally {
      await scratch.drop();
    }
    // The current backup cut down to that level, as the older version would have written it.
    const cutDown = (backupLines: string[]) => {
      const out: string[] = [];
      const keptTables: string[] = [];
      let keep = false;
      let columns: string[] = [];
      let dataRowsThen = 0;
      let columnsCut = false;
      for (const line of backupLines.slice(1, -1)) {
        const value = JSON.parse(line) as Record<string, unknown>;
        if (line.startsWith('{"table":')) {
          const then = columnsThen.get(value.table as string);
          keep = then !== undefined;
          if (!keep || !then) continue;
          keptTables.push(value.table as string);
          columns = (value.columns as string[]).filter((c) => then.has(c));
          if (columns.length !== (value.columns as string[]).length) columnsCut = true;
          out.push(JSON.stringify({ ...value, columns }));
        } else if (keep) {
          out.push(JSON.stringify(Object.fromEntries(columns.map((c) => [c, value[c]]))));
          dataRowsThen++;
        }
      }
      return { out, keptTables, dataRowsThen, columnsCut };
    };
    const lines = linesOf(backup);
    const header = JSON.parse(lines[0] ?? "") as BackupHeader;
    const { out, keptTables, dataRowsThen, columnsCut } = cutDown(lines);
    const older = { ...header, migration: { level, tag: tags[level - 1] }, tables: keptTables };
    const text = resealed([JSON.stringify(older), ...out, JSON.stringify({ end: { tables: keptTables.length, rows: dataRowsThen, sha256: "" } })]);

    // Into a database that is already at the current level: refused, nothing written.
    const current = await createTestDatabase({ seeded: false });
    try {
      const error = await importText(current, text).then(() => undefined, (e: unknown) => e);
      expect((error as Error).message).toMatch(/older version .* new, empty database/);
      expect(await dataRows(current)).toBe(0);
    } finally {
      await current.drop();
    }

    const target = await freshDatabase();
    try {
      const summary = await importText(target, text);
      expect(summary.migration.level).toBe(level);
      expect(summary.upgradedTo).toBe(tags.length);
      expect(await dataRows(target)).toBe(dataRowsThen);
      const again = await exportText(target);
      expect(linesOf(again)[0]).toBe(lines[0]);
      // What the older level held comes back unchanged; unless the last migration changed the backed-up
      // tables, the upgraded database is the original. Columns it added are filled by the migration from
      // what the older level held (e.g. 0014's backfill of status_events, tested in recorded-by-split.test.ts).
      expect(cutDown(linesOf(again)).out).toEqual(out);
      if (!columnsCut && dataRowsThen === linesOf(backup).length - 2 - header.tables.length && keptTables.length === header.tables.length) {
        expect(again).toBe(backup);
      }
    } finally {
      await target.drop();
    }
  }, 120_000);

  it("round-trips through the command line (pnpm insek export --all / import --all)", async () => {
    let env: Record<string, string>;
    let cleanup: () => Promise<void>;
    const folder = mkdtempSync(path.join(tmpdir(), "insek-backup-"));
    if (testDbKind() === "postgres") {
      const target = await createTestDatabase({ seeded: false });
      env = { DATABASE_URL: target.url ?? "" };
      cleanup = () => target.drop();
    } else {
      env = { DATA_DIR: path.join(folder, "pglite") };
      cleanup = () => Promise.resolve();
    }
    try {
      const usage = await runCli(["export"], env);
      expect(usage.code).toBe(1);
      expect(usage.stderr).toContain("--all");

      const restored = await runCli(["import", "--all"], env, backup);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain("Sicherung eingespielt");

      const file = path.join(folder, "backup.ndjson");
      const written = await runCli(["export", "--all", "--out", file], env);
      expect(written.stderr).toBe("");
      expect(written.code).toBe(0);
      expect(readFileSync(file, "utf8")).toBe(backup);
      const toStdout = await runCli(["export", "--all"], env);
      expect(toStdout.code).toBe(0);
      expect(toStdout.stdout).toBe(backup);
      expect(toStdout.stderr).toContain("SHA-256");

      const again = await runCli(["import", "--all", "--in", file], env);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain("not empty");
      const damaged = await runCli(["import", "--all"], env, backup.slice(0, 1000));
      expect(damaged.code).toBe(2);
    } finally {
      await cleanup();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 120_000);
});
