import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { DESKTOP, PHONE, type Viewport, expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

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
  { path: "/foerderung", name: "foerderung", ready: ".funding-figures" },
  { path: "/foerderung?asOf=2022-06-30&programm=sozialer-zusammenhalt", name: "foerderung-2022", ready: ".funding-figures" },
  { path: "/barrierefreiheit", name: "barrierefreiheit", ready: "h1" },
  { path: "/leichte-sprache", name: "leichte-sprache", ready: "h1" },
  { path: "/gibt-es-nicht", name: "nicht-gefunden", ready: "h1" },
];

describe.skipIf(skipE2e)("accessibility (axe-core, WCAG 2.1 A/AA)", () => {
  const browser = useBrowser();

  // At a desktop's and a phone's width (issue 17): the phone layout is a page of its own for axe.
  for (const [width, viewport] of [["1440", DESKTOP], ["390", PHONE]] as [string, Viewport][]) {
    for (const { path, name, ready } of PAGES) {
      it(`has no serious or critical violations on ${path} at ${width} px`, async () => {
        const page = await browser.open(path, { bypassCSP: true, viewport });
        await page.locator(ready).first().waitFor();
        await screenshot(page, `a11y-${name}-${width}`);
        await expectNoSeriousAxeViolations(page);
      });
    }

    it(`has no serious or critical violations on /protokoll (SMR, filtered) at ${width} px`, async () => {
      const page = await browser.open("/", { bypassCSP: true, viewport });
      await signIn(page, "smr");
      await page.goto("/protokoll?action=auth.*");
      await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await screenshot(page, `a11y-protokoll-${width}`);
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

/** Signed-in pages and states of the advisory workflows (issue 17), at 1440 px and 390 px. */
const SIGNED_IN: { role: "smr" | "advisor"; path: string; name: string; ready: string; act?: (page: Page) => Promise<void> }[] = [
  { role: "smr", path: "/beratungen/kontakte", name: "kontakte", ready: ".contacts-table tbody tr" },
  {
    role: "smr",
    path: "/beratungen/kontakte",
    name: "kontakte-bearbeiten",
    ready: ".contacts-table tbody tr",
    act: async (page) => {
      await page.locator(".contacts-table tbody tr button").first().click();
      await page.locator(".contact-form").waitFor();
    },
  },
  {
    role: "smr",
    path: "/beratungen/anfragen",
    name: "anfragen-vorschau",
    ready: "form.stack-form",
    act: async (page) => {
      await page.getByRole("radio", { name: "alle Gemeinden eines Landkreises" }).check();
      await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption("14713");
      await page.getByRole("button", { name: "Empfänger prüfen" }).click();
      await page.locator(".send-preview").waitFor();
    },
  },
  { role: "smr", path: "/beratungen/zuordnungen", name: "zuordnungen", ready: "h1" },
  { role: "smr", path: "/foerderung/import", name: "foerderung-import", ready: "form.stack-form" },
  { role: "smr", path: "/foerderung/programme", name: "foerderung-programme", ready: ".programme-table tbody tr" },
  {
    role: "smr",
    path: "/foerderung/programme",
    name: "foerderung-programm-bearbeiten",
    ready: ".programme-table tbody tr",
    act: async (page) => {
      await page.locator(".programme-table tbody tr button").first().click();
      await page.locator(".programme-form").waitFor();
    },
  },
  { role: "advisor", path: "/meine-kommunen?flag=never", name: "portfolio-nie-kontaktiert", ready: "table.portfolio-table tbody tr" },
];

describe.skipIf(skipE2e)("accessibility of the advisory workflows (signed in)", () => {
  const browser = useBrowser();

  for (const { role, path, name, ready, act } of SIGNED_IN) {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      it(`has no serious or critical violations on ${path} (${name}, ${viewport.width} px, ${role})`, async () => {
        const page = await browser.open("/", { bypassCSP: true });
        await page.setViewportSize(viewport);
        await signIn(page, role);
        await page.goto(path);
        await page.locator(ready).first().waitFor();
        if (act) await act(page);
        await screenshot(page, `a11y-${name}-${viewport.width}`);
        await expectNoSeriousAxeViolations(page);
      });
    }
  }
});
