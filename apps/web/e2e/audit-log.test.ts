import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_EMAILS, csrfToken, demoPassword, signIn } from "./accounts";
import { DESKTOP, PHONE, expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/** A municipality no other browser test looks at. */
const MUNICIPALITY = { q: "Markneukirchen", name: "Markneukirchen" };

async function auditTotal(page: Page, query = ""): Promise<number> {
  const response = await page.request.get(`/api/audit?limit=1${query}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { total: number }).total;
}

/** An assignment made and removed again: two audit entries about the municipality, and no data left behind. */
async function assignAndRemove(page: Page, ags: string): Promise<void> {
  const headers = { "x-csrf-token": await csrfToken(page) };
  const today = new Date().toISOString().slice(0, 10);
  const created = await page.request.post("/api/assignments", { headers, data: { advisorEmail: DEMO_EMAILS.advisor, ags, from: today } });
  expect(created.status()).toBe(201);
  const { items } = (await created.json()) as { items: { id: number }[] };
  const id = items[0]?.id;
  expect(id).toBeDefined();
  const removed = await page.request.delete(`/api/assignments/${String(id)}`, { headers });
  expect(removed.status()).toBe(204);
}

async function rowsOf(page: Page): Promise<string[]> {
  return page.locator(".audit-log__table tbody tr").allInnerTexts();
}

describe.skipIf(skipE2e)("audit log /protokoll (SMR)", () => {
  const browser = useBrowser();

  it("filters by municipality, person, action and period, pages, and exports what it shows as CSV (1440 px)", async () => {
    const page = await browser.open("/", { bypassCSP: true, viewport: DESKTOP });
    await signIn(page, "smr");
    const found = await page.request.get(`/api/municipalities?q=${MUNICIPALITY.q}&limit=1`);
    const ags = ((await found.json()) as { items: { ags: string }[] }).items[0]?.ags ?? "";
    expect(ags).toMatch(/^\d{8}$/);
    await assignAndRemove(page, ags);

    // The navigation offers the page to SMR.
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Änderungsprotokoll" }).click();
    await page.waitForURL(/\/protokoll$/);
    await expect.poll(() => page.getByRole("heading", { level: 1, name: "Änderungsprotokoll" }).count()).toBe(1);
    await expect.poll(() => page.locator(".audit-log__table tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);

    // Municipality (picked by name with the keyboard), person and action group together.
    const picker = page.getByRole("combobox", { name: "Gemeinde" });
    await picker.focus();
    await page.keyboard.type(MUNICIPALITY.q);
    await expect.poll(() => page.getByRole("option", { name: new RegExp(MUNICIPALITY.name) }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await page.getByLabel("Person (E-Mail-Adresse)").fill(DEMO_EMAILS.smr);
    await page.getByLabel("Aktion").selectOption({ label: "Zuordnungen" });
    await page.getByRole("button", { name: "Anwenden" }).click();
    await page.waitForURL((url) => url.searchParams.get("ags") === ags && url.searchParams.get("action") === "assignment.*");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Einträge" }).textContent(), { timeout: 15_000 }).toBe("2 Einträge");
    const rows = await rowsOf(page);
    expect(rows[0]).toContain("Zuordnung entfernt");
    expect(rows[1]).toContain("Zuordnung angelegt");
    expect(rows.every((row) => row.includes(DEMO_EMAILS.smr) && row.includes(ags))).toBe(true);
    // The picker shows the name again after a reload (the URL holds the AGS only).
    await page.reload();
    await expect.poll(() => page.getByRole("button", { name: `${MUNICIPALITY.name} entfernen` }).count(), { timeout: 15_000 }).toBe(1);
    await screenshot(page, "protokoll-gefiltert");
    await expectNoSeriousAxeViolations(page);

    // The period: nothing from tomorrow on.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.goto(`/protokoll?ags=${ags}&from=${tomorrow}`);
    await expect.poll(() => page.getByText("Keine Einträge für diese Filter.").count(), { timeout: 15_000 }).toBe(1);

    // The export downloads exactly the filtered entries.
    await page.goto(`/protokoll?ags=${ags}&action=assignment.*`);
    const download = page.getByRole("link", { name: /Als CSV herunterladen/ });
    await expect.poll(() => download.count(), { timeout: 15_000 }).toBe(1);
    const csv = await page.request.get((await download.getAttribute("href")) ?? "");
    expect(csv.status()).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n").filter((line) => line !== "");
    expect(lines[0]).toBe("Zeitpunkt;Person;Konto-ID;Aktion;Ziel;Adresse;Anfrage-ID;Details");
    expect(lines.slice(1).map((line) => line.split(";")[3])).toEqual(["assignment.deleted", "assignment.created"]);

    // Paging: 50 entries a page; confirm the password until there is a second page.
    const headers = { "x-csrf-token": await csrfToken(page) };
    for (let total = await auditTotal(page); total <= 50; total += 1) {
      const confirmed = await page.request.post("/api/auth/reauth", { headers, data: { password: demoPassword("smr") } });
      expect(confirmed.status()).toBe(200);
    }
    // The pages' entries by id, as the page received them (rows of the same minute, person and action read alike).
    const shown: number[][] = [];
    page.on("response", (response) => {
      if (new URL(response.url()).pathname !== "/api/audit" || response.status() !== 200) return;
      void response.json().then((body: { items: { id: number }[] }) => shown.push(body.items.map((item) => item.id)), () => undefined);
    });
    await page.goto("/protokoll");
    const pages = Math.ceil((await auditTotal(page)) / 50);
    await expect.poll(() => page.locator(".audit-log__table caption").textContent(), { timeout: 15_000 }).toBe(`Einträge im Änderungsprotokoll, Seite 1 von ${pages}`);
    expect(await page.locator(".audit-log__table tbody tr").count()).toBe(50);
    await expect.poll(() => shown.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const pageOne = new Set(shown.at(-1));
    expect(pageOne.size).toBe(50);
    await page.getByRole("button", { name: "Nächste Seite" }).click();
    await page.waitForURL((url) => url.searchParams.get("seite") === "2");
    await expect.poll(() => page.locator(".audit-log__table caption").textContent(), { timeout: 15_000 }).toBe(`Einträge im Änderungsprotokoll, Seite 2 von ${pages}`);
    await expect.poll(() => shown.length, { timeout: 15_000 }).toBeGreaterThan(1);
    const pageTwo = shown.at(-1) ?? [];
    expect(pageTwo.length).toBeGreaterThan(0);
    expect(await page.locator(".audit-log__table tbody tr").count()).toBe(pageTwo.length);
    // Page 2 holds the next entries: none of page 1's.
    expect(pageTwo.filter((id) => pageOne.has(id))).toEqual([]);
  });

  it("fits a phone (390 px) without sideways scrolling and stays accessible", async () => {
    const page = await browser.open("/", { bypassCSP: true, viewport: PHONE });
    await signIn(page, "smr");
    await page.goto("/protokoll");
    await expect.poll(() => page.locator(".audit-log__table tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, "protokoll-telefon");
    await expectNoSeriousAxeViolations(page);
  });

  it("is not offered to advisors: no navigation entry, and the page says it is SMR's", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "advisor");
    expect(await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Änderungsprotokoll" }).count()).toBe(0);
    await page.goto("/protokoll");
    await expect.poll(() => page.getByText("Diese Seite steht nur dem SMR zur Verfügung.").count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator(".audit-log__table").count()).toBe(0);
    const refused = await page.request.get("/api/audit");
    expect(refused.status()).toBe(403);
  });
});
