import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { accountCreatedSchema, outboxListSchema, updateRequestCreatedSchema, updateRequestFormSchema } from "@insek/contracts";
import { type DatabaseHandle, migrateDatabase, openDatabase, queryRows } from "@insek/db";
import { databaseUrl, testDbKind, withAdminClient } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { DEFAULT_PUBLIC_URL, buildApp } from "../src/app.js";
import { EnvError, loadEnv, loadServerEnv, publicOriginFromEnv } from "../src/env.js";
import { LINK_SECRET_FILE, loadOrCreateLinkSecret } from "../src/lib/link-secret.js";
import { migrationTags } from "../src/modules/backup/backup.schema.js";
import { exportBackup, migrationsUpTo } from "../src/modules/backup/backup.service.js";
import type { MailTransport } from "../src/modules/mail/mail-sender.js";
import { LINK_PLACEHOLDER, LINK_UNAVAILABLE } from "../src/modules/update-requests/update-request-links.js";
import { addAccount, bearerFor, confirmPassword, sessionFor } from "./helpers/accounts.js";
import { runCli } from "./helpers/cli-process.js";
import { type TestApp, createTestApp } from "./helpers/test-app.js";

/*
 * Issue 20, items 5 and 11: the links of update requests are not kept at rest (the database keeps a nonce
 * and a hash; the token is HMAC(LINK_SECRET, nonce)), and every link the application writes starts with
 * the configured address, never with a request's Host header.
 */

const DOEBELN = "14522080";
const CHEMNITZ = "14511000";
const DRESDEN = "14612000";
const LINK_SECRET = "a-test-link-secret-of-enough-length-0123456789";

interface Sent {
  to: string[];
  subject: string;
  text: string;
}

function fakeTransport(sent: Sent[]): MailTransport {
  return {
    send: (message) => {
      sent.push({ to: message.to, subject: message.subject, text: message.text });
      return Promise.resolve();
    },
    close: () => undefined,
  };
}

function tokenOf(link: string | null | undefined): string {
  const token = /\/aktualisieren\/([A-Za-z0-9_-]{43})$/.exec(link ?? "")?.[1];
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

/** Every row of every table of the application that contains `needle` anywhere (all columns, as text). */
async function occurrences(handle: DatabaseHandle, needle: string): Promise<string[]> {
  const tables = await queryRows<{ name: string }>(
    handle.db,
    sql`select table_name::text as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  );
  expect(tables.length).toBeGreaterThan(20);
  const found: string[] = [];
  for (const { name } of tables) {
    const [row] = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from ${sql.identifier(name)} x where strpos(x::text, ${needle}) > 0`,
    );
    if ((row?.n ?? 0) > 0) found.push(name);
  }
  return found;
}

async function backupText(handle: DatabaseHandle): Promise<string> {
  let text = "";
  await exportBackup(handle, (chunk) => {
    text += chunk;
    return Promise.resolve();
  });
  return text;
}

