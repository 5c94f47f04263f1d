import { errorResponseSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writerHeaders } from "./helpers/accounts.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/**
 * The shared text and date rules of the contracts (vocabulary.ts) through the API: what PostgreSQL
 * would refuse with an error (NUL, lone surrogates, year 0) is a 400 with the field's path and the
 * rule's code, on queries, paths and bodies, for anonymous callers too. (The fuzz suite sends these
 * to every field of every route.)
 */

let t: TestApp;
let writer: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  writer = await writerHeaders(t.app);
});
afterAll(async () => {
  await t.close();
});

async function expectRule(
  request: { method?: "GET" | "POST"; url: string; payload?: unknown; headers?: Record<string, string> },
  path: string,
  code: "TEXT_NOT_WELL_FORMED" | "DATE_OUT_OF_RANGE",
) {
  const res = await t.app.inject({ method: request.method ?? "GET", url: request.url, headers: request.headers ?? writer, ...(request.payload ? { payload: request.payload } : {}) });
  expect(res.statusCode, res.body).toBe(400);
  const body = errorResponseSchema.parse(res.json());
  expect(body.code).toBe("VALIDATION_FAILED");
  expect(body.issues, res.body).toContainEqual(expect.objectContaining({ path, code }));
}

describe("text and date rules of the contracts", () => {
  it("NUL and lone surrogates in queries, paths and bodies: 400 TEXT_NOT_WELL_FORMED with the field", async () => {
    await expectRule({ url: "/api/municipalities?q=a%00b" }, "querystring.q", "TEXT_NOT_WELL_FORMED");
    await expectRule({ url: "/api/export/municipalities.csv?q=%00" }, "querystring.q", "TEXT_NOT_WELL_FORMED");
    await expectRule({ url: "/api/audit?actor=%00" }, "querystring.actor", "TEXT_NOT_WELL_FORMED");
    await expectRule({ url: "/api/audit?action=x%00" }, "querystring.action", "TEXT_NOT_WELL_FORMED");
    await expectRule({ url: "/api/municipalities/%00" }, "params.ags", "TEXT_NOT_WELL_FORMED");
    // Anonymous, before any account is looked up.
    await expectRule(
      { method: "POST", url: "/api/auth/login", headers: {}, payload: { email: "a\u0000@test.example", password: "whatever it is" } },
      "body.email",
      "TEXT_NOT_WELL_FORMED",
    );
    await expectRule(
      { method: "POST", url: "/api/municipalities/14522010/events", headers: { ...writer, "if-match": '"0"' }, payload: { type: "confirmation", note: "x\ud800" } },
      "body.note",
      "TEXT_NOT_WELL_FORMED",
    );
  });

  it("year 0 and years beyond 1900-2100 in asOf, from, quarter and body dates: 400 DATE_OUT_OF_RANGE with the field", async () => {
    await expectRule({ url: "/api/stats/summary?asOf=0000-01-01" }, "querystring.asOf", "DATE_OUT_OF_RANGE");
    await expectRule({ url: "/api/municipalities?asOf=9999-12-31" }, "querystring.asOf", "DATE_OUT_OF_RANGE");
    await expectRule({ url: "/api/stats/timeline?from=0000-01-01" }, "querystring.from", "DATE_OUT_OF_RANGE");
    await expectRule({ url: "/api/audit?from=1899-12-31" }, "querystring.from", "DATE_OUT_OF_RANGE");
    await expectRule({ url: "/api/export/consultations-report.xlsx?quarter=0000-Q1" }, "querystring.quarter", "DATE_OUT_OF_RANGE");
    await expectRule(
      {
        method: "POST",
        url: "/api/municipalities/14522010/events",
        headers: { ...writer, "if-match": '"0"' },
        payload: { type: "status", status: "drafting", conceptKind: "INSEK", effectiveDate: "0000-01-01" },
      },
      "body.effectiveDate",
      "DATE_OUT_OF_RANGE",
    );
  });
});
