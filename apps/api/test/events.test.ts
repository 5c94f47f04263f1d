import {
  type EventInput,
  errorResponseSchema,
  eventCreatedSchema,
  municipalityDetailSchema,
  municipalityListSchema,
  preconditionFailedSchema,
  statusEventListSchema,
} from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, sessionFor, writerHeaders } from "./helpers/accounts.js";
import { storedRecordedBy } from "./helpers/recorded-by.js";
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

const OSTRAU = "14522450";
const JAHNATAL = "14522275";
const ZSCHAITZ = "14522620";

async function detail(ags: string, asOf?: string) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}${asOf ? `?asOf=${asOf}` : ""}` });
  expect(res.statusCode, res.body).toBe(200);
  return municipalityDetailSchema.parse(res.json());
}

async function history(ags: string, headers: Record<string, string> = writer) {
  const res = await t.app.inject({ url: `/api/municipalities/${ags}/events`, headers });
  expect(res.statusCode, res.body).toBe(200);
  return statusEventListSchema.parse(res.json()).items;
}

function post(ags: string, body: unknown, ifMatch?: string) {
  return t.app.inject({
    method: "POST",
    url: `/api/municipalities/${ags}/events`,
    headers: ifMatch === undefined ? writer : { ...writer, "if-match": ifMatch },
    payload: body as object,
  });
}

/** Posts on top of the current version and expects 201. */
async function record(ags: string, body: EventInput) {
  const { version } = await detail(ags);
  const res = await post(ags, body, `"${version}"`);
  expect(res.statusCode, res.body).toBe(201);
  return eventCreatedSchema.parse(res.json());
}

/** Posts on top of the current version and expects 422 with `code`, naming the field; nothing is written. */
async function refused(ags: string, body: unknown, code: string, field: string) {
  const before = await detail(ags);
  const eventsBefore = await history(ags);
  const res = await post(ags, body, `"${before.version}"`);
  expect(res.statusCode, res.body).toBe(422);
  const error = errorResponseSchema.parse(res.json());
  expect(error.code).toBe(code);
  expect(error.issues?.[0]).toMatchObject({ path: `body.${field}`, code });
  expect((await detail(ags)).version).toBe(before.version);
  expect(await history(ags)).toEqual(eventsBefore);
  return error;
}

const drafting = (effectiveDate: string, extra: Partial<EventInput> = {}): EventInput => ({
  type: "status",
  status: "drafting",
  conceptKind: "INSEK",
  effectiveDate,
  source: "municipality",
  ...extra,
});

const adopted = (effectiveDate: string, councilResolutionDate: string, extra: Partial<EventInput> = {}): EventInput => ({
  type: "status",
  status: "council_adopted",
  effectiveDate,
  councilResolutionDate,
  source: "municipality",
  ...extra,
});

describe("GET /api/municipalities/:ags/events", () => {
  it("answers an empty history for a municipality nobody reported on", async () => {
    expect(await history("14521010")).toEqual([]);
  });

  it("answers 400 INVALID_AGS and 404 MUNICIPALITY_NOT_FOUND like the detail", async () => {
    for (const [url, status, code] of [
      ["/api/municipalities/1452101/events", 400, "INVALID_AGS"],
      ["/api/municipalities/abcdefgh/events", 400, "INVALID_AGS"],
      ["/api/municipalities/14999999/events", 404, "MUNICIPALITY_NOT_FOUND"],
    ] as const) {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(status);
      expect(errorResponseSchema.parse(res.json()).code).toBe(code);
    }
  });
});

describe("POST /api/municipalities/:ags/events", () => {
  const AGS = "14521020";

  it("records a status change with the server's clock and answers 201 with the new version as ETag", async () => {
    const res = await post(AGS, { ...drafting("2019-03-01"), note: "Auftakt", horizonYear: 2035 }, '"0"');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers.etag).toBe('"1"');
    const created = eventCreatedSchema.parse(res.json());
    expect(created).toMatchObject({
      version: 1,
      event: {
        ags: AGS,
        type: "status",
        status: "drafting",
        conceptKind: "INSEK",
        effectiveDate: "2019-03-01",
        recordedAt: "2026-11-25T09:00:00.000Z",
        recordedBy: expect.stringMatching(/^writer-/) as unknown,
        source: "municipality",
        note: "Auftakt",
        horizonYear: 2035,
        supersedes: null,
        supersededBy: null,
        version: 1,
        predecessor: null,
      },
    });
    // Stored: the account and the channel (an API token), no update request; the old column as before.
    const stored = await storedRecordedBy(t.app.deps.database.db, created.event.id);
    expect(stored).toMatchObject({ email: expect.stringMatching(/^writer-/) as unknown, via: "api_token", updateRequestId: null });
    expect(stored.legacy).toBe(stored.userId);
    const after = await detail(AGS);
    expect(after.version).toBe(1);
    expect(after.record).toMatchObject({ status: "drafting", statusSince: "2019-03-01", version: 1 });
    expect(await history(AGS)).toEqual([created.event]);
  });

  it("stores a write through a browser session as the channel session", async () => {
    const account = await addAccount(t.app.deps.database.db, { email: "sitzung@test.example", role: "smr", password: null });
    const session = await sessionFor(t.app, account.id);
    const current = await detail("14521035");
    const res = await t.app.inject({
      method: "POST",
      url: "/api/municipalities/14521035/events",
      headers: { ...session.headers, "if-match": `"${current.version}"` },
      payload: { type: "confirmation" },
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = eventCreatedSchema.parse(res.json());
    expect(created.event.recordedBy).toBe("sitzung");
    expect(await storedRecordedBy(t.app.deps.database.db, created.event.id)).toEqual({
      email: "sitzung@test.example", userId: account.id, via: "session", updateRequestId: null, legacy: account.id,
    });
  });

  it('accepts If-Match as "n", W/"n" and n', async () => {
    const a = await post(AGS, { type: "confirmation", source: "fs_inge" }, 'W/"1"');
    expect(a.statusCode, a.body).toBe(201);
    const b = await post(AGS, { type: "confirmation", source: "fs_inge" }, "2");
    expect(b.statusCode, b.body).toBe(201);
    expect(b.headers.etag).toBe('"3"');
  });

  it("answers 428 without If-Match and 400 when it names no version", async () => {
    const missing = await post(AGS, { type: "confirmation", source: "smr" });
    expect(missing.statusCode).toBe(428);
    expect(errorResponseSchema.parse(missing.json()).code).toBe("PRECONDITION_REQUIRED");
    for (const value of ["abc", "*", '"3', "-1", '"1", "2"']) {
      const res = await post(AGS, { type: "confirmation", source: "smr" }, value);
      expect(res.statusCode, value).toBe(400);
      expect(errorResponseSchema.parse(res.json()).issues?.[0]?.path).toBe("headers.if-match");
    }
  });

  it("answers 412 to a stale version with the municipality as it is now", async () => {
    const res = await post(AGS, { type: "confirmation", source: "smr" }, '"1"');
    expect(res.statusCode).toBe(412);
    const body = preconditionFailedSchema.parse(res.json());
    expect(body).toMatchObject({ statusCode: 412, code: "VERSION_MISMATCH" });
    expect(body.current).toEqual(await detail(AGS));
    expect(body.current.version).toBe(3);
    expect(res.headers.etag).toBe('"3"');
    expect((await history(AGS)).length).toBe(3);
  });

  it("checks the version before the rules: a stale and invalid change answers 412", async () => {
    const res = await post(AGS, { type: "status", status: "updating", source: "smr" }, '"0"');
    expect(res.statusCode).toBe(412);
  });

  it("answers 404 for an unknown municipality and 400 for a malformed key", async () => {
    expect((await post("14999999", { type: "confirmation", source: "smr" }, '"0"')).statusCode).toBe(404);
    expect(errorResponseSchema.parse((await post("1452", { type: "confirmation", source: "smr" }, '"0"')).json()).code).toBe("INVALID_AGS");
  });

  it.each([
    ["an empty object", {}, "body.type"],
    ["a status event without status", { type: "status", source: "smr" }, "body.status"],
    ["an unknown type", { type: "delete", source: "smr" }, "body.type"],
    ["an impossible date", { ...drafting("2026-02-30") }, "body.effectiveDate"],
    ["a client timestamp", { type: "confirmation", source: "smr", recordedAt: "2020-01-01T00:00:00Z" }, "body"],
    ["a client account", { type: "confirmation", source: "smr", recordedBy: "someone" }, "body"],
    ["a non-http link", { ...drafting("2020-01-01"), documentUrl: "javascript:alert(1)" }, "body.documentUrl"],
    ["a huge id", { type: "confirmation", source: "smr", supersedes: 1e20 }, "body.supersedes"],
    ["a string horizon", { ...drafting("2020-01-01"), horizonYear: "2030" }, "body.horizonYear"],
    ["an unknown source", { type: "confirmation", source: "press" }, "body.source"],
    ["an array", [], "body"],
  ])("answers 400 to %s, naming the field", async (_name, body, path) => {
    const res = await post(AGS, body, '"3"');
    expect(res.statusCode, res.body).toBe(400);
    const error = errorResponseSchema.parse(res.json());
    expect(error.code).toBe("VALIDATION_FAILED");
    expect(error.issues?.map((i) => i.path)).toContain(path);
  });

  it("never answers 5xx to malformed payloads", async () => {
    const payloads: [string, string][] = [
      ["application/json", "null"],
      ["application/json", '"text"'],
      ["application/json", "{"],
      ["application/json", ""],
      ["text/plain", "drafting"],
      ["application/x-www-form-urlencoded", "type=status"],
      ["application/json", JSON.stringify({ type: "status", status: "drafting", source: "smr", note: "x".repeat(5000) })],
    ];
    for (const [contentType, payload] of payloads) {
      const res = await t.app.inject({
        method: "POST",
        url: `/api/municipalities/${AGS}/events`,
        headers: { ...writer, "content-type": contentType, "if-match": '"3"' },
        payload,
      });
      expect(res.statusCode, `${contentType} ${payload.slice(0, 20)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      errorResponseSchema.parse(res.json());
    }
  });

  it("defaults the effective date to today in Saxony", async () => {
    const created = await record("14521040", { type: "status", status: "none", source: "municipality" });
    expect(created.event.effectiveDate).toBe("2026-11-25");
  });

  it("maps a version already taken in the history to 412 (record_version out of step)", async () => {
    const ags = "14521060";
    await record(ags, drafting("2020-01-01"));
    await t.database.db.execute(sql`update municipalities set record_version = 0 where ags = ${ags}`);
    const res = await post(ags, { type: "confirmation", source: "smr" }, '"0"');
    expect(res.statusCode, res.body).toBe(412);
    expect(preconditionFailedSchema.parse(res.json()).current.version).toBe(0);
    expect(await history(ags)).toHaveLength(1);
    await t.database.db.execute(sql`update municipalities set record_version = 1 where ags = ${ags}`);
  });
});