describe("update-request links at rest", () => {
  const sent: Sent[] = [];
  let t: TestApp;
  let smr: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ publicUrl: "https://insek.example.org/", linkSecret: LINK_SECRET, mailTransport: fakeTransport(sent) });
    const db = t.app.deps.database.db;
    const user = await addAccount(db, { email: "smr@test.example", role: "smr", password: null });
    await addAccount(db, { email: "bauamt@doebeln.example", role: "municipality", ags: [DOEBELN], password: null });
    smr = (await bearerFor(t.app, user.id)).headers;
  });
  afterAll(async () => {
    await t.close();
  });

  it("keeps no live token in any table nor in the backup; the sent mail and the outbox view carry working links", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/update-requests", headers: smr, payload: { ags: [DOEBELN, CHEMNITZ, DRESDEN], validDays: 14 } });
    expect(res.statusCode, res.body).toBe(201);
    // The links travel only in this answer (and the outbox view): never cached.
    expect(res.headers["cache-control"]).toBe("no-store");
    const created = updateRequestCreatedSchema.parse(res.json());
    await t.app.mail.idle();
    const links = new Map(created.requests.map((r) => [r.ags, r.link ?? ""]));
    const tokens = [...links.values()].map(tokenOf);
    expect(tokens).toHaveLength(3);

    // At rest: no token in any column of any table, nor in a backup (the file of "pnpm insek export --all").
    for (const token of tokens) expect(await occurrences(t.database, token)).toEqual([]);
    const backup = await backupText(t.database);
    expect(backup).toContain('"outbox_messages"');
    for (const token of tokens) expect(backup).not.toContain(token);
    if (testDbKind() === "postgres") {
      const cli = await runCli(["export", "--all"], { DATABASE_URL: t.database.url ?? "" });
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toContain('"outbox_messages"');
      for (const token of tokens) expect(cli.stdout).not.toContain(token);
    }
    const stored = await queryRows<{ body_text: string }>(t.database.db, sql`select body_text from outbox_messages order by id`);
    expect(stored).toHaveLength(3);
    for (const row of stored) expect(row.body_text).toContain(LINK_PLACEHOLDER);

    // Sent by SMTP (Döbeln has an account): the mail carries the link, and it opens the request.
    expect(sent).toHaveLength(1);
    expect(sent[0]?.text).toContain(links.get(DOEBELN));
    expect(sent[0]?.text).not.toContain(LINK_PLACEHOLDER);

    // Held for staff (no account): the outbox view writes the link into the text.
    const outbox = outboxListSchema.parse((await t.app.inject({ url: "/api/outbox", headers: smr })).json()).items;
    for (const request of created.requests) {
      const message = outbox.find((m) => m.updateRequestId === request.id);
      expect(message?.link).toBe(request.link);
      expect(message?.body).toContain(request.link);
      expect(message?.body).not.toContain(LINK_PLACEHOLDER);
    }
    for (const link of [links.get(CHEMNITZ), /https:\/\/\S+/.exec(sent[0]?.text ?? "")?.[0]]) {
      expect(link?.startsWith("https://insek.example.org/aktualisieren/")).toBe(true);
      const form = await t.app.inject({ url: `/api/update-requests/by-token/${tokenOf(link)}` });
      expect(form.statusCode, form.body).toBe(200);
      expect(updateRequestFormSchema.parse(form.json()).municipality.ags).toBe(link === links.get(CHEMNITZ) ? CHEMNITZ : DOEBELN);
    }
  });

  it("with another LINK_SECRET a stored link cannot be written: the view says so and the mail is not sent", async () => {
    const other = await buildApp({ database: t.database, clock: t.app.deps.clock, publicUrl: "https://insek.example.org", linkSecret: `${LINK_SECRET}-changed` });
    const sentByOther: Sent[] = [];
    const sender = await buildApp({
      database: t.database,
      clock: t.app.deps.clock,
      publicUrl: "https://insek.example.org",
      linkSecret: `${LINK_SECRET}-changed`,
      mailTransport: fakeTransport(sentByOther),
    });
    try {
      const outbox = outboxListSchema.parse((await other.inject({ url: "/api/outbox", headers: smr })).json()).items;
      expect(outbox.length).toBeGreaterThan(0);
      for (const message of outbox) {
        expect(message.link).toBeNull();
        expect(message.body).toContain(LINK_UNAVAILABLE);
      }
      // A queued message the other key cannot complete is given up, with the reason, not sent without its link.
      await t.database.db.execute(sql`insert into outbox_messages (created_at, recipients, subject, body_text, state, update_request_id)
        select now(), array['bauamt@doebeln.example'], 'Erinnerung', body_text, 'queued', update_request_id from outbox_messages order by id limit 1`);
      await sender.ready();
      await sender.mail.idle();
      expect(sentByOther).toEqual([]);
      const [row] = await queryRows<{ state: string; last_error: string }>(t.database.db, sql`select state, last_error from outbox_messages where subject = 'Erinnerung'`);
      expect(row?.state).toBe("failed");
      expect(row?.last_error).toMatch(/LINK_SECRET/);
    } finally {
      await other.close();
      await sender.close();
    }
  });
});

