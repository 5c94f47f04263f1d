import { describe, expect, it } from "vitest";
import { skipE2e, useBrowser } from "./support";

describe.skipIf(skipE2e)("app shell and navigation", () => {
  const browser = useBrowser();

  it("reaches the skip link first with Tab, and the skip link moves focus to main", async () => {
    const page = await browser.open("/");
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Zum Inhalt springen");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("shows the overview with statewide figures and the 13 districts", async () => {
    const page = await browser.open("/");
    await expect.poll(() => page.title()).toBe("Übersicht – INSEK-Monitor Sachsen");
    const table = page.getByRole("table", { name: /je Landkreis/ });
    await expect.poll(() => table.locator("tbody tr").count()).toBe(13);
    await expect.poll(() => table.locator("tfoot tr td").nth(1).textContent()).toBe("418");
    const meissen = table.getByRole("link", { name: "Meißen" });
    await expect.poll(() => meissen.getAttribute("href")).toBe("/gemeinden?district=14627");
    await meissen.click();
    await page.waitForURL(/\/gemeinden\?district=14627$/, { waitUntil: "commit" });
  });

  it("switches the language to English and remembers it", async () => {
    const page = await browser.open("/");
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Overview");
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    await page.reload();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Overview");
    await page.getByRole("button", { name: "Deutsch" }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("de");
  });

  it("says on every page that the embedded server shows made-up demo data", async () => {
    const page = await browser.open("/");
    const banner = page.getByRole("status").filter({ hasText: "Demo-Daten:" });
    await expect
      .poll(() => banner.textContent())
      .toBe("Demo-Daten: Die angezeigten Stände sind erfunden und dienen nur der Vorführung.");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Gemeinden" }).click();
    await page.waitForURL(/\/gemeinden$/, { waitUntil: "commit" });
    await expect.poll(() => banner.isVisible()).toBe(true);
    await page.getByRole("button", { name: "English" }).click();
    await expect
      .poll(() => page.getByRole("status").filter({ hasText: "Demo data:" }).textContent())
      .toBe("Demo data: the statuses shown are made up for demonstration only.");
    await page.getByRole("button", { name: "Deutsch" }).click();
  });

  it("links the footer pages and answers unknown paths with a 404 page", async () => {
    const page = await browser.open("/gemeinden");
    await page.getByRole("contentinfo").getByRole("link", { name: "Barrierefreiheit" }).click();
    await page.waitForURL(/\/barrierefreiheit$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Erklärung zur Barrierefreiheit",
    );
    await expect.poll(() => page.getByRole("link", { name: "barrierefreiheit@smr.sachsen.de" }).count()).toBe(1);

    await page.goto("/gibt-es-nicht");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Seite nicht gefunden");
  });
});