describe("status rules (422, each with its own code and the field)", () => {
  it("INVALID_TRANSITION: a change the transition table does not allow, and same to same", async () => {
    const ags = "14521080";
    await record(ags, adopted("2018-05-01", "2018-04-20", { conceptKind: "INGEKO" }));
    await refused(ags, drafting("2020-01-01"), "INVALID_TRANSITION", "status");
    const same = await refused(ags, adopted("2020-01-01", "2019-12-01"), "INVALID_TRANSITION", "status");
    expect(same.message).toContain("confirmation");
    // The status on the effective date counts: before the adoption it is "initial", so drafting may be backfilled.
    await record(ags, drafting("2017-01-01"));
  });

  it("COUNCIL_RESOLUTION_REQUIRED, COUNCIL_RESOLUTION_AFTER_EFFECTIVE and COUNCIL_RESOLUTION_IN_FUTURE", async () => {
    const ags = "14521090";
    await record(ags, drafting("2020-01-01"));
    await refused(ags, { type: "status", status: "council_adopted", effectiveDate: "2021-06-15", source: "municipality" }, "COUNCIL_RESOLUTION_REQUIRED", "councilResolutionDate");
    await refused(ags, adopted("2021-06-15", "2021-06-16"), "COUNCIL_RESOLUTION_AFTER_EFFECTIVE", "councilResolutionDate");
    // A resolution in the future with no effective date (today) is named as what it is, not as "after the effective date".
    const future = await refused(ags, { type: "status", status: "council_adopted", councilResolutionDate: "2099-01-01", source: "municipality" }, "COUNCIL_RESOLUTION_IN_FUTURE", "councilResolutionDate");
    expect(future.message).toContain("future");
    await record(ags, adopted("2021-06-15", "2021-06-15"));
  });

  it("ADOPTION_REQUIRED: funding eligibility needs an adoption on record at its effective date", async () => {
    const ags = "14521110";
    await record(ags, drafting("2020-01-01"));
    await refused(ags, { type: "status", status: "funding_eligible", effectiveDate: "2021-01-01", source: "smr" }, "ADOPTION_REQUIRED", "status");
    await record(ags, adopted("2021-06-15", "2021-06-10"));
    await refused(ags, { type: "status", status: "funding_eligible", effectiveDate: "2021-06-14", source: "smr" }, "ADOPTION_REQUIRED", "status");
    const eligible = await record(ags, { type: "status", status: "funding_eligible", effectiveDate: "2022-02-01", source: "smr" });
    expect(eligible.event.conceptKind).toBe("INSEK");
    expect((await detail(ags)).record).toMatchObject({ status: "funding_eligible", current: true, currentUntil: "2031-06-09" });
  });

  it("FUNDING_ELIGIBLE_BY_SMR_ONLY", async () => {
    const ags = "14521120";
    await record(ags, adopted("2021-06-15", "2021-06-10", { conceptKind: "INSEK" }));
    for (const source of ["municipality", "fs_inge"]) {
      await refused(ags, { type: "status", status: "funding_eligible", effectiveDate: "2022-01-01", source }, "FUNDING_ELIGIBLE_BY_SMR_ONLY", "source");
    }
    // "import" is the bulk import's source: no account may claim it for a single change.
    const { version } = await detail(ags);
    const claimed = await post(ags, { type: "status", status: "funding_eligible", effectiveDate: "2022-01-01", source: "import" }, `"${version}"`);
    expect(claimed.statusCode).toBe(403);
    expect(errorResponseSchema.parse(claimed.json()).issues?.[0]?.path).toBe("body.source");
  });

  it("an account's source follows its role: an advisor can neither claim smr nor set funding_eligible", async () => {
    const ags = "14627010";
    await record(ags, adopted("2021-06-15", "2021-06-10", { conceptKind: "INSEK" }));
    const advisor = await writerHeaders(t.app, { role: "advisor" });
    const [advisorRow] = await queryRows<{ id: string }>(
      t.database.db,
      sql`select id::text as id from users where role = 'advisor' order by created_at desc limit 1`,
    );
    const advisorId = advisorRow?.id ?? "";
    await assign(t.database.db, advisorId, [ags], "2020-01-01");
    const { version } = await detail(ags);
    const asSmr = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${ags}/events`,
      headers: { ...advisor, "if-match": `"${version}"` },
      payload: { type: "status", status: "funding_eligible", effectiveDate: "2022-01-01", source: "smr" },
    });
    expect(asSmr.statusCode).toBe(403);
    const own = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${ags}/events`,
      headers: { ...advisor, "if-match": `"${version}"` },
      payload: { type: "status", status: "funding_eligible", effectiveDate: "2022-01-01" },
    });
    expect(own.statusCode).toBe(422);
    expect(errorResponseSchema.parse(own.json()).code).toBe("FUNDING_ELIGIBLE_BY_SMR_ONLY");
    const drafting = await t.app.inject({
      method: "POST",
      url: `/api/municipalities/${ags}/events`,
      headers: { ...advisor, "if-match": `"${version}"` },
      payload: { type: "status", status: "updating", effectiveDate: "2023-01-01", note: "intern", noteInternal: true },
    });
    expect(drafting.statusCode, drafting.body).toBe(201);
    expect(eventCreatedSchema.parse(drafting.json()).event).toMatchObject({ source: "fs_inge", noteInternal: true, note: "intern" });
    // Anonymous readers see neither the internal note nor who recorded it.
    const publicView = (await history(ags, {})).find((e) => e.status === "updating");
    expect(publicView).toMatchObject({ note: null, recordedBy: null, noteInternal: true });
  });

  it("PREVIOUS_ADOPTION_REQUIRED: updating needs an adoption before it", async () => {
    const ags = "14521130";
    await refused(ags, { type: "status", status: "updating", conceptKind: "INSEK", effectiveDate: "2022-01-01", source: "municipality" }, "PREVIOUS_ADOPTION_REQUIRED", "status");
    await record(ags, adopted("2015-03-01", "2015-02-20", { conceptKind: "INSEK" }));
    const updating = await record(ags, { type: "status", status: "updating", effectiveDate: "2024-01-01", source: "municipality" });
    expect(updating.event.conceptKind).toBe("INSEK");
    expect((await detail(ags)).record).toMatchObject({ status: "updating", councilResolutionDate: "2015-02-20" });
  });

  it("EFFECTIVE_DATE_OUT_OF_RANGE: before 1990 or after today", async () => {
    const ags = "14521140";
    await refused(ags, drafting("1989-12-31"), "EFFECTIVE_DATE_OUT_OF_RANGE", "effectiveDate");
    await refused(ags, drafting("2026-11-26"), "EFFECTIVE_DATE_OUT_OF_RANGE", "effectiveDate");
    await record(ags, drafting("1990-01-01"));
    await record(ags, { type: "status", status: "none", effectiveDate: "2026-11-25", source: "municipality" });
  });

  it("CONCEPT_KIND_REQUIRED, unless the status in force names one, which is inherited", async () => {
    const ags = "14521150";
    await refused(ags, { type: "status", status: "drafting", effectiveDate: "2020-01-01", source: "municipality" }, "CONCEPT_KIND_REQUIRED", "conceptKind");
    await record(ags, { type: "status", status: "none", effectiveDate: "2019-01-01", source: "municipality" });
    await refused(ags, { type: "status", status: "drafting", effectiveDate: "2020-01-01", source: "municipality" }, "CONCEPT_KIND_REQUIRED", "conceptKind");
    await record(ags, drafting("2020-01-01", { conceptKind: "INGEKO" }));
    const inherited = await record(ags, adopted("2021-01-01", "2020-12-10"));
    expect(inherited.event.conceptKind).toBe("INGEKO");
    expect((await detail(ags)).record.conceptKind).toBe("INGEKO");
  });

  it("CONFIRMATION_NOT_TODAY; a confirmation changes no status but bumps the version and counts as activity", async () => {
    const ags = "14521160";
    await record(ags, drafting("2016-01-01"));
    await refused(ags, { type: "confirmation", effectiveDate: "2026-11-24", source: "municipality" }, "CONFIRMATION_NOT_TODAY", "effectiveDate");
    await refused(ags, { type: "confirmation", conceptKind: "INGEKO", source: "municipality" }, "VALIDATION_FAILED", "conceptKind");
    const before = await detail(ags);
    expect(before.record.lastConfirmedAt).toBeNull();
    const confirmed = await record(ags, { type: "confirmation", effectiveDate: "2026-11-25", source: "municipality", note: "noch aktuell" });
    expect(confirmed.event).toMatchObject({ type: "confirmation", status: null, effectiveDate: "2026-11-25", version: 2 });
    const after = await detail(ags);
    expect(after.record).toMatchObject({
      status: "drafting",
      statusSince: "2016-01-01",
      lastConfirmedAt: "2026-11-25T09:00:00.000Z",
      stale: false,
      version: 2,
    });
  });

  it("MUNICIPALITY_NOT_EXISTING_ON_DATE; history of a dissolved municipality may be backfilled before its end", async () => {
    await refused(OSTRAU, drafting("2024-01-01"), "MUNICIPALITY_NOT_EXISTING_ON_DATE", "effectiveDate");
    await refused(OSTRAU, drafting("2023-01-01"), "MUNICIPALITY_NOT_EXISTING_ON_DATE", "effectiveDate");
    await refused(OSTRAU, { type: "confirmation", source: "smr" }, "MUNICIPALITY_NOT_EXISTING_ON_DATE", "effectiveDate");
    await refused(JAHNATAL, drafting("2022-12-31"), "MUNICIPALITY_NOT_EXISTING_ON_DATE", "effectiveDate");
    await record(OSTRAU, drafting("2020-03-01"));
    await record(OSTRAU, adopted("2022-12-31", "2022-12-01"));
  });

  it("SUPERSEDED_EVENT_NOT_FOUND and EVENT_ALREADY_SUPERSEDED", async () => {
    const ags = "14521170";
    const other = await record("14521180", drafting("2020-01-01"));
    const mine = await record(ags, drafting("2020-01-01"));
    await refused(ags, drafting("2020-02-01", { supersedes: 99_999_999 }), "SUPERSEDED_EVENT_NOT_FOUND", "supersedes");
    await refused(ags, drafting("2020-02-01", { supersedes: other.event.id }), "SUPERSEDED_EVENT_NOT_FOUND", "supersedes");
    await record(ags, drafting("2020-02-01", { supersedes: mine.event.id }));
    await refused(ags, drafting("2020-03-01", { supersedes: mine.event.id }), "EVENT_ALREADY_SUPERSEDED", "supersedes");
  });

  it("names every broken rule in issues, the first one giving the code", async () => {
    const ags = "14521230";
    const res = await post(ags, { type: "status", status: "funding_eligible", effectiveDate: "2020-01-01", councilResolutionDate: "2020-02-01", source: "fs_inge" }, '"0"');
    expect(res.statusCode).toBe(422);
    const error = errorResponseSchema.parse(res.json());
    expect(error.code).toBe("COUNCIL_RESOLUTION_AFTER_EFFECTIVE");
    expect(error.issues?.map((i) => i.code)).toEqual([
      "COUNCIL_RESOLUTION_AFTER_EFFECTIVE",
      "FUNDING_ELIGIBLE_BY_SMR_ONLY",
      "ADOPTION_REQUIRED",
      "CONCEPT_KIND_REQUIRED",
      "INVALID_TRANSITION",
    ]);
  });
});

