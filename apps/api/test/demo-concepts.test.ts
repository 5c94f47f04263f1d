import { conceptDetailSchema, conceptListSchema, municipalityDetailSchema, statusEventListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_JOINT_CONCEPTS } from "../src/modules/demo/demo-concepts.js";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { linkHistoryToConcepts } from "./helpers/concept-linking.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/** The demo data's concepts (decision 0027): municipal ones from the history, joint and area ones, all labelled as demo. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  expect(await seedDemoData(t.database.db, fixedClock)).toBe("seeded");
});
afterAll(async () => {
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ url });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<unknown>();
};

describe("the demo's concepts", () => {
  it("link every status event that is not 'none', as migration 0016 would (running it again adds nothing)", async () => {
    const [unlinked] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from status_events where type = 'status' and status <> 'none' and concept_id is null`,
    );
    expect(unlinked?.n).toBe(0);
    const [resolutions] = await queryRows<{ missing: number }>(
      t.database.db,
      sql`select count(*)::int as missing from status_events e where e.status = 'council_adopted'
          and not exists (select 1 from concept_resolutions r where r.status_event_id = e.id and r.concept_id = e.concept_id)`,
    );
    expect(resolutions?.missing).toBe(0);
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from concepts`))[0]?.n;
    const before = await count();
    await linkHistoryToConcepts(t.database.db);
    expect(await count()).toBe(before);
    expect(await queryRows(t.database.db, sql`select distinct origin from concepts`)).toEqual([{ origin: "demo" }]);
  });

  it("include the joint concepts, each member's state and n of m adopted", async () => {
    const joint = conceptListSchema.parse(await get("/api/concepts?scope=joint&limit=500"));
    expect(joint.items.map((c) => c.title).sort()).toEqual(DEMO_JOINT_CONCEPTS.map((g) => `${g.title} (Demo)`).sort());
    for (const item of joint.items) {
      const group = DEMO_JOINT_CONCEPTS.find((g) => item.title.startsWith(g.title));
      const concept = conceptDetailSchema.parse(await get(`/api/concepts/${item.id}`));
      expect(concept.members.map((m) => m.ags)).toEqual(group?.members);
      expect(concept.leadAgs).toBe(group?.members[0]);
      expect(concept.memberCount).toBe(4);
      expect(concept.adoptedCount).toBe(concept.members.filter((m) => m.adopted).length);
      // A member counts as adopted exactly when its events for the concept include an adoption, and its record says so.
      for (const member of concept.members) {
        const detail = municipalityDetailSchema.parse(await get(`/api/municipalities/${member.ags}`));
        expect(detail.concepts.map((c) => c.id)).toContain(concept.id);
        const history = statusEventListSchema.parse(await get(`/api/municipalities/${member.ags}/events`));
        const own = history.items.filter((e) => e.conceptId === concept.id);
        expect(own.some((e) => e.status === "council_adopted"), member.ags).toBe(member.adopted);
        expect(member.status).toBe(own.filter((e) => e.type === "status").at(-1)?.status ?? "none");
      }
    }
    expect(joint.items.some((c) => c.adoptedCount > 0)).toBe(true);
  });

  it("include area concepts under town-wide ones", async () => {
    const area = conceptListSchema.parse(await get("/api/concepts?scope=area&limit=500"));
    expect(area.items.filter((c) => c.kind === "SEKO")).toHaveLength(3);
    expect(area.items.filter((c) => c.kind === "GIHK")).toHaveLength(3);
    for (const item of area.items) {
      expect(item.title).toMatch(/\(.*Demo\)$/);
      const parent = conceptDetailSchema.parse(await get(`/api/concepts/${item.parentId}`));
      expect(["municipal", "joint"]).toContain(parent.scope);
      expect(parent.areaConcepts.map((a) => a.id)).toContain(item.id);
      expect(item.status).toBe(item.kind === "SEKO" ? "adopted" : "drafting");
    }
  });
});
