import { describe, expect, it } from "vitest";
import { signIn } from "./accounts";
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
});