describe("corrections", () => {
  it("a correction changes the current status; the corrected event stays in history with supersededBy", async () => {
    const ags = "14521200";
    await record(ags, drafting("2019-03-01"));
    const wrong = await record(ags, adopted("2021-06-15", "2021-06-10"));
    expect((await detail(ags)).record.status).toBe("council_adopted");

    const fix = await record(ags, { type: "status", status: "none", effectiveDate: "2021-06-15", source: "fs_inge", supersedes: wrong.event.id, note: "irrtümlich erfasst" });
    const after = await detail(ags);
    expect(after.record).toMatchObject({ status: "none", councilResolutionDate: null, current: false });
    const events = await history(ags);
    expect(events.map((e) => [e.id, e.supersedes, e.supersededBy])).toEqual([
      [events[0]?.id, null, null],
      [wrong.event.id, null, fix.event.id],
      [fix.event.id, wrong.event.id, null],
    ]);
  });

  it("is checked against the record without the corrected event (and without what that one had replaced)", async () => {
    const ags = "14521210";
    await record(ags, drafting("2019-03-01"));
    const first = await record(ags, adopted("2021-06-15", "2021-06-10"));
    // Without the corrected adoption the status on that day is drafting, so an adoption is a valid correction.
    const second = await record(ags, adopted("2021-06-15", "2021-06-01", { supersedes: first.event.id }));
    // Correcting the correction: the first adoption must not come back, or this would be adopted -> adopted.
    const third = await record(ags, adopted("2021-07-01", "2021-06-30", { supersedes: second.event.id }));
    expect((await detail(ags)).record).toMatchObject({ status: "council_adopted", councilResolutionDate: "2021-06-30", statusSince: "2021-07-01" });
    expect((await history(ags)).map((e) => e.supersededBy)).toEqual([null, second.event.id, third.event.id, null]);
    // Same to same stays refused for a correction too.
    await refused(ags, drafting("2021-07-01", { supersedes: third.event.id }), "INVALID_TRANSITION", "status");
  });
});

