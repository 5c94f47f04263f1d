import { associationDetailSchema, municipalityListSchema, summarySchema } from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DESKTOP, PHONE, expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/**
 * Issue #14: the association (Verwaltungsgemeinschaft / -verband) as a filter of the overview. The key
 * figures, the charts' statistics and the map's highlight follow it, the URL keeps it, the print
 * footer names it, and the phone's folded filters offer it.
 */

const KLOSTERWASSER = "146255501";
const OSTRAU_VG = "145225123";
const LABEL = "Verwaltungsgemeinschaft / -verband";

const integer = (value: number) => new Intl.NumberFormat("de-DE").format(value);
const figure = (page: Page, key: string) => page.locator(`[data-figure="${key}"] .figures__value`);

async function apiGet<T>(page: Page, url: string, schema: { parse: (input: unknown) => T }): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return schema.parse(await response.json());
}

/** The association's members on `asOf` according to GET /api/associations/:key. */
async function membersOn(page: Page, key: string, asOf: string): Promise<string[]> {
  const detail = await apiGet(page, `/api/associations/${key}`, associationDetailSchema);
  return detail.members
    .filter((m) => (m.validFrom === null || m.validFrom <= asOf) && (m.validTo === null || m.validTo > asOf))
    .map((m) => m.ags)
    .sort();
}

async function waitForMap(page: Page) {
  await figure(page, "total").waitFor();
  await expect.poll(() => page.locator("a.map-shape").count(), { timeout: 20_000 }).toBeGreaterThan(400);
}

describe.skipIf(skipE2e)("Übersicht: filter by association", () => {
  const browser = useBrowser();

  it("choosing an association shows its member count in the key figures, highlights its members, keeps it in the URL; axe clean", async () => {
    const page = await browser.open("/", { viewport: DESKTOP, bypassCSP: true });
    await waitForMap(page);
    const today = (await apiGet(page, "/api/stats/summary", summarySchema)).asOf;
    const members = await membersOn(page, KLOSTERWASSER, today);
    expect(members.length).toBeGreaterThan(1);
    const statewide = (await figure(page, "total").textContent()) ?? "";
    expect(statewide).not.toBe(integer(members.length));

    await page.getByLabel(LABEL).selectOption(KLOSTERWASSER);
    await page.waitForURL(new RegExp(`association=${KLOSTERWASSER}`), { waitUntil: "commit" });
    await expect.poll(() => figure(page, "total").textContent(), { timeout: 20_000 }).toBe(integer(members.length));
    // The same number as the list filtered by the association.
    const list = await apiGet(page, `/api/municipalities?association=${KLOSTERWASSER}&limit=500`, municipalityListSchema);
    expect(list.items.map((i) => i.ags).sort()).toEqual(members);
    // Covered and the statuses: the association's own figures.
    const summary = await apiGet(page, `/api/stats/summary?association=${KLOSTERWASSER}`, summarySchema);
    await expect.poll(() => figure(page, "covered").textContent()).toBe(integer(summary.covered.count));
    // The map highlights exactly the members.
    await expect
      .poll(async () =>
        (await page.locator("a.map-shape:not(.map-shape--dim)").evaluateAll((els) => els.map((el) => el.getAttribute("data-ags") ?? ""))).sort(),
      )
      .toEqual(members);
    // The figures lead to the list of the same association.
    await expect
      .poll(() => page.locator('[data-figure="covered"] .figures__link a').getAttribute("href"))
      .toBe(`/gemeinden?association=${KLOSTERWASSER}&current=true`);
    await expect.poll(() => page.locator(".dashboard-filters").textContent()).toContain("Am Klosterwasser");
    await page.locator(".chart-panel").first().waitFor();
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-verwaltungsverband");

    // Printed: the footer names the filter.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".print-footer").textContent()).toContain("Gefiltert: Am Klosterwasser");
    await page.emulateMedia({ media: "screen" });

    // Reset clears it.
    await page.getByRole("button", { name: "Filter zurücksetzen" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("association")).toBeNull();
    await expect.poll(() => figure(page, "total").textContent(), { timeout: 20_000 }).toBe(statewide);
  });

  it("counts the members of the date: VG Ostrau on 31.12.2022", async () => {
    const page = await browser.open(`/?asOf=2022-12-31&association=${OSTRAU_VG}`, { viewport: DESKTOP });
    await waitForMap(page);
    const members = await membersOn(page, OSTRAU_VG, "2022-12-31");
    expect(members).toHaveLength(2);
    await expect.poll(() => figure(page, "total").textContent(), { timeout: 20_000 }).toBe(integer(2));
    await expect.poll(() => page.getByLabel(LABEL).inputValue()).toBe(OSTRAU_VG);
    // The day after the merger the association has no members left.
    const after = await apiGet(page, `/api/stats/summary?asOf=2023-01-01&association=${OSTRAU_VG}`, summarySchema);
    expect(after.total).toBe(0);
  });

  it("offers the association in the phone's folded filters", async () => {
    const page = await browser.open("/", { viewport: PHONE, touch: true, bypassCSP: true });
    await waitForMap(page);
    expect(await page.getByLabel(LABEL).isVisible()).toBe(false);
    await page.getByRole("button", { name: "Stichtag und Filter ändern" }).click();
    const select = page.getByLabel(LABEL);
    expect(await select.isVisible()).toBe(true);
    await select.selectOption(KLOSTERWASSER);
    await page.waitForURL(new RegExp(`association=${KLOSTERWASSER}`), { waitUntil: "commit" });
    const members = await apiGet(page, `/api/stats/summary?association=${KLOSTERWASSER}`, summarySchema);
    await expect.poll(() => figure(page, "total").textContent(), { timeout: 20_000 }).toBe(integer(members.total));
    await expectNoSeriousAxeViolations(page);
  });
});
