import { type StatusMap, statusMapSchema } from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { arrowTo, focusMap } from "./map-keys";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const STATUS_LABELS: Record<StatusMap["items"][number]["status"], string> = {
  none: "kein Konzept / keine Angabe",
  drafting: "in Erstellung",
  council_adopted: "vom Rat beschlossen",
  funding_eligible: "als Fördergrundlage anerkannt",
  updating: "in Fortschreibung",
};
const OSTRAU = "14522450";
const ZSCHAITZ = "14522620";
const JAHNATAL = "14522275";

const shapes = (page: Page) => page.locator("a.map-shape");
const shape = (page: Page, ags: string) => page.locator(`a.map-shape[data-ags="${ags}"]`);
const tooltip = (page: Page) => page.locator(".coverage-map__tooltip");

async function statusMap(page: Page, asOf?: string): Promise<StatusMap> {
  const response = await page.request.get(`/api/stats/status-map${asOf ? `?asOf=${asOf}` : ""}`);
  expect(response.status()).toBe(200);
  return statusMapSchema.parse(await response.json());
}

/** Waits until the map draws exactly the municipalities of the status map, and returns them. */
async function waitForMap(page: Page, count: number, asOf?: string): Promise<StatusMap["items"]> {
  await expect.poll(() => shapes(page).count(), { timeout: 20_000 }).toBe(count);
  const { items } = await statusMap(page, asOf);
  expect(items).toHaveLength(count);
  const drawn = await shapes(page).evaluateAll((links) => links.map((a) => a.getAttribute("data-ags")));
  expect(drawn).toEqual(items.map((m) => m.ags).sort());
  return items;
}

/** Focuses a municipality on the map; its tooltip shows its own name and status on the date. */
async function expectOwnStatus(page: Page, item: StatusMap["items"][number]) {
  await shape(page, item.ags).focus();
  await expect.poll(() => tooltip(page).isVisible()).toBe(true);
  await expect.poll(() => tooltip(page).locator("strong").textContent()).toBe(item.displayName);
  const label = STATUS_LABELS[item.status];
  await expect.poll(() => tooltip(page).textContent()).toBe(`${item.displayName}${label}`);
  expect(await shape(page, item.ags).getAttribute("aria-label")).toBe(`${item.displayName}: ${label}`);
  expect(await shape(page, item.ags).locator("path").getAttribute("fill")).not.toContain("missing");
}

/** The arrow keys reach `ags` from the map's tab stop; Enter opens its page. */
async function expectKeyboardReaches(page: Page, ags: string) {
  await focusMap(page);
  await arrowTo(page, ags);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-ags"))).toBe(ags);
  await page.keyboard.press("Enter");
  await page.waitForURL(new RegExp(`/gemeinden/${ags}$`), { waitUntil: "commit" });
}

async function listRows(page: Page): Promise<string[]> {
  await page.getByRole("button", { name: "Karte als Liste" }).click();
  const rows = page.locator(".coverage-map table tbody tr th a");
  await expect.poll(() => rows.count()).toBeGreaterThan(0);
  return rows.allTextContents();
}