describe("who may correct an event", () => {
  /** Posts as `headers` on top of the current version. */
  async function postAs(headers: Record<string, string>, ags: string, body: EventInput) {
    const { version } = await detail(ags);
    return t.app.inject({ method: "POST", url: `/api/municipalities/${ags}/events`, headers: { ...headers, "if-match": `"${version}"` }, payload: body });
  }

  it("a municipality or an advisor in scope cannot undo SMR's recognition by a correction (403 CORRECTION_NOT_ALLOWED, nothing written)", async () => {
    const ags = "14627020";
    await record(ags, adopted("2021-06-15", "2021-06-10", { conceptKind: "INSEK" }));
    const eligible = await record(ags, { type: "status", status: "funding_eligible", effectiveDate: "2022-02-01", source: "smr" });
    const municipality = await writerHeaders(t.app, { role: "municipality", ags: [ags] });
    const advisorEmail = `advisor-${ags}@test.example`;
    const advisor = await writerHeaders(t.app, { role: "advisor", email: advisorEmail });
    const [advisorRow] = await queryRows<{ id: string }>(t.database.db, sql`select id::text as id from users where email = ${advisorEmail}`);
    await assign(t.database.db, advisorRow?.id ?? "", [ags], "2020-01-01");

    const before = await detail(ags);
    const eventsBefore = await history(ags);
    const attempts: [Record<string, string>, EventInput][] = [
      [municipality, { type: "status", status: "none", effectiveDate: "2022-02-01", supersedes: eligible.event.id }],
      [municipality, { type: "confirmation", supersedes: eligible.event.id }],
      [advisor, { type: "status", status: "none", effectiveDate: "2022-02-01", source: "fs_inge", supersedes: eligible.event.id }],
      [advisor, { type: "status", status: "council_adopted", effectiveDate: "2022-02-01", councilResolutionDate: "2021-06-10", supersedes: eligible.event.id }],
    ];
    for (const [headers, body] of attempts) {
      const res = await postAs(headers, ags, body);
      expect(res.statusCode, res.body).toBe(403);
      const error = errorResponseSchema.parse(res.json());
      expect(error.code).toBe("CORRECTION_NOT_ALLOWED");
      expect(error.issues?.[0]).toMatchObject({ path: "body.supersedes", code: "CORRECTION_NOT_ALLOWED" });
    }
    expect((await detail(ags)).version).toBe(before.version);
    expect((await detail(ags, "2023-01-01")).record.status).toBe("funding_eligible");
    expect(await history(ags)).toEqual(eventsBefore);

    // What each may record, each may correct: the municipality its own report, the advisor that and its own.
    const own = await postAs(municipality, ags, { type: "status", status: "updating", effectiveDate: "2024-01-01" });
    expect(own.statusCode, own.body).toBe(201);
    const ownEvent = eventCreatedSchema.parse(own.json()).event;
    const byAdvisor = await postAs(advisor, ags, { type: "status", status: "updating", effectiveDate: "2024-02-01", supersedes: ownEvent.id });
    expect(byAdvisor.statusCode, byAdvisor.body).toBe(201);
    const advisorEvent = eventCreatedSchema.parse(byAdvisor.json()).event;
    expect(advisorEvent.source).toBe("fs_inge");
    const municipalityOnAdvisor = await postAs(municipality, ags, { type: "status", status: "updating", effectiveDate: "2024-03-01", supersedes: advisorEvent.id });
    expect(municipalityOnAdvisor.statusCode).toBe(403);
    // SMR corrects anything, its own recognition included.
    await record(ags, { type: "status", status: "none", effectiveDate: "2022-02-01", source: "smr", supersedes: eligible.event.id, note: "irrtümlich" });
    expect((await detail(ags, "2023-01-01")).record.status).toBe("none");
  });
});

