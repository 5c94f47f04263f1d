import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
let writer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  writer = await writerHeaders(t.app);
  const res = await t.app.inject({
    method: "POST",
    url: "/api/municipalities/14521250/events",
    headers: { ...writer, "if-match": '"0"' },
    payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2020-01-01", source: "municipality" },
  });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

function causeMessages(error: unknown): string {
  const messages: string[] = [];
  for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
  return messages.join(" / ");
}

async function refusedByDatabase(statement: ReturnType<typeof sql>) {
  const error: unknown = await t.database.db.execute(statement).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "the statement went through").toBeInstanceOf(Error);
  expect(causeMessages(error)).toMatch(/status_events is append-only: (UPDATE|DELETE|TRUNCATE) refused/);
}

async function snapshot() {
  const result: unknown = await t.database.db.execute(sql`select id, status, note from status_events order by id`);
  return (result as { rows: unknown[] }).rows;
}

describe("status_events is append-only in the database itself", () => {
  it("refuses UPDATE", async () => {
    const before = await snapshot();
    await refusedByDatabase(sql`update status_events set status = 'council_adopted', note = 'rewritten'`);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses DELETE", async () => {
    await refusedByDatabase(sql`delete from status_events`);
    expect(await snapshot()).toHaveLength(1);
  });

  it("refuses TRUNCATE", async () => {
    // CASCADE: update_requests refers to status_events, and a plain TRUNCATE would stop at that foreign key first.
    await refusedByDatabase(sql`truncate status_events cascade`);
    expect(await snapshot()).toHaveLength(1);
  });

  it("still accepts new events", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/municipalities/14521250/events",
      headers: { ...writer, "if-match": '"1"' },
      payload: { type: "confirmation", source: "municipality" },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await snapshot()).toHaveLength(2);
  });
});
