import { practiceDetailSchema, practiceListSchema } from "@insek/contracts";
import { queryRows } from "@insek/db";
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PRACTICES } from "../src/modules/demo/demo-practices.js";
import { seedDemoData } from "../src/modules/demo/demo.repo.js";
import { createTestApp, fixedClock, type TestApp } from "./helpers/test-app.js";

/** The demo's Praxisbeispiele (decision 0035): published, labelled as demo, each with drawn pictures that passed the upload's pipeline. */
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
  return res;
};

describe("the demo's Praxisbeispiele", () => {
  it("are a dozen published entries of real Saxon municipalities, marked as demo, with adopters", async () => {
    expect(DEMO_PRACTICES).toHaveLength(12);
    const list = practiceListSchema.parse((await get("/api/practices?limit=100")).json());
    expect(list.total).toBe(12);
    expect(list.items.every((p) => p.state === "published" && p.title.endsWith("(Demo)"))).toBe(true);
    expect(await queryRows(t.database.db, sql`select distinct origin from practices`)).toEqual([{ origin: "demo" }]);
    const today = await queryRows<{ ags: string }>(t.database.db, sql`select ags from municipalities where valid_to is null`);
    const known = new Set(today.map((m) => m.ags));
    for (const plan of DEMO_PRACTICES) {
      for (const ags of [...plan.ags, ...plan.adopters.map((a) => a.ags)]) expect(known.has(ags), ags).toBe(true);
    }
    expect(list.items.filter((p) => p.adopterCount > 0).length).toBeGreaterThanOrEqual(6);
    // Every topic but "other", every phase and every criterion is shown somewhere.
    expect(new Set(list.items.flatMap((p) => p.topics)).size).toBeGreaterThanOrEqual(8);
    expect(new Set(list.items.map((p) => p.phase))).toEqual(new Set(["idea", "implementation", "completed"]));
    for (const criterion of ["innovative", "exemplary", "cooperative"] as const) expect(list.items.some((p) => p.criteria[criterion])).toBe(true);
    // Published in the past, never in the future of the seeding.
    for (const item of list.items) expect(Date.parse(item.publishedAt ?? "")).toBeLessThan(fixedClock().getTime());
  });

  it("each have one or two pictures with alt text, served publicly as WebP in three sizes without metadata", async () => {
    const list = practiceListSchema.parse((await get("/api/practices?limit=100")).json());
    let pictures = 0;
    for (const item of list.items) {
      const detail = practiceDetailSchema.parse((await get(`/api/practices/${item.id}`)).json());
      expect(detail.images.length).toBeGreaterThanOrEqual(1);
      expect(detail.images.length).toBeLessThanOrEqual(2);
      expect(item.imageId).toBe(detail.images[0]?.id);
      const plan = DEMO_PRACTICES.find((p) => `${p.title} (Demo)` === detail.title);
      expect(detail.images.map((i) => i.alt)).toEqual(plan?.images.map((i) => i.alt));
      for (const image of detail.images) {
        pictures++;
        expect(image.alt.trim().length).toBeGreaterThan(10);
        expect([image.sizes.large.width, image.sizes.large.height]).toEqual([1200, 800]);
        expect([image.sizes.medium.width, image.sizes.small.width]).toEqual([800, 320]);
        const res = await get(image.sizes.small.url);
        expect(res.headers["content-type"]).toBe("image/webp");
        expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
        const meta = await sharp(res.rawPayload).metadata();
        expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["webp", 320, 213, undefined]);
      }
    }
    expect(pictures).toBe(DEMO_PRACTICES.reduce((n, p) => n + p.images.length, 0));
  });

  it("are drawn pictures, not blank ones: two scenes differ", async () => {
    const rows = await queryRows<{ sha: string }>(t.database.db, sql`select distinct encode(sha256(large), 'hex') as sha from practice_images`);
    expect(rows.length).toBeGreaterThanOrEqual(15);
    const [first] = await queryRows<{ large: Buffer | Uint8Array }>(t.database.db, sql`select large from practice_images order by id limit 1`);
    const stats = await sharp(Buffer.from(first?.large ?? [])).stats();
    // A scene has colour: its channels vary.
    expect(stats.channels.every((c) => c.stdev > 10)).toBe(true);
  });

  it("are seeded once: a second run changes nothing", async () => {
    const count = async () => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from practice_images`))[0]?.n;
    const before = await count();
    expect(await seedDemoData(t.database.db, fixedClock)).toBe("unchanged");
    expect(await count()).toBe(before);
  });
});