describe("time travel", () => {
  it("shows the record on any past date (asOf on the detail)", async () => {
    const ags = "14521220";
    await record(ags, drafting("2019-03-01"));
    await record(ags, adopted("2021-06-15", "2021-06-10"));
    expect((await detail(ags, "2019-01-01")).record).toMatchObject({ status: "none", statusSince: null });
    expect((await detail(ags, "2020-01-01")).record).toMatchObject({ status: "drafting", statusSince: "2019-03-01", current: false });
    expect((await detail(ags, "2022-01-01")).record).toMatchObject({
      status: "council_adopted",
      councilResolutionDate: "2021-06-10",
      currentUntil: "2031-06-09",
      current: true,
    });
    expect((await detail(ags)).record.status).toBe("council_adopted");
    const bad = await t.app.inject({ url: `/api/municipalities/${ags}?asOf=2021-02-30` });
    expect(bad.statusCode).toBe(400);
    expect(errorResponseSchema.parse(bad.json()).issues?.[0]?.path).toBe("querystring.asOf");
  });
});

describe("mergers", () => {
  it("shows the predecessors' events in the successor's history, marked", async () => {
    // Ostrau's own history was recorded above (drafting 2020-03-01, adopted 2022-12-31).
    await record(ZSCHAITZ, drafting("2021-05-01", { conceptKind: "INGEKO" }));
    await record(JAHNATAL, drafting("2023-03-01"));
    const events = await history(JAHNATAL);
    expect(events.map((e) => [e.effectiveDate, e.ags, e.predecessor])).toEqual([
      ["2020-03-01", OSTRAU, { ags: OSTRAU, name: "Ostrau" }],
      ["2021-05-01", ZSCHAITZ, { ags: ZSCHAITZ, name: "Zschaitz-Ottewig" }],
      ["2022-12-31", OSTRAU, { ags: OSTRAU, name: "Ostrau" }],
      ["2023-03-01", JAHNATAL, null],
    ]);
    expect((await history(OSTRAU)).every((e) => e.predecessor === null && e.ags === OSTRAU)).toBe(true);
    // The successor's status comes from its own events only.
    expect((await detail(JAHNATAL)).record.status).toBe("drafting");
  });

  it("lists a predecessor with its status on a date before the merger", async () => {
    const res = await t.app.inject({ url: "/api/municipalities?asOf=2020-06-30&q=ostrau" });
    const list = municipalityListSchema.parse(res.json());
    expect(list.items.map((i) => [i.ags, i.record.status, i.record.statusSince])).toEqual([[OSTRAU, "drafting", "2020-03-01"]]);
  });

  it("follows chains of mergers", async () => {
    const older = "14522998";
    await t.database.db.execute(sql`
      insert into municipalities (ags, name, display_name, search_text, sort_key, type, district_key, valid_to, successor_ags)
      values (${older}, 'Altgemeinde', 'Altgemeinde', 'altgemeinde', 'altgemeinde', 'gemeinde', '14522', '2015-01-01', ${OSTRAU})`);
    await record(older, drafting("2010-01-01"));
    const events = await history(JAHNATAL);
    expect(events[0]).toMatchObject({ ags: older, effectiveDate: "2010-01-01", predecessor: { ags: older, name: "Altgemeinde" } });
    expect((await history(OSTRAU))[0]).toMatchObject({ ags: older, predecessor: { ags: older, name: "Altgemeinde" } });
  });
});

describe("OpenAPI", () => {
  it("documents the history routes, If-Match and the 412 body", async () => {
    const res = await t.app.inject({ url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>> }>();
    const post = doc.paths["/api/municipalities/{ags}/events"]?.post;
    expect(post?.parameters?.some((p) => p.in === "header" && p.name === "if-match")).toBe(true);
    expect(Object.keys(post?.responses ?? {})).toEqual(expect.arrayContaining(["201", "412", "422", "428"]));
    expect(doc.paths["/api/municipalities/{ags}/events"]?.get).toBeDefined();
    expect(doc.paths["/api/import/events"]?.post).toBeDefined();
    expect(doc.paths["/api/municipalities/{ags}"]?.get?.parameters?.some((p) => p.in === "query" && p.name === "asOf")).toBe(true);
  });
});
