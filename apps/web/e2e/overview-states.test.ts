import { type DistrictStats, type Summary, districtStatsSchema, summarySchema } from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/**
 * The states of the Übersicht that overview.test.ts does not reach: the charts under filters, every
 * URL parameter across a reload, the map by keyboard alone, English, reduced motion; each state
 * checked with axe and kept as a screenshot.
 */

const integer = (value: number, locale = "de-DE") => new Intl.NumberFormat(locale).format(value);

async function apiGet<T>(page: Page, url: string, schema: { parse: (input: unknown) => T }): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return schema.parse(await response.json());
}
const apiSummary = (page: Page, query: string): Promise<Summary> => apiGet(page, `/api/stats/summary?${query}`, summarySchema);
const apiDistricts = (page: Page, query: string): Promise<DistrictStats> =>
  apiGet(page, `/api/stats/districts?${query}`, districtStatsSchema);

const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .figures__value`);
const panel = (page: Page, index: number) => page.locator(".chart-panel").nth(index);
/** The body rows of a chart's data table (rendered, hidden until asked for), as cell texts. */
const tableRows = (page: Page, index: number) =>
  panel(page, index)
    .locator("table tbody tr")
    .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll("th, td")].map((cell) => cell.textContent?.trim() ?? "")));

/** `municipalities`: how many existed on the page's date (418 today, 419 on 2020-06-30). */
async function waitForOverview(page: Page, municipalities = 418) {
  await figure(page, "total").waitFor();
  await expect.poll(() => page.locator(".chart-panel").count(), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => page.locator("a.map-shape").count(), { timeout: 20_000 }).toBe(municipalities);
}

const STATUSES = ["none", "drafting", "council_adopted", "funding_eligible", "updating"] as const;
const STATUS_LABELS: Record<(typeof STATUSES)[number], string> = {
  none: "kein Konzept / keine Angabe",
  drafting: "in Erstellung",
  council_adopted: "vom Rat beschlossen",
  funding_eligible: "als Fördergrundlage anerkannt",
  updating: "in Fortschreibung",
};
const GROSSENHAIN = "14627060";

describe.skipIf(skipE2e)("Übersicht: filters, reload, keyboard, English, reduced motion", () => {
  const browser = useBrowser();

  it("reflects a municipality's status change: key figure, chart and map, after navigating back", async () => {
    const page = await browser.open("/gemeinden");
    await signIn(page, "municipality");
    const before = (await (await page.request.get(`/api/municipalities/${GROSSENHAIN}`)).json()) as { record: { status: string } };
    // A change every status allows without a council resolution date.
    const target = before.record.status === "none" ? "drafting" : "none";
    await page.goto("/");
    await waitForOverview(page);
    const summaryBefore = await apiSummary(page, "");
    await expect.poll(() => figure(page, target).textContent()).toBe(integer(summaryBefore.byStatus[target]));
    const shape = page.locator(`a.map-shape[data-ags="${GROSSENHAIN}"]`);
    expect(await shape.getAttribute("aria-label")).not.toMatch(new RegExp(`: ${STATUS_LABELS[target]}$`));

    // As the municipality would: click it on the map, change the status in the form.
    await shape.click();
    await page.waitForURL(new RegExp(`/gemeinden/${GROSSENHAIN}$`), { waitUntil: "commit" });
    await page.getByLabel("Neuer Status *").selectOption(target);
    await page.getByRole("button", { name: "Stand speichern" }).click();
    await expect.poll(() => page.locator(".record-form").getByRole("status").textContent()).toContain("Gespeichert");

    // Back to the overview inside the app (no reload): every part shows the new state.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Übersicht" }).click();
    await page.waitForURL((url) => url.pathname === "/", { waitUntil: "commit" });
    await expect.poll(() => figure(page, target).textContent()).toBe(integer(summaryBefore.byStatus[target] + 1));
    await expect.poll(() => shape.getAttribute("aria-label")).toMatch(new RegExp(`: ${STATUS_LABELS[target]}$`));
    expect(await shape.locator("path").getAttribute("fill")).toBe(`url(#map-pattern-${target})`);
    const statusRows = await tableRows(page, 0);
    expect(statusRows.find((row) => row[0] === STATUS_LABELS[target])?.[1]).toBe(integer(summaryBefore.byStatus[target] + 1));
  });

  it("draws the per-district and the size-class chart for the filtered municipalities only", async () => {
    const page = await browser.open("/?district=14522&type=stadt", { bypassCSP: true });
    await waitForOverview(page);
    const [stats, summary] = await Promise.all([
      apiDistricts(page, "district=14522&type=stadt"),
      apiSummary(page, "district=14522&type=stadt"),
    ]);
    const mittelsachsen = stats.items.find((item) => item.key === "14522");
    if (!mittelsachsen) throw new Error("district 14522 missing");
    await expect.poll(() => figure(page, "total").textContent()).toBe(integer(summary.total));

    // Districts: only the filtered district, with the filtered counts.
    await expect.poll(() => panel(page, 1).locator("h3").textContent()).toBe("Status nach Landkreis (gefiltert: Mittelsachsen, Stadt)");
    await expect
      .poll(() => tableRows(page, 1))
      .toEqual([[mittelsachsen.name, ...STATUSES.map((s) => integer(mittelsachsen.byStatus[s])), expect.any(String)]]);
    expect(mittelsachsen.total).toBe(summary.total);

    // Size classes: the filtered counts per class, adding up to the filtered total.
    await expect.poll(() => panel(page, 3).locator("h3").textContent()).toBe(
      "Abdeckung nach Größenklasse (gefiltert: Mittelsachsen, Stadt)",
    );
    const sizeRows = await tableRows(page, 3);
    expect(sizeRows.map((row) => [row[1], row[2]])).toEqual(
      stats.sizeClasses.map((size) => [integer(size.total), integer(size.covered.count)]),
    );
    expect(stats.sizeClasses.reduce((sum, size) => sum + size.total, 0)).toBe(summary.total);
    await expectNoSeriousAxeViolations(page);

    // A filter changed in the form redraws both charts with the new figures.
    await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption("");
    await page.waitForURL((url) => !url.search.includes("district="), { waitUntil: "commit" });
    const towns = await apiDistricts(page, "type=stadt");
    await expect.poll(async () => (await tableRows(page, 1)).length).toBe(13);
    await expect
      .poll(async () => (await tableRows(page, 1)).map((row) => row[1]))
      .toEqual(towns.items.map((item) => integer(item.byStatus.none)));
    await expect
      .poll(async () => (await tableRows(page, 3)).map((row) => row[1]))
      .toEqual(towns.sizeClasses.map((size) => integer(size.total)));
    expect(await panel(page, 1).locator("h3").textContent()).toBe("Status nach Landkreis (gefiltert: Stadt)");
    await screenshot(page, "uebersicht-gefiltert");
  });

  it("keeps the date, the comparison and every filter across a reload", async () => {
    const query = "asOf=2024-06-30&compare=2020-06-30&district=14522&status=drafting&type=gemeinde&sizeClass=2000_5000";
    const page = await browser.open(`/?${query}`, { bypassCSP: true });
    await waitForOverview(page);
    await page.reload();
    await waitForOverview(page);
    expect(new URL(page.url()).search).toBe(`?${query}`);
    const values = {
      "Stand am": "30.06.2024",
      "Vergleichen mit": "30.06.2020",
      "Landkreis oder kreisfreie Stadt": "14522",
      Status: "drafting",
      Gemeindetyp: "gemeinde",
      "Größenklasse (Einwohner)": "2000_5000",
    };
    for (const [label, value] of Object.entries(values)) {
      await expect.poll(() => page.getByLabel(label, { exact: true }).inputValue(), { message: label }).toBe(value);
    }
    const summary = await apiSummary(page, "asOf=2024-06-30&district=14522&type=gemeinde&sizeClass=2000_5000");
    await expect.poll(() => figure(page, "total").textContent()).toBe(integer(summary.total));
    await expect.poll(() => page.locator('[data-figure="total"] .figures__change').textContent()).toMatch(/^Veränderung seit 30\.06\.2020/);
    // The status filter highlights the map: every municipality left undimmed is "in Erstellung".
    const highlighted = await page.locator("a.map-shape:not(.map-shape--dim)").evaluateAll((links) =>
      links.map((link) => link.getAttribute("aria-label") ?? ""),
    );
    expect(highlighted.length).toBeGreaterThan(0);
    expect(highlighted.length).toBeLessThan(418);
    for (const label of highlighted) expect(label).toMatch(/: in Erstellung$/);
    await expectNoSeriousAxeViolations(page);

    // The map as a list shows exactly the highlighted municipalities; axe in that state too.
    await page.getByRole("button", { name: "Karte als Liste" }).click();
    await expect.poll(() => page.locator(".coverage-map table tbody tr").count()).toBe(highlighted.length);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-vergleich-gefiltert");
  });

  it("reaches a municipality on the map with the keyboard alone and opens it with Enter", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    const shapes = await page.locator("a.map-shape").evaluateAll((links) => links.map((link) => link.getAttribute("data-ags")));
    // The map's own controls (zoom, then the joint-concept outlines) come right before it; Tab enters the
    // map at its one stop (the first by AGS), the arrow keys move to a neighbour.
    await page.getByLabel("Gemeinsame Konzepte umranden").focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-ags"))).toBe(shapes[0]);
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-ags"))).not.toBe(shapes[0]);
    const second = (await page.evaluate(() => document.activeElement?.getAttribute("data-ags"))) ?? "";
    expect(shapes).toContain(second);
    const name = (await page.locator(`a.map-shape[data-ags="${second}"]`).getAttribute("aria-label"))?.split(":")[0] ?? "";
    const tooltip = page.locator(".coverage-map__tooltip");
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.locator("strong").textContent()).toBe(name);
    // The focused shape is outlined (visible focus).
    expect(await page.locator(".coverage-map__active").count()).toBe(1);
    await page.keyboard.press("Enter");
    await page.waitForURL(new RegExp(`/gemeinden/${second}$`), { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
  });

  it("switches the overview to English: texts, dates and numbers", async () => {
    const page = await browser.open("/?asOf=2020-06-30", { bypassCSP: true });
    await waitForOverview(page, 419);
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Key figures on 30/06/2020" }).count()).toBe(1);
    const summary = await apiSummary(page, "asOf=2020-06-30");
    expect(await figure(page, "total").textContent()).toBe(integer(summary.total, "en-GB"));
    expect(await panel(page, 1).locator("h3").textContent()).toBe("Status by district (all of Saxony)");
    // The date field keeps DD.MM.YYYY in English too (the format is said in its hint).
    expect(await page.getByLabel("As of", { exact: true }).inputValue()).toBe("30.06.2020");
    expect(await page.locator("a.map-shape").first().getAttribute("aria-label")).toMatch(/^.+: .+$/);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-englisch");
  });

  it("respects reduced motion: a new date draws the charts at once, and nothing animates", async () => {
    const page = await browser.open("/");
    await waitForOverview(page);
    expect(await page.evaluate(() => window.matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
    await page.getByLabel("Stand am").fill("2020-06-30");
    // Recharts animates in JavaScript (not CSS): sample the bars of the status chart at the first frame
    // that shows the new date's summary, then after the default animation time; they must be equal.
    const bars = () =>
      page.evaluate(() =>
        [...document.querySelectorAll(".chart-panel")[0]?.querySelectorAll(".recharts-bar-rectangle path, .recharts-bar-rectangle rect") ?? []]
          .map((bar) => bar.getAttribute("d") ?? bar.getAttribute("width") ?? "")
          .join("|"),
      );
    await page.waitForFunction(() => document.querySelector(".chart-panel__summary")?.textContent?.includes("30.06.2020"), undefined, {
      polling: "raf",
    });
    const first = await bars();
    expect(first).not.toBe("");
    await page.waitForTimeout(1_600);
    expect(await bars()).toBe(first);
    // No CSS animation or transition runs on the page, and none would take time.
    await page.locator("a.map-shape").first().hover();
    await page.getByRole("button", { name: "Definition: Gemeinden mit aktuellem Konzept" }).focus();
    const running = await page.evaluate(() =>
      document.getAnimations().filter((animation) => {
        const timing = animation.effect?.getComputedTiming();
        return Number(timing?.duration ?? 0) > 0.01;
      }).length,
    );
    expect(running).toBe(0);
    const slow = await page.evaluate(() =>
      [...document.querySelectorAll(".overview *")].filter((element) => {
        const style = getComputedStyle(element);
        const seconds = (value: string) => Math.max(...value.split(",").map((part) => Number.parseFloat(part) || 0));
        return seconds(style.transitionDuration) > 0.00001 || seconds(style.animationDuration) > 0.00001;
      }).length,
    );
    expect(slow).toBe(0);
  });
});
