import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/*
 * The municipality's daily workflows on its record (issue 17): a new status starts with empty fields and a
 * wrong entry is corrected in one step (2); own writes move the version on (4); date mistakes are named at
 * the field the user filled, before sending (5). Role: the municipality account of Großenhain, and the
 * answer form behind an update-request link.
 */

const GROSSENHAIN = "14627060";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const OLD_RESOLUTION = "2014-03-20";

interface Detail {
  version: number;
  record: { status: string; councilResolutionDate: string | null; horizonYear: number | null; documentUrl: string | null };
}
interface EventItem {
  id: number;
  status: string | null;
  councilResolutionDate: string | null;
  supersedes: number | null;
  supersededBy: number | null;
}

async function detail(page: Page): Promise<Detail> {
  return (await (await page.request.get(`/api/municipalities/${GROSSENHAIN}`)).json()) as Detail;
}

async function history(page: Page): Promise<EventItem[]> {
  return ((await (await page.request.get(`/api/municipalities/${GROSSENHAIN}/events`)).json()) as { items: EventItem[] }).items;
}

/** Records status events through the API as the signed-in account (the set-up, not what is tested). */
async function record(page: Page, ...events: Record<string, unknown>[]): Promise<void> {
  const token = await csrfToken(page);
  for (const data of events) {
    const { version } = await detail(page);
    const response = await page.request.post(`/api/municipalities/${GROSSENHAIN}/events`, {
      headers: { "if-match": `"${version}"`, "x-csrf-token": token },
      data,
    });
    expect(response.status(), await response.text()).toBe(201);
  }
}

/**
 * The situation: a concept adopted in 2014 (target year 2025) that is being updated; the record
 * carries the 2014 resolution, its target year and document.
 */
async function updatingAnOldConcept(page: Page): Promise<void> {
  if ((await detail(page)).record.status === "council_adopted") await record(page, { type: "status", status: "none" });
  await record(
    page,
    { type: "status", status: "council_adopted", conceptKind: "INSEK", councilResolutionDate: OLD_RESOLUTION, horizonYear: 2025, documentUrl: "https://example.org/insek-2014.pdf" },
    { type: "status", status: "updating", horizonYear: 2025, documentUrl: "https://example.org/insek-2014.pdf" },
  );
  const record_ = (await detail(page)).record;
  expect(record_).toMatchObject({ status: "updating", councilResolutionDate: OLD_RESOLUTION, horizonYear: 2025 });
}

