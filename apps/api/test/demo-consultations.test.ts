import { consultationListSchema, portfolioSchema } from "@insek/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentAgsOfDistrict } from "../src/modules/accounts/accounts.repo.js";
import { insertDemoConsultations } from "../src/modules/demo/demo-consultations.js";
import { type Credentials, addAccount, assign, sessionFor } from "./helpers/accounts.js";
import { call } from "./helpers/advisory.js";
import { createTestApp, type TestApp } from "./helpers/test-app.js";

// The fixed clock says Wednesday 2026-11-25: the week runs from Monday 23 to Sunday 29 November.
const TODAY = "2026-11-25";
const MEISSEN_DISTRICT = "14627";

let t: TestApp;
let advisorCreds: Credentials;
let municipalityCreds: Credentials;
let districtAgs: string[];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const advisor = await addAccount(db, { email: "fs-inge@test.example", role: "advisor", password: null });
  districtAgs = (await currentAgsOfDistrict(db, MEISSEN_DISTRICT)).sort();
  await assign(db, advisor.id, districtAgs, "2024-03-01");
  await insertDemoConsultations(db, advisor.id, districtAgs, TODAY, new Date("2026-11-25T09:00:00Z"));
  advisorCreds = await sessionFor(t.app, advisor.id);
  const first = districtAgs[0] ?? "";
  const municipality = await addAccount(db, { email: "gemeinde@test.example", role: "municipality", ags: [first], password: null });
  municipalityCreds = await sessionFor(t.app, municipality.id);
});

afterAll(async () => {
  await t.close();
});

describe("demo consultations of the demo advisor", () => {
  it("fill the portfolio: last contacts, one follow-up this week, one overdue", async () => {
    const res = await call(t.app, "GET", "/api/portfolio", advisorCreds.headers);
    expect(res.statusCode, res.body).toBe(200);
    const portfolio = portfolioSchema.parse(res.json());
    const byAgs = new Map(portfolio.items.map((item) => [item.ags, item]));
    const at = (index: number) => byAgs.get(districtAgs[index] ?? "");
    // The seminar reached five municipalities nine weeks ago.
    for (const index of [0, 2, 4, 6, 8]) expect(at(index)?.lastContact).toBe("2026-09-23");
    expect(at(1)).toMatchObject({ lastContact: "2026-10-21", nextContact: "2026-11-21", overdue: true, followUpDue: true });
    expect(at(3)).toMatchObject({ lastContact: "2026-11-11", nextContact: "2026-11-27", overdue: false, followUpDue: true });
    expect(at(5)).toMatchObject({ nextContact: "2026-12-25", overdue: false, followUpDue: false });
    expect(portfolio.items.filter((item) => item.followUpDue)).toHaveLength(2);
  });

  it("are listed four times, the internal one hidden from a municipality account", async () => {
    const all = consultationListSchema.parse((await call(t.app, "GET", "/api/consultations", advisorCreds.headers)).json());
    expect(all.total).toBe(4);
    expect(all.items.filter((c) => c.internal)).toHaveLength(1);
    expect(all.items.find((c) => c.kind === "seminar")?.municipalities).toHaveLength(5);
    const own = await call(t.app, "GET", `/api/municipalities/${districtAgs[0] ?? ""}/consultations`, municipalityCreds.headers);
    expect(own.statusCode, own.body).toBe(200);
    expect(consultationListSchema.parse(own.json()).items.map((c) => c.kind)).toEqual(["seminar"]);
  });
});
