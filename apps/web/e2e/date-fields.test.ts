import type { Locator, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/*
 * Every date field of the app is typed as TT.MM.JJJJ, digits only, whatever the browser's language, and
 * keeps what is typed (no jumping while a year is half typed); the app gets ISO dates.
 */

const GROSSENHAIN = "14627060";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/** "31122024" as it shows after each digit: the mask adds the dots as the digits arrive. */
function masked(digits: string): string[] {
  return digits.split("").map((_, index) => {
    const d = digits.slice(0, index + 1);
    if (d.length <= 2) return d;
    if (d.length <= 4) return `${d.slice(0, 2)}.${d.slice(2)}`;
    return `${d.slice(0, 2)}.${d.slice(2, 4)}.${d.slice(4)}`;
  });
}

/** Empties the field, then types the digits one by one, checking after each that the field shows them, unmoved. */
async function typeDigits(page: Page, field: Locator, digits: string): Promise<void> {
  await field.click();
  await field.press("ControlOrMeta+a");
  await field.press("Backspace");
  await expect.poll(() => field.inputValue()).toBe("");
  for (const [index, expected] of masked(digits).entries()) {
    await page.keyboard.type(digits[index] ?? "");
    await expect.poll(() => field.inputValue()).toBe(expected);
  }
}

/** Every date field on the page: none is the browser's own date input; each takes digits as TT.MM.JJJJ. */
async function typeIntoEveryDateField(page: Page, container: Locator, digits: string, expectedCount: number): Promise<void> {
  expect(await page.locator('input[type="date"]').count()).toBe(0);
  const fields = container.locator("input.date-input");
  await expect.poll(() => fields.count(), { timeout: 15_000 }).toBe(expectedCount);
  for (let index = 0; index < expectedCount; index += 1) {
    const field = fields.nth(index);
    await typeDigits(page, field, digits);
    // The format is said beside the field (its hint), and the label names the field.
    const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
    const hint = await page.locator(`[id="${describedBy.split(" ")[0] ?? ""}"]`).textContent();
    expect(hint).toContain("TT.MM.JJJJ");
    await page.keyboard.press("Tab");
    expect(await field.getAttribute("aria-invalid")).toBeNull();
  }
}

function fieldByLabel(page: Page, label: string | RegExp): Locator {
  return page.getByLabel(label, { exact: typeof label === "string" });
}

describe.skipIf(skipE2e)("date fields: typed as TT.MM.JJJJ everywhere", () => {
  const browser = useBrowser();

  for (const viewport of [DESKTOP, PHONE]) {
    it(`types "Stand am" and "Vergleichen mit" on the overview without jumping, in an English browser too (${viewport.width} px)`, async () => {
      const page = await browser.open("/", { bypassCSP: true, locale: "en-US" });
      await page.setViewportSize(viewport);
      // On a phone the date and filter fields are folded behind one button (issue 17, point 14).
      if (viewport.width === PHONE.width) await page.getByRole("button", { name: "Stichtag und Filter ändern" }).click();
      const asOf = fieldByLabel(page, "Stand am");
      await expect.poll(() => asOf.count(), { timeout: 15_000 }).toBe(1);
      // Shown as TT.MM.JJJJ although the browser speaks American English.
      expect(await asOf.inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);

      await typeDigits(page, asOf, "01022024");
      await page.waitForURL(/asOf=2024-02-01/, { waitUntil: "commit" });
      const compare = fieldByLabel(page, "Vergleichen mit");
      await typeDigits(page, compare, "31122022");
      await page.waitForURL(/compare=2022-12-31/, { waitUntil: "commit" });
      expect(await asOf.inputValue()).toBe("01.02.2024");
      expect(new URL(page.url()).searchParams.get("asOf")).toBe("2024-02-01");

      // A date after today is said at the field, and the dashboard keeps the day it shows.
      await typeDigits(page, asOf, "01012099");
      await page.keyboard.press("Tab");
      await expect.poll(() => asOf.getAttribute("aria-invalid")).toBe("true");
      expect(await page.locator(`[id="${(await asOf.getAttribute("aria-describedby"))?.split(" ").at(-1) ?? ""}"]`).textContent()).toContain(
        "Bitte ein Datum vom 01.01.",
      );
      expect(new URL(page.url()).searchParams.get("asOf")).toBe("2024-02-01");
      await expectNoSeriousAxeViolations(page);
      await screenshot(page, `datum-uebersicht-${viewport.width}`);

      // The English UI says the format in English and still shows DD.MM.YYYY.
      await page.getByRole("button", { name: "English" }).click();
      await expect.poll(() => page.getByText("Format: DD.MM.YYYY", { exact: false }).count()).toBeGreaterThan(0);
      expect(await fieldByLabel(page, /Compare with/).inputValue()).toBe("31.12.2022");
    });
  }

  it("types the record form's dates (municipality, /gemeinden/:ags, desktop and phone)", async () => {
    const page = await browser.open("/gemeinden");
    await signIn(page, "municipality");
    for (const viewport of [DESKTOP, PHONE]) {
      await page.setViewportSize(viewport);
      await page.goto(`/gemeinden/${GROSSENHAIN}`);
      await typeIntoEveryDateField(page, page.locator(".record-form"), "15032021", 2);
      expect(await fieldByLabel(page, "Gültig ab (leer = heute)").inputValue()).toBe("15.03.2021");
      expect(await fieldByLabel(page, "Datum des Ratsbeschlusses").inputValue()).toBe("15.03.2021");
    }
  });

  it("types the dates of the answer form behind an update-request link (no account)", async () => {
    const advisor = await browser.open("/");
    await signIn(advisor, "advisor");
    const response = await advisor.request.post("/api/update-requests", {
      headers: { "x-csrf-token": await csrfToken(advisor) },
      data: { ags: [GROSSENHAIN], validDays: 14 },
    });
    expect(response.status()).toBe(201);
    const created = (await response.json()) as { requests: { link: string }[] };
    const visitor = await browser.open(new URL(created.requests[0]?.link ?? "", "http://x").pathname, { bypassCSP: true });
    await visitor.setViewportSize(PHONE);
    await typeIntoEveryDateField(visitor, visitor.locator(".record-form"), "01102026", 2);
    expect(await fieldByLabel(visitor, "Gültig ab").inputValue()).toBe("01.10.2026");
    await expectNoSeriousAxeViolations(visitor);
  });

  it("types every date of the consultations page and the assignments (advisor and SMR)", async () => {
    const page = await browser.open("/");
    await page.setViewportSize(DESKTOP);
    await signIn(page, "advisor");
    await page.goto("/beratungen");
    // Consultation form (date, next contact), log filter (from, to), statistics (from, to).
    await typeIntoEveryDateField(page, page.locator("main"), "02112026", 6);
    const stats = page.getByRole("region", { name: "Aktivitätsstatistik" });
    await expect.poll(() => stats.locator("input.date-input").first().inputValue()).toBe("02.11.2026");

    const smr = await browser.open("/");
    await smr.setViewportSize(DESKTOP);
    await signIn(smr, "smr");
    await smr.goto("/beratungen/zuordnungen");
    await typeIntoEveryDateField(smr, smr.locator("main"), "01012027", 2);
  });
});
