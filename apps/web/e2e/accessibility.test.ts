import { describe, it } from "vitest";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const PAGES = [
  { path: "/", name: "uebersicht", ready: "table tbody tr" },
  { path: "/gemeinden", name: "gemeinden", ready: "table tbody tr" },
  { path: "/gemeinden/14713000", name: "gemeinde-detail", ready: ".facts" },
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
});