describe.skipIf(skipE2e)("Übersicht: the map draws the municipalities of the chosen date", () => {
  const browser = useBrowser();

  it("on 2020-06-30 has 419 shapes, Ostrau and Zschaitz-Ottewig each with its own status, by keyboard and as a list", async () => {
    const page = await browser.open("/?asOf=2020-06-30");
    const items = await waitForMap(page, 419, "2020-06-30");
    expect(await shape(page, JAHNATAL).count()).toBe(0);
    for (const ags of [OSTRAU, ZSCHAITZ]) {
      const item = items.find((m) => m.ags === ags);
      expect(item, ags).toBeDefined();
      if (item) await expectOwnStatus(page, item);
    }
    await screenshot(page, "uebersicht-2020");

    const names = await listRows(page);
    expect(names).toHaveLength(419);
    expect(names).toEqual(expect.arrayContaining(["Ostrau", "Zschaitz-Ottewig"]));
    expect(names).not.toContain("Jahnatal");

    // The link of a dissolved municipality opens its page, with its history and its successor.
    await expectKeyboardReaches(page, OSTRAU);
    const existence = page.locator(".facts__row", { hasText: "Bestand" }).locator("dd");
    await expect.poll(() => existence.textContent()).toContain("aufgelöst am 01.01.2023");
    await expect.poll(() => existence.getByRole("link").getAttribute("href")).toBe(`/gemeinden/${JAHNATAL}`);
  });

  it("today has 418 shapes with Jahnatal, by keyboard and as a list", async () => {
    const page = await browser.open("/");
    const items = await waitForMap(page, 418);
    expect(await shape(page, OSTRAU).count()).toBe(0);
    expect(await shape(page, ZSCHAITZ).count()).toBe(0);
    const jahnatal = items.find((m) => m.ags === JAHNATAL);
    expect(jahnatal).toBeDefined();
    if (jahnatal) await expectOwnStatus(page, jahnatal);

    const names = await listRows(page);
    expect(names).toHaveLength(418);
    expect(names).toContain("Jahnatal");
    expect(names).not.toContain("Ostrau");

    await expectKeyboardReaches(page, JAHNATAL);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Jahnatal");
  });

  it("redraws the shapes when 'Stand am' crosses a territorial change (2022-12-31 → 2023-01-01)", async () => {
    const page = await browser.open("/?asOf=2022-12-31");
    await waitForMap(page, 419, "2022-12-31");
    const ostrauPath = await shape(page, OSTRAU).locator("path").getAttribute("d");
    await page.getByLabel("Stand am").fill("2023-01-01");
    await page.waitForURL(/[?&]asOf=2023-01-01/, { waitUntil: "commit" });
    await waitForMap(page, 418, "2023-01-01");
    const jahnatalPath = await shape(page, JAHNATAL).locator("path").getAttribute("d");
    expect(jahnatalPath).toBeTruthy();
    expect(jahnatalPath).not.toBe(ostrauPath);
  });

  it("keeps the shapes and statuses of one day together while the statuses of a new date load", async () => {
    const page = await browser.open("/?asOf=2022-12-31");
    await waitForMap(page, 419, "2022-12-31");
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route(/\/api\/stats\/status-map\?asOf=2023-01-01$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel("Stand am").fill("2023-01-01");
    await page.waitForURL(/[?&]asOf=2023-01-01/, { waitUntil: "commit" });
    // The page renders the new date (its headings) while the map's statuses are held back.
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Kennzahlen am 01.01.2023" }).count()).toBe(1);
    const missing = page.locator('a.map-shape path[fill*="missing"]');
    expect(await shapes(page).count()).toBe(419);
    expect(await missing.count()).toBe(0);
    release();
    await waitForMap(page, 418, "2023-01-01");
    expect(await missing.count()).toBe(0);
  });

  it("in compare mode across the merger names the predecessors then and the successor now, and passes axe", async () => {
    const page = await browser.open("/?compare=2022-12-31", { bypassCSP: true });
    await waitForMap(page, 418);
    const change = page.locator(`.coverage-map__changes li[data-change="${JAHNATAL}"]`);
    await expect.poll(() => change.textContent()).toBe("01.01.2023: Ostrau und Zschaitz-Ottewig → Jahnatal");
    expect(await change.getByRole("link", { name: "Ostrau" }).getAttribute("href")).toBe(`/gemeinden/${OSTRAU}`);
    expect(await change.getByRole("link", { name: "Jahnatal" }).getAttribute("href")).toBe(`/gemeinden/${JAHNATAL}`);
    await expectNoSeriousAxeViolations(page);

    // The other way round: the map shows the predecessors of 2022-12-31, the note is the same.
    const then = await browser.open("/?asOf=2022-12-31&compare=2024-06-30", { bypassCSP: true });
    await waitForMap(then, 419, "2022-12-31");
    await expect.poll(() => then.locator(`.coverage-map__changes li[data-change="${JAHNATAL}"]`).textContent()).toBe(
      "01.01.2023: Ostrau und Zschaitz-Ottewig → Jahnatal",
    );
    await expectNoSeriousAxeViolations(then);
  });

  it("draws dates before 2016 with the 426 municipalities of 2016 and says so where the date is chosen", async () => {
    const page = await browser.open("/?asOf=2012-06-30", { bypassCSP: true });
    await expect.poll(() => shapes(page).count(), { timeout: 20_000 }).toBe(426);
    const input = page.getByLabel("Stand am");
    const hintId = await input.getAttribute("aria-describedby");
    await expect.poll(() => page.locator(`[id="${hintId ?? ""}"]`).textContent()).toContain("vor 2016 mit den Grenzen von 2016");
    await expect.poll(() => page.locator(".coverage-map__note").textContent()).toBe(
      "Für den 30.06.2012 zeigt die Karte die Gemeindegrenzen von 2016; ältere liegen nicht vor.",
    );
    await expectNoSeriousAxeViolations(page);
  });
});
