import { eventCreatedSchema, municipalityDetailSchema, preconditionFailedSchema, statusEventListSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

let t: TestApp;
let writer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  writer = await writerHeaders(t.app);
});
afterAll(async () => {
  await t.close();
});

const AGS = "14521240";

describe("concurrent changes to one record", () => {
  it("lets exactly one of 20 parallel changes on the same version through; the others get 412", async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.app.inject({
          method: "POST",
          url: `/api/municipalities/${AGS}/events`,
          headers: { ...writer, "if-match": '"0"' },
          payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "2020-01-01", source: "fs_inge", note: `request ${i}` },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    const winner = responses.find((r) => r.statusCode === 201);
    const created = eventCreatedSchema.parse(winner?.json());
    expect(created.version).toBe(1);
    for (const loser of responses.filter((r) => r.statusCode === 412)) {
      const body = preconditionFailedSchema.parse(loser.json());
      expect(body.code).toBe("VERSION_MISMATCH");
      expect(body.current.version).toBe(1);
      expect(body.current.record.status).toBe("drafting");
    }

    const events = statusEventListSchema.parse(
      (await t.app.inject({ url: `/api/municipalities/${AGS}/events`, headers: writer })).json(),
    ).items;
    expect(events).toEqual([created.event]);
    const detail = municipalityDetailSchema.parse((await t.app.inject({ url: `/api/municipalities/${AGS}` })).json());
    expect(detail.version).toBe(1);
  });

  it("serialises parallel changes that each build on the version they read", async () => {
    // Each retries on 412 with the version it is given: no change is lost.
    const confirmOnce = async (i: number) => {
      let version = 1;
      for (let attempt = 0; attempt < 50; attempt++) {
        const res = await t.app.inject({
          method: "POST",
          url: `/api/municipalities/${AGS}/events`,
          headers: { ...writer, "if-match": `"${version}"` },
          payload: { type: "confirmation", source: "municipality", note: `confirmation ${i}` },
        });
        if (res.statusCode === 201) return;
        expect(res.statusCode).toBe(412);
        version = preconditionFailedSchema.parse(res.json()).current.version;
      }
      throw new Error("no attempt got through");
    };
    await Promise.all(Array.from({ length: 8 }, (_, i) => confirmOnce(i)));
    const events = statusEventListSchema.parse((await t.app.inject({ url: `/api/municipalities/${AGS}/events` })).json()).items;
    expect(events).toHaveLength(9);
    expect(events.map((e) => e.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(new Set(events.map((e) => e.note)).size).toBe(9);
  });
});
