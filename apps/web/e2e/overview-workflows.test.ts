import {
  type DistrictStats,
  type Summary,
  districtStatsSchema,
  municipalityListSchema,
  statusMapSchema,
  summarySchema,
} from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { LANDING, signIn } from "./accounts";
import { arrowTo, focusMap } from "./map-keys";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/**
 * Issue #17, the overview's workflows: landing pages after sign-in, key figures that lead to their
 * list, the municipality search, compare mode in percentage points per district, the one-page print,
 * the map as one tab stop with arrow keys, and the phone layout (folded filters, touch on the map).
 */

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

const integer = (value: number) => new Intl.NumberFormat("de-DE").format(value);
const share = (value: number) =>
  new Intl.NumberFormat("de-DE", { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
const oneDecimal = (value: number) => new Intl.NumberFormat("de-DE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
const signedPoints = (points: number) =>
  points === 0 ? "±0" : `${points > 0 ? "+" : "\u2212"}${oneDecimal(Math.abs(points))}`;

async function apiGet<T>(page: Page, url: string, schema: { parse: (input: unknown) => T }): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return schema.parse(await response.json());
}
const apiSummary = (page: Page, query: string): Promise<Summary> => apiGet(page, `/api/stats/summary?${query}`, summarySchema);
const apiDistricts = (page: Page, query: string): Promise<DistrictStats> =>
  apiGet(page, `/api/stats/districts?${query}`, districtStatsSchema);

const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .figures__value`);

async function waitForOverview(page: Page, municipalities = 418) {
  await figure(page, "total").waitFor();
  await expect.poll(() => page.locator(".chart-panel").count(), { timeout: 20_000 }).toBe(4);
  await expect.poll(() => page.locator("a.map-shape").count(), { timeout: 20_000 }).toBe(municipalities);
}

/** Presses Tab from the top of the page until focus comes back round; returns what received focus, in order. */
async function tabStops(page: Page, limit = 250): Promise<{ tag: string; ags: string | null; inChart: boolean; text: string }[]> {
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  const stops: { tag: string; ags: string | null; inChart: boolean; text: string; key: string }[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      if (!el.hasAttribute("data-tab-seen")) el.setAttribute("data-tab-seen", String(Math.random()));
      return {
        tag: el.tagName.toLowerCase(),
        ags: el.getAttribute("data-ags"),
        inChart: el.closest(".chart-panel__chart") !== null,
        text: (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40),
        key: el.getAttribute("data-tab-seen") ?? "",
      };
    });
    if (stop === null) break;
    if (stops.length > 0 && stops[0]?.key === stop.key) break;
    stops.push(stop);
  }
  return stops;
}

/** Pages of a PDF: the page objects ("/Type /Page", not "/Pages"). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

describe.skipIf(skipE2e)("Übersicht: workflows of issue #17 (desktop 1440 px)", () => {
  const browser = useBrowser();

  it("lands each role on its own start page after signing in", async () => {
    for (const role of ["smr", "advisor", "municipality"] as const) {
      const page = await browser.open("/anmelden", { viewport: DESKTOP });
      // signIn waits for LANDING[role]; the page of each role shows.
      await signIn(page, role);
      expect(new URL(page.url()).pathname).toMatch(LANDING[role]);
      const heading = page.getByRole("heading", { level: 1 });
      if (role === "smr") await expect.poll(() => heading.textContent()).toBe("Übersicht");
      if (role === "municipality") await expect.poll(() => heading.textContent()).toContain("Großenhain");
      if (role === "advisor") await expect.poll(() => page.locator("main").textContent()).not.toBe("");
    }
  });

  it("links each key figure to the list of exactly its municipalities", async () => {
    const page = await browser.open("/?district=14627", { viewport: DESKTOP });
    await waitForOverview(page);
    const summary = await apiSummary(page, "district=14627");
    const cases = [
      ["expiring", "expiring=true", summary.expiring],
      ["stale", "stale=true", summary.stale],
      ["covered", "current=true", summary.covered.count],
      ["council_adopted", "status=council_adopted", summary.byStatus.council_adopted],
    ] as const;
    for (const [key, query, count] of cases) {
      const link = page.locator(`[data-figure="${key}"] .figures__link a`);
      await expect.poll(() => link.getAttribute("href")).toBe(`/gemeinden?district=14627&${query}`);
      const list = await apiGet(page, `/api/municipalities?district=14627&${query}&limit=1`, municipalityListSchema);
      expect(list.total, key).toBe(count);
    }
    await page.locator('[data-figure="expiring"] .figures__link a').click();
    await page.waitForURL(/\/gemeinden\?district=14627&expiring=true$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gefunden" }).textContent()).toContain(
      summary.expiring === 1 ? "1 Gemeinde gefunden" : `${integer(summary.expiring)} Gemeinden gefunden`,
    );
    // A past date: the list shows today, so the figures do not link to it.
    const past = await browser.open("/?asOf=2020-06-30", { viewport: DESKTOP });
    await waitForOverview(past, 419);
    expect(await past.locator(".figures__link").count()).toBe(0);
  });

  it("finds a municipality from the overview and sorts the list by 'aktuell bis'", async () => {
    const page = await browser.open("/", { viewport: DESKTOP });
    await waitForOverview(page);
    const search = page.getByRole("combobox", { name: "Gemeinde suchen" });
    await search.fill("grossenh");
    await expect.poll(() => page.getByRole("option").first().textContent()).toContain("Großenhain");
    await search.press("ArrowDown");
    await search.press("Enter");
    await page.waitForURL(/\/gemeinden\/14627060$/, { waitUntil: "commit" });

    await page.goto("/gemeinden");
    await page.getByRole("button", { name: /^Aktualität/ }).click();
    await page.waitForURL(/[?&]sort=currentUntil/, { waitUntil: "commit" });
    const api = await apiGet(page, "/api/municipalities?sort=currentUntil&limit=50", municipalityListSchema);
    await expect.poll(() => page.locator("table tbody tr th a").first().textContent()).toBe(api.items[0]?.displayName);
    const dates = api.items.map((item) => item.record.currentUntil).filter((date): date is string => date !== null);
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort()).toEqual(dates);
    expect(await page.getByRole("columnheader", { name: /Aktualität/ }).getAttribute("aria-sort")).toBe("ascending");
  });

  it("shows compare mode in percentage points and per district: then, now, change, sortable", async () => {
    const page = await browser.open("/?asOf=2024-06-30&compare=2020-06-30", { viewport: DESKTOP, bypassCSP: true });
    await waitForOverview(page);
    const [now, then] = await Promise.all([apiSummary(page, "asOf=2024-06-30"), apiSummary(page, "asOf=2020-06-30")]);
    const points = Math.round((now.covered.populationShare - then.covered.populationShare) * 1000) / 10;
    const change = page.locator('[data-figure="population"] .figures__change');
    const words = points === 0 ? "±0 (unverändert)" : `${signedPoints(points)} Prozentpunkte (${points > 0 ? "Zunahme" : "Abnahme"})`;
    await expect.poll(() => change.textContent()).toBe(`Veränderung seit 30.06.2020: ${words}`);
    expect(await change.textContent()).not.toContain("%");

    const [districtsNow, districtsThen] = await Promise.all([apiDistricts(page, "asOf=2024-06-30"), apiDistricts(page, "asOf=2020-06-30")]);
    const expected = districtsNow.items.map((item) => {
      const before = districtsThen.items.find((other) => other.key === item.key);
      const delta = before ? Math.round((item.covered.share - before.covered.share) * 1000) / 10 : 0;
      return { key: item.key, then: before ? share(before.covered.share) : "–", now: share(item.covered.share), delta };
    });
    const table = page.locator(".district-comparison table");
    const rows = () =>
      table.locator("tbody tr").evaluateAll((trs) =>
        trs.map((tr) => ({ key: tr.getAttribute("data-district") ?? "", cells: [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "") })),
      );
    await expect.poll(async () => (await rows()).length).toBe(expected.length);
    for (const row of await rows()) {
      const want = expected.find((item) => item.key === row.key);
      expect(want, row.key).toBeDefined();
      expect(row.cells).toEqual([want?.then, want?.now, want?.delta === 0 ? "±0" : `${signedPoints(want?.delta ?? 0)} Pp.`]);
    }
    // Most improved first by default.
    const firstKey = (await rows())[0]?.key;
    expect(firstKey).toBe([...expected].sort((a, b) => b.delta - a.delta)[0]?.key);
    expect(await table.locator("th[aria-sort]").textContent()).toContain("Veränderung");
    // Sorting by the share on the earlier date, largest first.
    await table.getByRole("button", { name: /Anteil am 30\.06\.2020/ }).click();
    await expect.poll(() => table.locator("th[aria-sort]").getAttribute("aria-sort")).toBe("descending");
    const byThen = (await rows()).map((row) => districtsThen.items.find((item) => item.key === row.key)?.covered.share ?? -1);
    expect([...byThen].sort((a, b) => b - a)).toEqual(byThen);

    // The district chart compares the two dates too, and its table says so.
    const chart = page.locator(".chart-panel").nth(1);
    expect(await chart.locator("h3").textContent()).toContain("30.06.2020");
    await chart.getByRole("button", { name: "Als Tabelle anzeigen" }).click();
    expect(await chart.locator("thead th").allTextContents()).toEqual([
      "Landkreis / kreisfreie Stadt",
      "Anteil am 30.06.2020",
      "Anteil am 30.06.2024",
      "Veränderung (Prozentpunkte)",
    ]);

    // The map as a list: each municipality's status on both dates.
    await page.getByRole("button", { name: "Karte als Liste" }).click();
    const list = page.locator(".coverage-map table");
    expect(await list.locator("thead th").allTextContents()).toEqual(["Gemeinde", "Landkreis", "Status am 30.06.2020", "Status am 30.06.2024"]);
    const statusThen = await apiGet(page, "/api/stats/status-map?asOf=2020-06-30", statusMapSchema);
    const thenByAgs = new Map(statusThen.items.map((item) => [item.ags, item.status]));
    await expect.poll(() => list.locator("td[data-status-then]").first().getAttribute("data-status-then")).not.toBe("");
    const listed = await list.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        ags: tr.querySelector("th a")?.getAttribute("href")?.split("/").pop() ?? "",
        then: tr.querySelector("td[data-status-then]")?.getAttribute("data-status-then") ?? "",
      })),
    );
    expect(listed.length).toBe(418);
    for (const row of listed) expect(row.then, row.ags).toBe(thenByAgs.get(row.ags) ?? "");
    expect(listed.some((row) => row.then === "")).toBe(true); // Jahnatal did not exist in 2020
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-vergleich-landkreise");
  });

  it("prints a one-page A4 briefing: figures, comparison, district table, small map, filters and rules in the footer", async () => {
    for (const url of ["/?asOf=2024-06-30", "/?asOf=2024-06-30&compare=2020-06-30&type=gemeinde", "/?district=14627"]) {
      const page = await browser.open(url, { viewport: DESKTOP });
      await waitForOverview(page);
      await page.emulateMedia({ media: "print" });
      const visible = (selector: string) => page.locator(selector).first().isVisible();
      expect(await visible('[data-figure="covered"] .figures__value'), url).toBe(true);
      expect(await visible(".coverage-map__svg"), url).toBe(true);
      expect(await visible(url.includes("compare") ? ".district-comparison table" : ".print-districts table"), url).toBe(true);
      expect(await visible(".print-footer"), url).toBe(true);
      const footer = (await page.locator(".print-footer").textContent()) ?? "";
      expect(footer).toContain("Regeln: aktuell = bis zu");
      expect(footer).toContain(url.includes("type=") ? "Gefiltert: Gemeinde" : url.includes("district") ? "Gefiltert: Meißen" : "Filter: keine");
      expect(footer).toMatch(/Datenstand: \d{2}\.\d{2}\.\d{4}/);
      if (url.includes("compare")) {
        expect(footer).toContain("verglichen mit 30.06.2020");
        expect(await visible('[data-figure="covered"] .figures__change')).toBe(true);
      }
      // Not on paper: banner, header, controls, "?" buttons, the charts and their tables (the monthly one too).
      for (const hidden of [".demo-banner", ".site-header", ".dashboard-controls", ".definition__trigger", ".chart-panel", ".chart-panel table", ".overview-search", ".figures__link"]) {
        expect(await page.locator(hidden).first().isVisible(), `${url} ${hidden}`).toBe(false);
      }
      // The map is small: less than half the printable width of A4.
      const box = await page.locator(".coverage-map__svg").boundingBox();
      expect(box?.width ?? 0).toBeLessThan(360);
      const pdf = await page.pdf({ format: "A4", printBackground: true });
      expect(pdfPageCount(pdf), url).toBe(1);
    }
  });

  it("makes the map one tab stop with arrow keys between neighbours; chart internals are not focusable; labels German", async () => {
    const page = await browser.open("/?compare=2020-06-30", { viewport: DESKTOP });
    await waitForOverview(page);
    const stops = await tabStops(page);
    const onMap = stops.filter((stop) => stop.ags !== null);
    expect(onMap).toHaveLength(1);
    expect(stops.filter((stop) => stop.inChart)).toEqual([]);
    expect(stops.length).toBeLessThan(120);
    // After the map, the next stop is the list alternative.
    const mapIndex = stops.findIndex((stop) => stop.ags !== null);
    expect(stops[mapIndex + 1]?.text).toBe("Karte als Liste");
    // Nothing in the charts can take focus (recharts' SVGs and wrappers included).
    const focusableInCharts = await page
      .locator(".chart-panel__chart")
      .evaluateAll((charts) => charts.flatMap((chart) => [...chart.querySelectorAll('[tabindex]:not([tabindex="-1"]), a[href], button, input, select')]).length);
    expect(focusableInCharts).toBe(0);
    // Screen-reader labels in German: no English from the chart library.
    const labels = await page.evaluate(() => [...document.querySelectorAll("[aria-label]")].map((el) => el.getAttribute("aria-label") ?? ""));
    expect(labels.filter((label) => /legend icon|chart|Tooltip/i.test(label))).toEqual([]);
    const mapLabel = await page.locator(".coverage-map__svg").getAttribute("aria-label");
    expect(mapLabel).toMatch(/^Karte der sächsischen Gemeinden/);
    const hint = await page.locator(".coverage-map__svg").getAttribute("aria-describedby");
    expect(await page.locator(`[id="${hint ?? ""}"]`).textContent()).toContain("Pfeiltasten");

    // Arrow keys: from Leipzig (city) to a neighbour in the west, and on to Dresden.
    await focusMap(page);
    await arrowTo(page, "14713000");
    const tooltip = page.locator(".coverage-map__tooltip strong");
    await expect.poll(() => tooltip.textContent()).toBe("Leipzig");
    await page.keyboard.press("ArrowLeft");
    const west = await page.evaluate(() => document.activeElement?.getAttribute("data-ags") ?? "");
    expect(west).not.toBe("14713000");
    expect(west).toMatch(/^14729/);
    const steps = await arrowTo(page, "14612000");
    expect(steps).toBeGreaterThan(3);
    // The map keeps its one stop where focus left it: Tab out and Shift+Tab back returns to Dresden.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-ags"))).toBe("14612000");
    expect(await page.locator('a.map-shape[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/gemeinden\/14612000$/, { waitUntil: "commit" });
  });
});

describe.skipIf(skipE2e)("Übersicht on a phone (390 px, touch)", () => {
  const browser = useBrowser();

  it("shows the first key figure without scrolling; the filters unfold on demand; axe clean in both states", async () => {
    const page = await browser.open("/", { viewport: PHONE, touch: true, bypassCSP: true });
    await waitForOverview(page);
    // Label and value of the first key figure lie within the first screen.
    for (const part of ["dt", ".figures__value"]) {
      const box = await page.locator(`.dashboard-figures .figures__item >> nth=0`).locator(part).boundingBox();
      expect(box, part).not.toBeNull();
      expect((box?.y ?? 0) + (box?.height ?? 0), part).toBeLessThanOrEqual(PHONE.height);
    }
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.getByLabel("Landkreis oder kreisfreie Stadt").isVisible()).toBe(false);
    const toggle = page.getByRole("button", { name: "Stichtag und Filter ändern" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-telefon");

    await toggle.click();
    const hide = page.getByRole("button", { name: "Stichtag und Filter ausblenden" });
    expect(await hide.getAttribute("aria-expanded")).toBe("true");
    const district = page.getByLabel("Landkreis oder kreisfreie Stadt");
    expect(await district.isVisible()).toBe(true);
    await district.selectOption("14627");
    await page.waitForURL(/district=14627/, { waitUntil: "commit" });
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-telefon-filter");

    const compare = await browser.open("/?compare=2020-06-30", { viewport: PHONE, touch: true, bypassCSP: true });
    await waitForOverview(compare);
    await compare.locator(".district-comparison tbody tr").first().waitFor();
    await expectNoSeriousAxeViolations(compare);
  });

  it("shows a municipality on the first tap and opens it on the second; the keyboard hint is not shown", async () => {
    const page = await browser.open("/", { viewport: PHONE, touch: true });
    await waitForOverview(page);
    expect(await page.locator(".coverage-map__hint--keys").isVisible()).toBe(false);
    expect(await page.locator(".coverage-map__hint--touch").isVisible()).toBe(true);
    const dresden = page.locator('a.map-shape[data-ags="14612000"]');
    await dresden.scrollIntoViewIfNeeded();
    await dresden.tap();
    const tooltip = page.locator(".coverage-map__tooltip");
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    expect(await tooltip.textContent()).toContain("Dresden");
    expect(await tooltip.textContent()).toContain("Erneut tippen zum Öffnen");
    expect(new URL(page.url()).pathname).toBe("/");
    await dresden.tap();
    await page.waitForURL(/\/gemeinden\/14612000$/, { waitUntil: "commit" });
  });

  it("shows the keyboard hint, not the touch hint, on a desktop", async () => {
    const page = await browser.open("/", { viewport: DESKTOP });
    await waitForOverview(page);
    expect(await page.locator(".coverage-map__hint--keys").isVisible()).toBe(true);
    expect(await page.locator(".coverage-map__hint--touch").isVisible()).toBe(false);
    // A mouse click opens at once.
    await page.locator('a.map-shape[data-ags="14612000"]').click();
    await page.waitForURL(/\/gemeinden\/14612000$/, { waitUntil: "commit" });
  });
});
