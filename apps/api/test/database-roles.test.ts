import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type DatabaseHandle, openDatabase, queryRows } from "@insek/db";
import { databaseUrl, withAdminClient } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type App, buildApp } from "../src/app.js";
import { writePublicAccess } from "../src/modules/settings/settings.repo.js";
import { addAccount, bearerFor, login } from "./helpers/accounts.js";
import { runCli } from "./helpers/cli-process.js";
import { runServerUntilExit, startServer } from "./helpers/server-process.js";
import { fixedClock } from "./helpers/test-app.js";

/**
 * The two database roles (README, "Database roles"; decision 0018), on the PostgreSQL server: the owner
 * migrates, the application's role owns nothing and may not change history or audit, disable their
 * triggers or replication-role them away, yet every flow of the server works with it. PostgreSQL only
 * (vitest.config.ts): the embedded database has one role.
 */
const suffix = randomBytes(4).toString("hex");
const OWNER = `insek_t_owner_${suffix}`;
const APP = `insek_t_app_${suffix}`;
let dbName: string;
let bareDbName: string;

const initScript = fileURLToPath(new URL("../../../docker/initdb/10-insek-roles.sh", import.meta.url));

function roleUrl(role: string, database: string): string {
  const url = new URL(databaseUrl(database));
  url.username = role;
  url.password = "";
  return url.toString();
}

async function asApp<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: roleUrl(APP, dbName) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dbName = `${inject("pgPrefix")}_roles_${suffix}`;
  bareDbName = `${inject("pgPrefix")}_bare_${suffix}`;
  await withAdminClient((admin) => admin.query(`create database "${dbName}"`));
  // The roles as the compose file's postgres container makes them (docker/initdb), on the test server.
  const admin = new URL(databaseUrl(dbName));
  await promisify(execFile)("sh", [initScript], {
    env: {
      PATH: process.env.PATH ?? "",
      PGHOST: admin.hostname,
      PGPORT: admin.port || "5432",
      POSTGRES_USER: decodeURIComponent(admin.username) || "postgres",
      POSTGRES_DB: dbName,
      INSEK_OWNER_ROLE: OWNER,
      INSEK_APP_ROLE: APP,
      INSEK_OWNER_PASSWORD: randomBytes(12).toString("hex"),
      INSEK_APP_PASSWORD: randomBytes(12).toString("hex"),
    },
  });
  await withAdminClient((admin) => admin.query(`create database "${bareDbName}" owner "${OWNER}"`));
  const migrated = await runCli(["migrate", "--app-role", APP], { DATABASE_URL: roleUrl(OWNER, dbName) });
  expect(migrated.code, migrated.stdout + migrated.stderr).toBe(0);
  expect(migrated.stdout).toContain("Referenzdaten eingespielt");
  expect(migrated.stdout).toContain("nur lesen und anfügen: audit_log, status_events");
}, 120_000);

afterAll(async () => {
  await withAdminClient(async (admin) => {
    for (const name of [dbName, bareDbName]) await admin.query(`drop database if exists "${name}" with (force)`);
    for (const role of [APP, OWNER]) await admin.query(`drop role if exists "${role}"`);
  });
});

