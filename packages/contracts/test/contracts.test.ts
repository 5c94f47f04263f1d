import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  agsParamsSchema,
  apiTokenCreateSchema,
  auditQuerySchema,
  consultationQuerySchema,
  eventInputSchema,
  idParamsSchema,
  isWellFormedText,
  isoDateSchema,
  loginInputSchema,
  municipalityListQuerySchema,
  passwordResetSchema,
  quarterSchema,
  textSchema,
  updateRequestCreateSchema,
  updateRequestReviewSchema,
} from "../src/index.js";

describe("isoDateSchema", () => {
  it("accepts calendar dates and rejects impossible ones", () => {
    expect(isoDateSchema.safeParse("2024-02-29").success).toBe(true);
    expect(isoDateSchema.safeParse("2026-02-29").success).toBe(false);
    expect(isoDateSchema.safeParse("2026-13-01").success).toBe(false);
    expect(isoDateSchema.safeParse("25.11.2026").success).toBe(false);
  });
});

describe("eventInputSchema", () => {
  it("needs a status on status events and refuses one on confirmations", () => {
    const status = eventInputSchema.safeParse({ type: "status", source: "smr" });
    expect(status.success).toBe(false);
    expect(status.error?.issues[0]?.path).toEqual(["status"]);
    const confirmation = eventInputSchema.safeParse({ type: "confirmation", status: "drafting", source: "smr" });
    expect(confirmation.error?.issues[0]?.path).toEqual(["status"]);
    expect(eventInputSchema.safeParse({ type: "confirmation", source: "municipality" }).success).toBe(true);
  });

  it("rejects unknown keys, non-http links and out-of-range horizons", () => {
    const paths = (input: unknown) => eventInputSchema.safeParse(input).error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths({ type: "status", status: "drafting", source: "smr", extra: 1 })).toEqual([""]);
    expect(paths({ type: "status", status: "drafting", source: "smr", documentUrl: "javascript:alert(1)" })).toEqual(["documentUrl"]);
    expect(paths({ type: "status", status: "drafting", source: "smr", horizonYear: 1800 })).toEqual(["horizonYear"]);
  });
});

describe("municipalityListQuerySchema", () => {
  it("parses query-string booleans and applies defaults", () => {
    const parsed = municipalityListQuerySchema.parse({ current: "true", stale: "0" });
    expect(parsed).toMatchObject({ current: true, stale: false, sort: "name", limit: 50, offset: 0 });
    expect(municipalityListQuerySchema.safeParse({ current: "yes" }).success).toBe(false);
  });
});

describe("the shared text and date rules", () => {
  it("text: no NUL, no lone surrogate; pairs, umlauts and emoji pass", () => {
    for (const bad of ["\u0000", "a\u0000b", "\ud800", "x\udc00y", "\udc00\ud800", "\ud83d"]) {
      expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
      const issue = textSchema.safeParse(bad).error?.issues[0];
      expect(issue).toMatchObject({ code: "custom", params: { code: "TEXT_NOT_WELL_FORMED" } });
    }
    for (const good of ["", "Chemnitz", "Großenhain äöü", "😀", "\ud83d\ude00", "tab\tand\nnewline"]) {
      expect(textSchema.safeParse(good).success, JSON.stringify(good)).toBe(true);
    }
  });

  it("dates and quarters: years 1900 to 2100 only", () => {
    for (const bad of ["0000-01-01", "0000-02-29", "0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"]) {
      expect(isoDateSchema.safeParse(bad).error?.issues[0], bad).toMatchObject({ params: { code: "DATE_OUT_OF_RANGE" } });
    }
    for (const good of ["1900-01-01", "2026-11-25", "2100-12-31"]) expect(isoDateSchema.safeParse(good).success).toBe(true);
    expect(quarterSchema.safeParse("0000-Q1").error?.issues[0]).toMatchObject({ params: { code: "DATE_OUT_OF_RANGE" } });
    expect(quarterSchema.safeParse("2026-Q3").success).toBe(true);
  });

  it("every text field of the request contracts follows the text rule", () => {
    const nul = "a\u0000";
    const cases: [z.ZodType, Record<string, unknown>, string][] = [
      [loginInputSchema, { email: nul, password: "x" }, "email"],
      [loginInputSchema, { email: "a@b.example", password: nul }, "password"],
      [municipalityListQuerySchema, { q: nul }, "q"],
      [auditQuerySchema, { actor: nul }, "actor"],
      [auditQuerySchema, { action: nul }, "action"],
      [agsParamsSchema, { ags: nul }, "ags"],
      [idParamsSchema, { id: nul }, "id"],
      [apiTokenCreateSchema, { name: nul, expiresInDays: 30 }, "name"],
      [passwordResetSchema, { token: nul, password: "a long enough password" }, "token"],
      [eventInputSchema, { type: "confirmation", note: "\ud800" }, "note"],
      [eventInputSchema, { type: "status", status: "drafting", documentUrl: "https://example.org/\u0000" }, "documentUrl"],
      [consultationQuerySchema, { advisor: nul }, "advisor"],
      [updateRequestCreateSchema, { stale: true, message: nul }, "message"],
      [updateRequestReviewSchema, { decision: "accept", note: nul }, "note"],
    ];
    for (const [schema, input, field] of cases) {
      const issues = schema.safeParse(input).error?.issues ?? [];
      expect(
        issues.some((i) => i.path[0] === field && (i as { params?: { code?: string } }).params?.code === "TEXT_NOT_WELL_FORMED"),
        `${field}: ${JSON.stringify(issues)}`,
      ).toBe(true);
    }
  });
});
