import { atRiskListSchema, errorResponseSchema, updateRequestCreatedSchema, updateRequestPreviewSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAccount, assign, bearerFor, writerHeaders } from "./helpers/accounts.js";
import { recordFixtureEvent } from "./helpers/history-fixture.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

/*
 * Update requests to the municipalities with funding at risk (decision 0034): `fundingAtRisk: true` targets
 * the municipalities of GET /api/measures/at-risk today (test clock 2026-11-25).
 * - Leipzig adopted 2017-03-01 (expiring): Lebendige Zentren running -> at risk.
 * - Dresden adopted 2025-05-15 (current): Sozialer Zusammenhalt running -> not at risk.
 * - Chemnitz no concept: WNE running -> at risk; Großenhain no concept: LEADER only (needs none) -> not at risk.
 * - Freiberg no concept: its measure is settled -> not running, not at risk.
 */

const LEIPZIG = "14713000";
const DRESDEN = "14612000";
const CHEMNITZ = "14511000";
const GROSSENHAIN = "14627060";
const FREIBERG = "14522180";

let t: TestApp;
let smr: Record<string, string>;
let advisor: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const adopted = (ags: string, date: string) =>
    recordFixtureEvent(db, { ags, status: "council_adopted", effectiveDate: date, councilResolutionDate: date, recordedAt: `${date}T12:00:00Z` });
  await adopted(LEIPZIG, "2017-03-01");
  await adopted(DRESDEN, "2025-05-15");
  smr = await writerHeaders(t.app);
  const inge = await addAccount(db, { email: "inge-funding@test.example", role: "advisor", password: null });
  await assign(db, inge.id, [LEIPZIG, DRESDEN], "2026-01-01");
  advisor = (await bearerFor(t.app, inge.id)).headers;
  for (const payload of [
    { ags: LEIPZIG, programmeId: "lebendige-zentren", name: "Innenstadt", startYear: 2020, state: "running" },
    { ags: DRESDEN, programmeId: "sozialer-zusammenhalt", name: "Prohlis", startYear: 2021, state: "running" },
    { ags: CHEMNITZ, programmeId: "wachstum-nachhaltige-erneuerung", name: "Sonnenberg", startYear: 2022, state: "running" },
    { ags: GROSSENHAIN, programmeId: "leader", name: "Ortsteile", startYear: 2023, state: "running" },
    { ags: FREIBERG, programmeId: "lebendige-zentren", name: "Altstadt", startYear: 2010, endYear: 2020, state: "settled" },
  ]) {
    const res = await t.app.inject({ method: "POST", url: "/api/measures", headers: smr, payload });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

const post = (url: string, payload: object, headers = smr) => t.app.inject({ method: "POST", url, headers, payload });

describe("update requests with fundingAtRisk", () => {
  it("preview: exactly the municipalities of the at-risk list today", async () => {
    const atRisk = atRiskListSchema.parse((await t.app.inject({ url: "/api/measures/at-risk" })).json());
    const expected = [...new Set(atRisk.items.map((i) => i.ags))].sort();
    expect(expected).toEqual([CHEMNITZ, LEIPZIG].sort());
    const res = await post("/api/update-requests/preview", { fundingAtRisk: true });
    expect(res.statusCode, res.body).toBe(200);
    const preview = updateRequestPreviewSchema.parse(res.json());
    expect(preview.items.map((i) => i.ags).sort()).toEqual(expected);
    expect(preview.requests).toBe(2);
  });

  it("create: a campaign with the scope fundingAtRisk, one request per municipality at risk", async () => {
    const res = await post("/api/update-requests", { fundingAtRisk: true, validDays: 14 });
    expect(res.statusCode, res.body).toBe(201);
    const created = updateRequestCreatedSchema.parse(res.json());
    expect(created.campaign.scope).toEqual({ fundingAtRisk: true });
    expect(created.requests.map((r) => r.ags).sort()).toEqual([CHEMNITZ, LEIPZIG].sort());
    const list = await t.app.inject({ url: "/api/update-requests", headers: smr });
    expect(list.json<{ items: { id: number; scope: unknown }[] }>().items.find((c) => c.id === created.campaign.id)?.scope).toEqual({ fundingAtRisk: true });
  });

  it("an advisor reaches only their assigned municipalities at risk; none left is 422 NO_RECIPIENTS at body.fundingAtRisk", async () => {
    const preview = updateRequestPreviewSchema.parse((await post("/api/update-requests/preview", { fundingAtRisk: true }, advisor)).json());
    expect(preview.items.map((i) => i.ags)).toEqual([LEIPZIG]);

    const other = await addAccount(t.database.db, { email: "inge-dresden@test.example", role: "advisor", password: null });
    await assign(t.database.db, other.id, [DRESDEN], "2026-01-01");
    const res = await post("/api/update-requests/preview", { fundingAtRisk: true }, (await bearerFor(t.app, other.id)).headers);
    expect(res.statusCode).toBe(422);
    expect(errorResponseSchema.parse(res.json())).toMatchObject({ code: "NO_RECIPIENTS", issues: [{ path: "body.fundingAtRisk" }] });
  });

  it("exactly one target: fundingAtRisk with another is 400; fundingAtRisk must be true", async () => {
    for (const body of [{ fundingAtRisk: true, stale: true }, { fundingAtRisk: true, ags: [LEIPZIG] }, { fundingAtRisk: false }, {}]) {
      const res = await post("/api/update-requests/preview", body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
  });
});