describe("links of messages written before (migration 0011)", () => {
  async function freshDatabase(): Promise<DatabaseHandle & { drop(): Promise<void> }> {
    if (testDbKind() === "pglite") {
      const handle = await openDatabase({});
      return { ...handle, drop: () => handle.close() };
    }
    const name = `${inject("pgPrefix")}_links_${randomBytes(4).toString("hex")}`;
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

  it("are scrubbed from stored messages; such a message is shown without its link and not sent", async () => {
    const level = migrationTags().findIndex((tag) => tag.endsWith("_update_request_link_nonce"));
    expect(level).toBeGreaterThan(0);
    const handle = await freshDatabase();
    try {
      const folder = migrationsUpTo(level);
      await migrateDatabase(handle, folder);
      const token = randomBytes(32).toString("base64url");
      const old = `Guten Tag,\n\nÜber den folgenden Link …:\n\nhttp://evil.example/aktualisieren/${token}\n\nMit freundlichen Grüßen`;
      await handle.db.execute(sql`insert into outbox_messages (created_at, recipients, subject, body_text, state)
        values (now(), array['a@b.example'], 'Alt', ${old}, 'queued'), (now(), array['a@b.example'], 'Ohne Link', 'Nur Text /aktualisieren/', 'held')`);
      await migrateDatabase(handle);

      expect(await occurrences(handle, token)).toEqual([]);
      const rows = await queryRows<{ subject: string; body_text: string }>(handle.db, sql`select subject, body_text from outbox_messages order by id`);
      expect(rows).toEqual([
        { subject: "Alt", body_text: old.replace(`http://evil.example/aktualisieren/${token}`, LINK_PLACEHOLDER) },
        { subject: "Ohne Link", body_text: "Nur Text /aktualisieren/" },
      ]);

      const sent: Sent[] = [];
      const app = await buildApp({ database: handle, linkSecret: LINK_SECRET, mailTransport: fakeTransport(sent) });
      try {
        const user = await addAccount(handle.db, { email: "smr@test.example", role: "smr", password: null });
        await app.ready();
        await app.mail.idle();
        expect(sent).toEqual([]);
        const items = outboxListSchema.parse((await app.inject({ url: "/api/outbox", headers: (await bearerFor(app, user.id)).headers })).json()).items;
        const alt = items.find((m) => m.subject === "Alt");
        expect(alt).toMatchObject({ state: "failed", link: null });
        expect(alt?.body).toContain(LINK_UNAVAILABLE);
        expect(alt?.lastError).toMatch(/send a new update request/);
      } finally {
        await app.close();
      }
    } finally {
      await handle.drop();
    }
  });
});

describe("the address of links", () => {
  it("is the configured one (default http://127.0.0.1:3000), never the request's Host or X-Forwarded-Host", async () => {
    for (const trustProxy of [false, true]) {
      const t = await createTestApp({ trustProxy });
      try {
        const db = t.app.deps.database.db;
        const admin = await addAccount(db, { email: "admin@test.example", role: "smr", admin: true });
        const hostile = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
        const headers = { ...(await bearerFor(t.app, admin.id)).headers, ...hostile };
        const res = await t.app.inject({ method: "POST", url: "/api/update-requests", headers, payload: { ags: [CHEMNITZ], validDays: 3 } });
        expect(res.statusCode, res.body).toBe(201);
        const link = updateRequestCreatedSchema.parse(res.json()).requests[0]?.link ?? "";
        expect(link.startsWith(`${DEFAULT_PUBLIC_URL}/aktualisieren/`), link).toBe(true);
        const outbox = await t.app.inject({ url: "/api/outbox", headers });
        expect(outbox.body).not.toContain("evil.example");
        expect(outboxListSchema.parse(outbox.json()).items[0]?.link).toBe(link);

        // Account administration takes a session with a confirmed password, never a token.
        const session = await sessionFor(t.app, admin.id);
        expect((await confirmPassword(t.app, session)).statusCode).toBe(200);
        const user = await t.app.inject({
          method: "POST",
          url: "/api/users",
          headers: { ...session.headers, ...hostile },
          payload: { email: "neu@gemeinde.example", displayName: "Neu", role: "municipality", ags: [CHEMNITZ] },
        });
        expect(user.statusCode, user.body).toBe(201);
        expect(accountCreatedSchema.parse(user.json()).resetUrl).toMatch(/^http:\/\/127\.0\.0\.1:3000\/passwort-setzen#token=/);
      } finally {
        await t.close();
      }
    }
  });

  it("comes from PUBLIC_URL, else from HOST and PORT; production refuses to start without PUBLIC_URL and LINK_SECRET", () => {
    expect(publicOriginFromEnv(loadEnv({}))).toBe("http://127.0.0.1:3000");
    expect(publicOriginFromEnv(loadEnv({ HOST: "0.0.0.0", PORT: "8080" }))).toBe("http://127.0.0.1:8080");
    expect(publicOriginFromEnv(loadEnv({ HOST: "::", PORT: "8080" }))).toBe("http://[::1]:8080");
    expect(publicOriginFromEnv(loadEnv({ HOST: "insek.local" }))).toBe("http://insek.local:3000");
    expect(publicOriginFromEnv(loadEnv({ PUBLIC_URL: "https://insek.example.org/", HOST: "0.0.0.0" }))).toBe("https://insek.example.org");
    expect(() => loadEnv({ PUBLIC_URL: "ftp://insek.example.org" })).toThrow(EnvError);
    expect(() => loadEnv({ LINK_SECRET: "too short" })).toThrow(/LINK_SECRET/);

    // Outside production both may be unset (a key file in DATA_DIR, links on HOST:PORT).
    expect(loadServerEnv({}).PUBLIC_URL).toBeUndefined();
    const refused = (() => {
      try {
        loadServerEnv({ NODE_ENV: "production", DATABASE_URL: "postgres://u:p@db/insek" });
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(EnvError);
    expect((refused as EnvError).message).toMatch(/PUBLIC_URL: required in production/);
    expect((refused as EnvError).message).toMatch(/LINK_SECRET: required in production/);
    expect(() => loadServerEnv({ NODE_ENV: "production", PUBLIC_URL: "https://insek.example.org" })).toThrow(/LINK_SECRET/);
    const ok = loadServerEnv({
      NODE_ENV: "production",
      PUBLIC_URL: "https://insek.example.org",
      LINK_SECRET: LINK_SECRET,
      METRICS_TOKEN: "a-metrics-token-of-some-length",
    });
    expect(ok.LINK_SECRET).toBe(LINK_SECRET);
  });
});

describe("the key file of the embedded demo", () => {
  it("is created once in DATA_DIR with mode 600 and read on later starts", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "insek-link-")), "pglite");
    try {
      const first = loadOrCreateLinkSecret(dir);
      expect(first.length).toBeGreaterThanOrEqual(43);
      expect(statSync(path.join(dir, LINK_SECRET_FILE)).mode & 0o777).toBe(0o600);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(loadOrCreateLinkSecret(dir)).toBe(first);
    } finally {
      rmSync(path.dirname(dir), { recursive: true, force: true });
    }
  });
});
