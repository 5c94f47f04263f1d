import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const PAGES = [
  { path: "/", name: "uebersicht", ready: "table tbody tr" },
  // A past date: the map draws the 419 municipalities of that day (Ostrau, Zschaitz-Ottewig).
  { path: "/?asOf=2020-06-30", name: "uebersicht-2020", ready: 'a.map-shape[data-ags="14522450"]' },
  { path: "/?compare=2022-12-31", name: "uebersicht-vergleich", ready: ".coverage-map__changes li" },
  { path: "/gemeinden", name: "gemeinden", ready: "table tbody tr" },
  { path: "/gemeinden/14713000", name: "gemeinde-detail", ready: ".facts" },
  { path: "/gemeinden/14522450", name: "gemeinde-aufgeloest", ready: ".facts" },
  { path: "/gemeinden/14625080", name: "gemeinde-verwaltungsverband", ready: ".association-members li" },
  { path: "/gemeinden?association=146255501", name: "gemeinden-verwaltungsverband", ready: "table tbody tr" },
  { path: "/konzepte", name: "konzepte", ready: ".concept-list-page .notice, .concept-table tbody tr" },
  { path: "/konzepte?scope=joint&status=adopted", name: "konzepte-gefiltert", ready: ".concept-list-page .notice, .concept-table tbody tr" },
  { path: "/barrierefreiheit", name: "barrierefreiheit", ready: "h1" },
  { path: "/leichte-sprache", name: "leichte-sprache", ready: "h1" },
  { path: "/gibt-es-nicht", name: "nicht-gefunden", ready: "h1" },
];

describe.skipIf(skipE2e)("accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  const browser = useBrowser();

  for (const { path, name, ready } of PAGES) {
    it(`has no serious or critical violations on ${path}`, async () => {
      const page = await browser.open(path, { bypassCSP: true });
      await page.locator(ready).first().waitFor();
      await screenshot(page, `a11y-${name}`);
      await expectNoSeriousAxeViolations(page);
    });
  }

  it("has no serious or critical violations on a concept's page, its forms and the create form", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    const list = (await (await page.request.get("/api/concepts?limit=1")).json()) as { items: { id: number }[] };
    let id = list.items[0]?.id;
    if (id === undefined) {
      const created = await page.request.post("/api/concepts", {
        headers: { "x-csrf-token": await csrfToken(page), "content-type": "application/json" },
        data: { title: "INSEK Dresden (Prüfung der Barrierefreiheit)", kind: "INSEK", scope: "municipal", members: ["14612000"] },
      });
      expect(created.status()).toBe(201);
      id = ((await created.json()) as { id: number }).id;
    }
    for (const [path, name, ready] of [
      [`/konzepte/${id}`, "konzept", ".facts"],
      [`/konzepte/${id}/bearbeiten`, "konzept-bearbeiten", ".concept-form form"],
      ["/konzepte/neu", "konzept-neu", ".concept-form form"],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await screenshot(page, `a11y-${name}`);
      await expectNoSeriousAxeViolations(page);
    }
  });
});
