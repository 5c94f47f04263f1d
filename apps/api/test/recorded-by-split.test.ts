import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { statusEventListSchema } from "@insek/contracts";
import { type DatabaseHandle, migrateDatabase, openDatabase, queryRows } from "@insek/db";
import { databaseUrl, testDbKind, withAdminClient } from "@insek/db/testing";
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { buildApp } from "../src/app.js";
import { migrationTags } from "../src/modules/backup/backup.schema.js";
import { migrationsUpTo } from "../src/modules/backup/backup.service.js";
import { addAccount, bearerFor } from "./helpers/accounts.js";

/*
 * Decision 0024: status_events.recorded_by (an account id or "update-request:<id>" in one text column) is
 * split into recorded_by_user_id, recorded_via and update_request_id; the migration fills them for the
 * rows written before.
 */

const AGS = "14999001";
const LINK_SECRET = "a-test-link-secret-of-enough-length-0123456789";

async function freshDatabase(): Promise<DatabaseHandle & { drop(): Promise<void> }> {
  if (testDbKind() === "pglite") {
    const handle = await openDatabase({});
    return { ...handle, drop: () => handle.close() };
  }
  const name = `${inject("pgPrefix")}_recby_${randomBytes(4).toString("hex")}`;
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

interface Typed {
  note: string;
  recorded_by: string | null;
  recorded_by_user_id: string | null;
  recorded_via: string;
  update_request_id: string | null;
}

describe("the migration that splits recorded_by (decision 0024)", () => {
  it("maps each old form: account id, update-request link, a reviewed answer, unknown text, nobody (demo)", async () => {
    const level = migrationTags().findIndex((tag) => tag.endsWith("_recorded_by_split"));
    expect(level).toBeGreaterThan(0);
    const handle = await freshDatabase();
    const folder = migrationsUpTo(level);
    try {
      await migrateDatabase(handle, folder);
      const db = handle.db;
      const writer = await addAccount(db, { email: "schreiber@test.example", role: "smr" });
      const reviewer = await addAccount(db, { email: "berater@test.example", role: "advisor" });
      const stranger = "0b1e7f3c-9a4d-4c2e-8f10-123456789abc";
      await db.execute(sql`insert into districts (key, name, type) values ('14999', 'Testkreis', 'landkreis')`);
      await db.execute(sql`insert into municipalities (ags, name, display_name, search_text, sort_key, type, district_key)
        values (${AGS}, 'Testdorf', 'Testdorf', 'testdorf', 'testdorf', 'gemeinde', '14999')`);
      await db.execute(sql`insert into app_settings (key, value) values ('demo_data', '{}'::jsonb)`);
      const [campaign] = await queryRows<{ id: string }>(
        db,
        sql`insert into update_request_campaigns (created_by, created_at, scope, valid_days, expires_at)
            values (${writer.id}, now(), '{"ags": []}'::jsonb, 7, now()) returning id`,
      );
      const request = async (tag: string) => {
        const [row] = await queryRows<{ id: string }>(
          db,
          sql`insert into update_requests (campaign_id, ags, token_hash, expires_at, recipients)
              values (${campaign?.id}, ${AGS}, ${tag}, now(), array[]::text[]) returning id`,
        );
        return Number(row?.id);
      };
      const answered = await request("answered");
      const reviewed = await request("reviewed");
      const old: [string, string | null][] = [
        ["account", writer.id],
        ["link", `update-request:${answered}`],
        ["reviewed", reviewer.id],
        ["gone link", "update-request:987654"],
        ["stranger", stranger],
        ["text", "someone"],
        ["nobody", null],
      ];
      for (const [i, [note, recordedBy]] of old.entries()) {
        await db.execute(sql`insert into status_events (ags, type, effective_date, recorded_at, recorded_by, source, note, version)
          values (${AGS}, 'confirmation', '2024-01-01', now(), ${recordedBy}, 'smr', ${note}, ${i + 1})`);
      }
      await db.execute(sql`update municipalities set record_version = ${old.length} where ags = ${AGS}`);
      await db.execute(sql`update update_requests set event_id = (select id from status_events where note = 'reviewed'), reviewed_by = ${reviewer.id}
        where id = ${reviewed}`);

      await migrateDatabase(handle);

      const rows = await queryRows<Typed>(
        db,
        sql`select note, recorded_by, recorded_by_user_id, recorded_via, update_request_id::text from status_events order by version`,
      );
      const typed = (userId: string | null, via: string, requestId: number | null) => ({
        recorded_by_user_id: userId,
        recorded_via: via,
        update_request_id: requestId === null ? null : String(requestId),
      });
      expect(rows).toEqual([
        { note: "account", recorded_by: writer.id, ...typed(writer.id, "unknown", null) },
        { note: "link", recorded_by: `update-request:${answered}`, ...typed(null, "update_request", answered) },
        { note: "reviewed", recorded_by: reviewer.id, ...typed(reviewer.id, "unknown", reviewed) },
        { note: "gone link", recorded_by: "update-request:987654", ...typed(null, "update_request", null) },
        { note: "stranger", recorded_by: stranger, ...typed(null, "unknown", null) },
        { note: "text", recorded_by: "someone", ...typed(null, "unknown", null) },
        { note: "nobody", recorded_by: null, ...typed(null, "demo", null) },
      ]);

      // The append-only trigger is on again after the backfill.
      await expect(db.execute(sql`update status_events set note = 'x' where note = 'account'`)).rejects.toThrow();

      // Readers name the same people as before the split.
      const app = await buildApp({ database: handle, linkSecret: LINK_SECRET });
      try {
        await app.ready();
        const res = await app.inject({ url: `/api/municipalities/${AGS}/events`, headers: (await bearerFor(app, writer.id)).headers });
        expect(res.statusCode, res.body).toBe(200);
        const names = statusEventListSchema.parse(res.json()).items.map((e) => [e.note, e.recordedBy]);
        expect(names).toEqual([
          ["account", "schreiber"],
          ["link", "Aktualisierungslink"],
          ["reviewed", "berater"],
          ["gone link", "Aktualisierungslink"],
          ["stranger", null],
          ["text", null],
          ["nobody", null],
        ]);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await handle.drop();
    }
  });

  it("calls a write of nobody a system write where no demo data was seeded", async () => {
    const level = migrationTags().findIndex((tag) => tag.endsWith("_recorded_by_split"));
    const handle = await freshDatabase();
    const folder = migrationsUpTo(level);
    try {
      await migrateDatabase(handle, folder);
      await handle.db.execute(sql`insert into districts (key, name, type) values ('14999', 'Testkreis', 'landkreis')`);
      await handle.db.execute(sql`insert into municipalities (ags, name, display_name, search_text, sort_key, type, district_key)
        values (${AGS}, 'Testdorf', 'Testdorf', 'testdorf', 'testdorf', 'gemeinde', '14999')`);
      await handle.db.execute(sql`insert into status_events (ags, type, effective_date, recorded_at, recorded_by, source, version)
        values (${AGS}, 'confirmation', '2024-01-01', now(), null, 'import', 1)`);
      await migrateDatabase(handle);
      const rows = await queryRows<{ recorded_via: string }>(handle.db, sql`select recorded_via from status_events`);
      expect(rows).toEqual([{ recorded_via: "system" }]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await handle.drop();
    }
  });
});
