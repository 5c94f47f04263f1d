import { type Summary, summarySchema } from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const integer = (value: number) => new Intl.NumberFormat("de-DE").format(value);
const share = (value: number) =>
  new Intl.NumberFormat("de-DE", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

async function apiSummary(page: Page, query = ""): Promise<Summary> {
  const response = await page.request.get(`/api/stats/summary${query ? `?${query}` : ""}`);
  expect(response.status()).toBe(200);
  return summarySchema.parse(await response.json());
}

const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .figures__value`);

/** `municipalities`: how many existed on the page's date (418 today, 419 on 2020-06-30). */
async function waitForOverview(page: Page, municipalities = 418) {
  await figure(page, "total").waitFor();
  await expect.poll(() => page.locator(".chart-panel").count(), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => page.locator("a.map-shape").count(), { timeout: 20_000 }).toBe(municipalities);
}

describe.skipIf(skipE2e)("Übersicht /", () => {
  const browser = useBrowser();

  it("shows key figures matching GET /api/stats/summary, with definitions and the rule", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    const summary = await apiSummary(page);
    await expect.poll(() => figure(page, "total").textContent()).toBe(integer(summary.total));
    expect(await figure(page, "covered").textContent()).toBe(integer(summary.covered.count));
    expect(await figure(page, "population").textContent()).toBe(share(summary.covered.populationShare));
    expect(await figure(page, "expiring").textContent()).toBe(integer(summary.expiring));
    expect(await figure(page, "stale").textContent()).toBe(integer(summary.stale));
    for (const status of ["none", "drafting", "council_adopted", "funding_eligible", "updating"] as const) {
      expect(await figure(page, status).textContent()).toBe(integer(summary.byStatus[status]));
    }
    expect(await page.locator('[data-figure="covered"] .figures__rule').textContent()).toBe(
      `aktuell = bis zu ${summary.rules.currencyYears} Jahre nach Ratsbeschluss`,
    );

    // The definition appears on keyboard focus and is the trigger's description.
    const trigger = page.getByRole("button", { name: "Definition: Gemeinden mit aktuellem Konzept" });
    await trigger.focus();
    const tooltipId = await trigger.getAttribute("aria-describedby");
    expect(tooltipId).toBeTruthy();
    await expect.poll(() => page.locator(`[id="${tooltipId ?? ""}"]`).isVisible()).toBe(true);
    await screenshot(page, "uebersicht");
  });

  it("recomputes everything for another 'Stand am' and puts it in the URL", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    await page.getByLabel("Stand am").fill("2020-06-30");
    await page.waitForURL(/[?&]asOf=2020-06-30/, { waitUntil: "commit" });
    await expect.poll(() => figure(page, "total").textContent()).toBe("419");
    const summary = await apiSummary(page, "asOf=2020-06-30");
    expect(summary.total).toBe(419);
    await expect.poll(() => figure(page, "covered").textContent()).toBe(integer(summary.covered.count));
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Kennzahlen am 30.06.2020" }).count()).toBe(1);
    // The map follows: the 419 municipalities of that day.
    await expect.poll(() => page.locator("a.map-shape").count()).toBe(419);
  });

  it("keeps a filter across a reload, and the figures honour it", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    const district = page.getByLabel("Landkreis oder kreisfreie Stadt");
    await expect.poll(() => district.locator("option").count()).toBe(14);
    await district.selectOption("14522");
    await page.getByLabel("Gemeindetyp").selectOption("stadt");
    await page.waitForURL(/district=14522.*type=stadt/, { waitUntil: "commit" });
    const summary = await apiSummary(page, "district=14522&type=stadt");
    await expect.poll(() => figure(page, "total").textContent()).toBe(integer(summary.total));

    await page.reload();
    await expect.poll(() => district.inputValue()).toBe("14522");
    await expect.poll(() => page.getByLabel("Gemeindetyp").inputValue()).toBe("stadt");
    await expect.poll(() => figure(page, "total").textContent()).toBe(integer(summary.total));
  });

  it("shows the change between two dates in compare mode, in words", async () => {
    const page = await browser.open("/?asOf=2024-06-30&compare=2020-06-30");
    await waitForOverview(page);
    const [now, then] = await Promise.all([apiSummary(page, "asOf=2024-06-30"), apiSummary(page, "asOf=2020-06-30")]);
    const delta = now.total - then.total;
    const sign = delta > 0 ? `+${integer(delta)} (Zunahme)` : delta < 0 ? `\u2212${integer(-delta)} (Abnahme)` : "±0 (unverändert)";
    await expect.poll(() => page.locator('[data-figure="total"] .figures__change').textContent()).toBe(
      `Veränderung seit 30.06.2020: ${sign}`,
    );
  });

  it("has 418 municipalities on the map, each a link; Enter and click open the detail page", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    const first = page.locator("a.map-shape").first();
    const ags = await first.getAttribute("data-ags");
    expect(await first.getAttribute("aria-label")).toMatch(/^.+: .+$/);
    await first.focus();
    await expect.poll(() => page.locator(".coverage-map__tooltip").isVisible()).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/gemeinden/${ags ?? "x"}$`), { waitUntil: "commit" });

    await page.goBack();
    await waitForOverview(page);
    await page.locator('a.map-shape[data-ags="14713000"]').click();
    await page.waitForURL(/\/gemeinden\/14713000$/, { waitUntil: "commit" });
  });

  it("zooms to a district and offers the map as a list", async () => {
    const page = await browser.open("/?district=14522");
    await waitForOverview(page);
    const before = await page.locator('a.map-shape[data-ags="14713000"] path').getAttribute("d");
    await page.getByLabel("Landkreis zoomen").selectOption("14522");
    await expect.poll(() => page.locator('a.map-shape[data-ags="14713000"] path').getAttribute("d")).not.toBe(before);
    const toggle = page.getByRole("button", { name: "Karte als Liste" });
    await toggle.click();
    await expect.poll(() => page.getByRole("button", { name: "Liste ausblenden" }).getAttribute("aria-expanded")).toBe("true");
    const rows = page.locator(".coverage-map table tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    expect(await rows.count()).toBeLessThan(418);
  });

  it("prints the chosen date as a briefing: rules and sources in the footer, without controls or chart tables", async () => {
    const page = await browser.open("/?asOf=2020-06-30");
    await waitForOverview(page, 419);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByRole("button", { name: "Drucken" }).isVisible()).toBe(false);
    expect(await page.getByLabel("Stand am").isVisible()).toBe(false);
    expect(await page.getByText("INSEK-Monitor Sachsen – Übersicht, Stand 30.06.2020").isVisible()).toBe(true);
    expect(await page.locator(".print-footer").getByText(/^Regeln: aktuell/).isVisible()).toBe(true);
    expect(await page.locator(".print-footer").getByText(/Gemeindeverzeichnis: Quelle: Statistisches Bundesamt \(Destatis\)/).isVisible()).toBe(true);
    // The one-page briefing has a district table of its own; the charts and their tables stay on screen.
    expect(await page.locator(".print-districts table").isVisible()).toBe(true);
    for (let i = 0; i < 4; i += 1) expect(await page.locator(".chart-panel").nth(i).locator("table").isVisible()).toBe(false);
    await screenshot(page, "uebersicht-druck");
  });

  it("shows each chart's table on request and passes axe (default, tables shown, compare mode)", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await waitForOverview(page);
    await expectNoSeriousAxeViolations(page);

    const toggles = page.getByRole("button", { name: "Als Tabelle anzeigen" });
    expect(await toggles.count()).toBe(4);
    for (let i = 0; i < 4; i += 1) {
      const toggle = page.locator(".chart-panel").nth(i).getByRole("button");
      expect(await toggle.getAttribute("aria-expanded")).toBe("false");
      await toggle.click();
      expect(await toggle.getAttribute("aria-expanded")).toBe("true");
      await expect.poll(() => page.locator(".chart-panel").nth(i).locator("table").isVisible()).toBe(true);
    }
    await expectNoSeriousAxeViolations(page);

    const compare = await browser.open("/?compare=2020-06-30", { bypassCSP: true });
    await waitForOverview(compare);
    await expect.poll(() => compare.locator(".figures__change").count()).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(compare);
  });
});
