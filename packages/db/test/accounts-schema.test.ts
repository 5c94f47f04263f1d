import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing/index.js";

describe("accounts, audit log and the status history's internal-note flag", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ seeded: true });
  });
  afterAll(async () => {
    await database.drop();
  });

  it("adds status_events.note_internal (default false) and keeps the history append-only", async () => {
    await database.db.execute(
      sql`insert into status_events (ags, type, status, effective_date, source, version)
          values ('14627060', 'status', 'drafting', '2025-01-01', 'fs_inge', 1)`,
    );
    const rows = await queryRows<{ note_internal: boolean }>(database.db, sql`select note_internal from status_events`);
    expect(rows).toEqual([{ note_internal: false }]);
    await expect(database.db.execute(sql`update status_events set note_internal = true`)).rejects.toThrow();
    await expect(database.db.execute(sql`delete from status_events`)).rejects.toThrow();
  });

  it("refuses to change or remove audit entries", async () => {
    await database.db.execute(sql`insert into audit_log (actor_label, action) values ('system', 'test.entry')`);
    for (const statement of [sql`update audit_log set action = 'forged'`, sql`delete from audit_log`, sql`truncate audit_log`]) {
      await expect(database.db.execute(statement)).rejects.toThrow();
    }
    const rows = await queryRows<{ action: string }>(database.db, sql`select action from audit_log`);
    expect(rows).toEqual([{ action: "test.entry" }]);
  });

  it("keeps e-mail addresses lower-case and unique, admin for smr only, roles from the list", async () => {
    await database.db.execute(sql`insert into users (email, display_name, role, admin) values ('a@x.example', 'A', 'smr', true)`);
    const refused = [
      sql`insert into users (email, display_name, role) values ('B@x.example', 'B', 'smr')`,
      sql`insert into users (email, display_name, role) values ('a@x.example', 'A2', 'smr')`,
      sql`insert into users (email, display_name, role, admin) values ('c@x.example', 'C', 'advisor', true)`,
      sql`insert into users (email, display_name, role) values ('d@x.example', 'D', 'minister')`,
    ];
    for (const statement of refused) await expect(database.db.execute(statement)).rejects.toThrow();
  });

  it("refuses an assignment that ends before it begins", async () => {
    const [user] = await queryRows<{ id: string }>(
      database.db,
      sql`insert into users (email, display_name, role) values ('adv@x.example', 'Adv', 'advisor') returning id`,
    );
    await expect(
      database.db.execute(
        sql`insert into advisor_assignments (advisor_user_id, ags, valid_from, valid_to) values (${user?.id}, '14627060', '2026-01-01', '2025-01-01')`,
      ),
    ).rejects.toThrow();
  });
});