/** A day `days` before today in Saxony, as ISO and as the digits a person types (TTMMJJJJ). */
function daysAgo(days: number): { iso: string; digits: string; german: string } {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const date = new Date(`${today}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  const iso = date.toISOString().slice(0, 10);
  const [y, m, d] = iso.split("-") as [string, string, string];
  return { iso, digits: `${d}${m}${y}`, german: `${d}.${m}.${y}` };
}

async function typeDate(page: Page, label: string, digits: string): Promise<void> {
  const field = page.getByLabel(label, { exact: true });
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.press("Backspace");
  await page.keyboard.type(digits);
}

/** The error text at a field (the kit's `<id>-error`, which the control names in aria-describedby). */
async function errorAt(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label, { exact: true });
  const id = await field.getAttribute("id");
  return (await page.locator(`[id="${id ?? ""}-error"]`).textContent()) ?? "";
}

async function openRecord(page: Page) {
  await page.goto(`/gemeinden/${GROSSENHAIN}`);
  await expect.poll(() => page.getByRole("heading", { level: 2, name: "Stand aktualisieren" }).count(), { timeout: 15_000 }).toBe(1);
}

const save = (page: Page) => page.locator(".record-form").getByRole("button", { name: /speichern$/ }).click();
const savedNotice = (page: Page) => page.locator(".record-form").getByRole("status").textContent();

describe.skipIf(skipE2e)("record workflows of a municipality (issue 17)", () => {
  const browser = useBrowser();

  for (const viewport of [DESKTOP, PHONE]) {
    it(`starts a new status with empty fields and corrects the last entry in one step (${viewport.width} px)`, async () => {
      const page = await browser.open("/gemeinden", { bypassCSP: true });
      await page.setViewportSize(viewport);
      await signIn(page, "municipality");
      await updatingAnOldConcept(page);
      await openRecord(page);

      // "vom Rat beschlossen": the 2014 resolution, its target year and document are not proposed for it.
      await page.getByLabel("Neuer Status *").selectOption("council_adopted");
      expect(await page.getByLabel("Datum des Ratsbeschlusses", { exact: true }).inputValue()).toBe("");
      expect(await page.getByLabel("Zieljahr des Konzepts").inputValue()).toBe("");
      expect(await page.getByLabel("Link zum Dokument (https://…)").inputValue()).toBe("");
      const before = await detail(page);
      await save(page);
      await expect.poll(() => errorAt(page, "Datum des Ratsbeschlusses")).toContain("fehlt das Datum des Ratsbeschlusses");
      expect((await detail(page)).version).toBe(before.version);

      // Saved with a (mistyped) date …
      const wrong = daysAgo(3);
      await typeDate(page, "Datum des Ratsbeschlusses", wrong.digits);
      await save(page);
      await expect.poll(() => savedNotice(page), { timeout: 15_000 }).toContain("Gespeichert");
      expect((await detail(page)).record).toMatchObject({ status: "council_adopted", councilResolutionDate: wrong.iso, horizonYear: null });
      // … the form starts empty again.
      expect(await page.getByLabel("Datum des Ratsbeschlusses", { exact: true }).inputValue()).toBe("");

      // … and corrected in one step: the entry fills the form, its status may be chosen again.
      const corrected = (await history(page)).at(-1);
      await page.getByRole("button", { name: "Letzten Eintrag korrigieren" }).click();
      await expect.poll(() => page.locator(".record-correction").textContent()).toContain("Sie korrigieren den Eintrag „vom Rat beschlossen“");
      expect(await page.getByLabel("Neuer Status *").inputValue()).toBe("council_adopted");
      expect(await page.getByLabel("Datum des Ratsbeschlusses", { exact: true }).inputValue()).toBe(wrong.german);
      await expectNoSeriousAxeViolations(page);
      await screenshot(page, `gemeinde-korrektur-${viewport.width}`);
      const right = daysAgo(5);
      await typeDate(page, "Datum des Ratsbeschlusses", right.digits);
      await page.getByRole("button", { name: "Korrektur speichern" }).click();
      await expect.poll(() => savedNotice(page), { timeout: 15_000 }).toContain("Korrigiert");

      const after = await detail(page);
      expect(after.record).toMatchObject({ status: "council_adopted", councilResolutionDate: right.iso });
      const last = (await history(page)).at(-1);
      expect(last).toMatchObject({ status: "council_adopted", councilResolutionDate: right.iso, supersedes: corrected?.id });
      await expect.poll(() => page.locator(".timeline").textContent()).toContain("korrigiert durch einen späteren Eintrag");
      // Nothing is left over of the correction: the form offers a new change again.
      expect(await page.getByLabel("Neuer Status *").inputValue()).toBe("");
    });
  }

  for (const viewport of [DESKTOP, PHONE]) {
    it(`builds on its own last write: confirm, change, confirm, change without a conflict (${viewport.width} px)`, async () => {
      const page = await browser.open("/gemeinden");
      await page.setViewportSize(viewport);
      await signIn(page, "municipality");
      await openRecord(page);
      const start = await detail(page);

      await page.getByRole("button", { name: "Stand ist weiterhin korrekt" }).click();
      await expect.poll(() => page.locator(".record-confirm").getByRole("status").textContent()).toContain("Bestätigt");
      const first = start.record.status === "none" ? "drafting" : "none";
      await page.getByLabel("Neuer Status *").selectOption(first);
      await save(page);
      await expect.poll(() => savedNotice(page), { timeout: 15_000 }).toContain("Gespeichert");
      expect(await page.locator(".conflict").count()).toBe(0);

      // Right after the change (the page may not have reloaded the record yet), confirm and change again.
      await page.getByRole("button", { name: "Stand ist weiterhin korrekt" }).click();
      await expect.poll(() => page.locator(".record-confirm").getByRole("status").textContent()).toContain("Bestätigt");
      const second = first === "none" ? "drafting" : "none";
      await page.getByLabel("Neuer Status *").selectOption(second);
      await save(page);
      await expect.poll(() => savedNotice(page), { timeout: 15_000 }).toContain("Gespeichert");
      expect(await page.locator(".conflict").count()).toBe(0);

      const end = await detail(page);
      expect(end.version).toBe(start.version + 4);
      expect(end.record.status).toBe(second);
    });
  }

  it("names date mistakes at the field the user filled, before sending (record form, desktop)", async () => {
    const page = await browser.open("/gemeinden", { bypassCSP: true });
    await page.setViewportSize(DESKTOP);
    await signIn(page, "municipality");
    if (!["none", "drafting"].includes((await detail(page)).record.status)) await record(page, { type: "status", status: "none" });
    await openRecord(page);
    const before = await detail(page);
    let posts = 0;
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().endsWith("/events")) posts += 1;
    });

    // A resolution in the future, "Gültig ab" left empty: said at the resolution date, as in the future.
    await page.getByLabel("Neuer Status *").selectOption("council_adopted");
    await typeDate(page, "Datum des Ratsbeschlusses", "01012099");
    await save(page);
    await expect.poll(() => errorAt(page, "Datum des Ratsbeschlusses")).toContain("liegt in der Zukunft");
    expect(await page.getByLabel("Datum des Ratsbeschlusses", { exact: true }).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Gültig ab (leer = heute)").getAttribute("aria-invalid")).toBeNull();
    const summary = page.locator(".record-form .error-summary");
    expect(await summary.textContent()).toContain("Datum des Ratsbeschlusses: Das Datum des Ratsbeschlusses liegt in der Zukunft");
    expect(await summary.textContent()).not.toContain("Gültigkeitsdatum");
    await expectNoSeriousAxeViolations(page);

    // A resolution after the given "Gültig ab": says which two dates disagree.
    await typeDate(page, "Datum des Ratsbeschlusses", daysAgo(2).digits);
    await typeDate(page, "Gültig ab (leer = heute)", daysAgo(4).digits);
    await save(page);
    await expect.poll(() => errorAt(page, "Datum des Ratsbeschlusses")).toContain("liegt nach dem Datum bei „Gültig ab“");

    // "Gültig ab" in the future: at that field, with what to do instead.
    await typeDate(page, "Gültig ab (leer = heute)", "01012099");
    await save(page);
    await expect.poll(() => errorAt(page, "Gültig ab (leer = heute)")).toContain("leer lassen (dann gilt heute)");

    // A half-typed date: named as such at its field.
    await typeDate(page, "Gültig ab (leer = heute)", "0101");
    await save(page);
    await expect.poll(() => errorAt(page, "Gültig ab (leer = heute)")).toContain("TT.MM.JJJJ");

    expect(posts).toBe(0);
    expect((await detail(page)).version).toBe(before.version);
  });

  it("the answer form behind a link starts a new status empty and names a future resolution at its field (phone)", async () => {
    const municipality = await browser.open("/gemeinden");
    await signIn(municipality, "municipality");
    await updatingAnOldConcept(municipality);
    const advisor = await browser.open("/");
    await signIn(advisor, "advisor");
    const response = await advisor.request.post("/api/update-requests", {
      headers: { "x-csrf-token": await csrfToken(advisor) },
      data: { ags: [GROSSENHAIN], validDays: 14 },
    });
    expect(response.status()).toBe(201);
    const link = ((await response.json()) as { requests: { link: string }[] }).requests[0]?.link ?? "";

    const visitor = await browser.open(new URL(link, "http://x").pathname, { bypassCSP: true });
    await visitor.setViewportSize(PHONE);
    await expect.poll(() => visitor.getByRole("heading", { level: 2, name: "Änderung melden" }).count(), { timeout: 15_000 }).toBe(1);
    await visitor.getByLabel("Neuer Status").selectOption("council_adopted");
    expect(await visitor.getByLabel("Datum des Ratsbeschlusses", { exact: true }).inputValue()).toBe("");
    expect(await visitor.getByLabel("Zieljahr").inputValue()).toBe("");
    await visitor.getByRole("button", { name: "Änderung senden" }).click();
    await expect.poll(() => errorAt(visitor, "Datum des Ratsbeschlusses")).toContain("fehlt das Datum des Ratsbeschlusses");

    await typeDate(visitor, "Datum des Ratsbeschlusses", "01012099");
    await visitor.getByRole("button", { name: "Änderung senden" }).click();
    await expect.poll(() => errorAt(visitor, "Datum des Ratsbeschlusses")).toContain("liegt in der Zukunft");
    expect(await visitor.getByLabel("Gültig ab", { exact: true }).getAttribute("aria-invalid")).toBeNull();
    await expectNoSeriousAxeViolations(visitor);
    await screenshot(visitor, "token-ratsbeschluss-zukunft-390");
    // Nothing was sent: the link is still open.
    expect(await visitor.getByRole("button", { name: "Unverändert bestätigen" }).count()).toBe(1);
  });
});