describe("the application's role", () => {
  it("owns nothing and is no superuser; the owner owns every table", async () => {
    const owners = await asApp((c) =>
      c.query<{ owner: string; n: number; super: boolean }>(
        `select pg_get_userbyid(c.relowner) as owner, count(*)::int as n, (select rolsuper from pg_roles where rolname = current_user) as super
         from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle') group by 1`,
      ),
    );
    expect(owners.rows.map((r) => r.owner)).toEqual([OWNER]);
    expect(owners.rows[0]?.super).toBe(false);
  });

  it("may not change or remove history or audit entries, disable their triggers, or switch replication role", async () => {
    const refused = async (statement: string) =>
      asApp(async (c) => {
        const error = await c.query(statement).then(
          () => undefined,
          (e: unknown) => e as { code?: string; message: string },
        );
        expect(error, statement).toBeDefined();
        // insufficient_privilege: the role is refused before any trigger runs.
        expect(error?.code, `${statement}: ${error?.message ?? ""}`).toBe("42501");
      });
    for (const [table, column] of [["status_events", "recorded_at"], ["audit_log", "at"]] as const) {
      await refused(`update ${table} set ${column} = now()`);
      await refused(`delete from ${table}`);
      await refused(`truncate ${table}`);
      await refused(`alter table ${table} disable trigger ${table}_no_update_delete`);
      await refused(`alter table ${table} disable trigger all`);
      await refused(`drop trigger ${table}_no_update_delete on ${table}`);
      await refused(`alter table ${table} owner to "${APP}"`);
    }
    await refused("set session_replication_role = replica");
    await refused("create table smuggled (x int)");
  });

  it("runs the server's flows: sign-in, a status event with its derived tables, the audit log, the statistics, readiness", async () => {
    const database: DatabaseHandle = await openDatabase({ url: roleUrl(APP, dbName), poolSize: 4 });
    let app: App | undefined;
    try {
      await writePublicAccess(database.db, false, new Date());
      app = await buildApp({ database, clock: fixedClock });
      const smr = await addAccount(database.db, { email: "roles-smr@test.example", role: "smr", admin: true });
      const { res } = await login(app, smr.email);
      expect(res.statusCode, res.body).toBe(200);
      const headers = (await bearerFor(app, smr.id)).headers;

      const ags = "14521020";
      const created = await app.inject({
        method: "POST",
        url: `/api/municipalities/${ags}/events`,
        headers: { ...headers, "if-match": '"0"' },
        payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2019-03-01" },
      });
      expect(created.statusCode, created.body).toBe(201);
      const [derived] = await queryRows<{ periods: number; latest: number; audit: number }>(
        database.db,
        sql`select (select count(*)::int from record_periods where ags = ${ags}) as periods,
                   (select count(*)::int from record_latest where ags = ${ags}) as latest,
                   (select count(*)::int from audit_log where action = 'status_event.created') as audit`,
      );
      expect(derived).toEqual({ periods: 1, latest: 1, audit: 1 });

      for (const url of [`/api/municipalities/${ags}`, "/api/stats/summary", "/api/stats/timeline", "/api/audit?limit=5", "/health/ready"]) {
        const read = await app.inject({ url, headers });
        expect(read.statusCode, `${url}: ${read.body}`).toBe(200);
      }
      // The timeline read rebuilt its monthly roll-up as this role (delete and insert, state row updated).
      const [rollup] = await queryRows<{ rows: number; built: boolean }>(
        database.db,
        sql`select (select count(*)::int from timeline_rollup) as rows,
                   (select built_version = version from timeline_rollup_state where id = 1) as built`,
      );
      expect(rollup?.rows).toBeGreaterThan(0);
      expect(rollup?.built).toBe(true);
    } finally {
      await app?.close();
      await database.close();
    }
  });

  it("starts the production server on the migrated database without trying to migrate", async () => {
    const server = await startServer({ DATABASE_URL: roleUrl(APP, dbName) });
    try {
      expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("refuses to start on a database whose migrations are not applied, saying how to apply them", async () => {
    const { code, output } = await runServerUntilExit({ DATABASE_URL: roleUrl(APP, bareDbName) });
    expect(code).toBe(1);
    expect(output).toContain("pnpm insek migrate --app-role");
    // Nothing half-made: the role could not even create the migration journal.
    const bare = new pg.Client({ connectionString: databaseUrl(bareDbName) });
    await bare.connect();
    try {
      const tables = await bare.query<{ n: number }>("select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname in ('public', 'drizzle')");
      expect(tables.rows[0]?.n).toBe(0);
    } finally {
      await bare.end();
    }
  });
});

describe("the init script of the compose file's database", () => {
  it("made the application's role a plain login role, without rights on the database beyond connecting", async () => {
    const [role] = (
      await withAdminClient((admin) =>
        admin.query<{ rolsuper: boolean; rolcreatedb: boolean; rolcreaterole: boolean; rolreplication: boolean; rolbypassrls: boolean; rolcanlogin: boolean }>(
          "select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin from pg_roles where rolname = $1",
          [APP],
        ),
      )
    ).rows;
    expect(role).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, rolcanlogin: true });
    const [database] = (await withAdminClient((admin) => admin.query<{ owner: string }>("select pg_get_userbyid(datdba) as owner from pg_database where datname = $1", [dbName]))).rows;
    expect(database?.owner).toBe(OWNER);
  });

  it("refuses to run without the passwords", async () => {
    const attempt = promisify(execFile)("sh", [initScript], { env: { PATH: process.env.PATH ?? "", POSTGRES_USER: "postgres", POSTGRES_DB: "none" } });
    await expect(attempt).rejects.toMatchObject({ stderr: expect.stringContaining("INSEK_OWNER_PASSWORD") as unknown });
  });
});

describe("pnpm insek db:grant", () => {
  it("refuses a superuser, an unknown role and a name that is not a plain role name", async () => {
    const owner = { DATABASE_URL: roleUrl(OWNER, dbName) };
    const unknown = await runCli(["db:grant", "--app-role", "insek_t_nobody"], owner);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toContain("does not exist");
    const superuser = await runCli(["db:grant", "--app-role", "postgres"], owner);
    expect(superuser.code).toBe(2);
    expect(superuser.stdout).toContain("superuser");
    const odd = await runCli(["db:grant", "--app-role", 'x"; drop table users; --'], owner);
    expect(odd.code).toBe(2);
    const missing = await runCli(["db:grant"], owner);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--app-role");
  });
});
