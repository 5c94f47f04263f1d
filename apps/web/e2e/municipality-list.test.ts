import { describe, expect, it } from "vitest";
import { rowNames, screenshot, skipE2e, useBrowser } from "./support";

describe.skipIf(skipE2e)("municipality list /gemeinden", () => {
  const browser = useBrowser();

  it("lists all 418 municipalities of today, 50 per page", async () => {
    const page = await browser.open("/gemeinden");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gefunden" }).textContent()).toBe(
      "418 Gemeinden gefunden",
    );
    expect(await page.locator("table tbody tr").count()).toBe(50);
    await expect.poll(() => page.getByText("Seite 1 von 9").count()).toBe(1);
    await expect.poll(() => page.title()).toBe("Gemeinden – INSEK-Monitor Sachsen");
    await screenshot(page, "gemeinden");
  });

  it("finds Großenhain when searching without umlaut", async () => {
    const page = await browser.open("/gemeinden");
    await page.getByLabel("Suche nach Name oder Gemeindeschlüssel (AGS)").fill("grossenhain");
    await page.waitForURL(/[?&]q=grossenhain/, { waitUntil: "commit" });
    await expect.poll(() => rowNames(page)).toContain("Großenhain");
    const link = page.getByRole("link", { name: "Großenhain", exact: true });
    await expect.poll(() => link.getAttribute("href")).toMatch(/^\/gemeinden\/\d{8}$/);
  });

  it("keeps the district filter in the URL across a reload", async () => {
    const page = await browser.open("/gemeinden");
    const district = page.getByLabel("Landkreis / Kreisfreie Stadt");
    await expect.poll(() => district.locator("option").count()).toBe(14);
    await district.selectOption({ label: "Meißen" });
    await page.waitForURL(/[?&]district=14627/, { waitUntil: "commit" });
    await expect.poll(() => page.locator("table tbody tr td:nth-child(4)").allTextContents()).toSatisfy(
      (districts: string[]) => districts.length > 0 && districts.every((name) => name === "Meißen"),
    );
    const countBefore = await page.getByRole("status").filter({ hasText: "gefunden" }).textContent();

    await page.reload();
    await expect.poll(() => district.inputValue()).toBe("14627");
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gefunden" }).textContent()).toBe(countBefore);
    expect(countBefore).not.toContain("418");
  });

  it("filters by Verwaltungsgemeinschaft / -verband: the five members of Am Klosterwasser, kept across a reload", async () => {
    const page = await browser.open("/gemeinden");
    const association = page.getByLabel("Verwaltungsgemeinschaft / -verband");
    await expect.poll(() => association.locator("option").count()).toBe(71);
    await association.selectOption({ label: "Am Klosterwasser (VV)" });
    await page.waitForURL(/[?&]association=146255501/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gefunden" }).textContent()).toBe(
      "5 Gemeinden gefunden",
    );
    await expect.poll(() => rowNames(page)).toEqual(["Crostwitz", "Nebelschütz", "Panschwitz-Kuckau", "Räckelwitz", "Ralbitz-Rosenthal"]);
    const csv = page.getByRole("link", { name: /CSV/ }).first();
    await expect.poll(() => csv.getAttribute("href")).toContain("association=146255501");
    await screenshot(page, "gemeinden-verwaltungsverband");

    await page.reload();
    await expect.poll(() => association.inputValue()).toBe("146255501");
    await expect.poll(() => rowNames(page)).toHaveLength(5);
  });

  it("sorts by population, largest first, with Leipzig on top", async () => {
    const page = await browser.open("/gemeinden");
    await expect.poll(() => rowNames(page)).toHaveLength(50);
    const header = page.getByRole("columnheader", { name: "Einwohner" });
    await header.getByRole("button").click();
    await page.waitForURL(/[?&]sort=-population/, { waitUntil: "commit" });
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("descending");
    await expect.poll(async () => (await rowNames(page))[0]).toBe("Leipzig");
    await expect.poll(async () => (await rowNames(page)).slice(0, 3)).toEqual(["Leipzig", "Dresden", "Chemnitz"]);

    await header.getByRole("button").click();
    await page.waitForURL(/[?&]sort=population/, { waitUntil: "commit" });
    await expect.poll(() => header.getAttribute("aria-sort")).toBe("ascending");
  });

  it("pages forward and back, and the page survives a reload", async () => {
    const page = await browser.open("/gemeinden");
    await expect.poll(() => rowNames(page)).toHaveLength(50);
    const firstPage = await rowNames(page);

    await page.getByRole("button", { name: "Nächste Seite" }).click();
    await page.waitForURL(/[?&]page=2/, { waitUntil: "commit" });
    await expect.poll(() => page.getByText("Seite 2 von 9").count()).toBe(1);
    await expect.poll(async () => (await rowNames(page))[0]).not.toBe(firstPage[0]);
    const secondPage = await rowNames(page);
    expect(secondPage.some((name) => firstPage.includes(name))).toBe(false);

    await page.reload();
    await expect.poll(() => rowNames(page)).toEqual(secondPage);

    await page.goto("/gemeinden?page=9");
    await expect.poll(() => page.locator("table tbody tr").count()).toBe(18);
    await expect
      .poll(() => page.getByRole("button", { name: "Nächste Seite" }).getAttribute("aria-disabled"))
      .toBe("true");

    await page.getByRole("button", { name: "Vorherige Seite" }).click();
    await page.waitForURL(/[?&]page=8/, { waitUntil: "commit" });
  });

  it("opens the detail page from a row link", async () => {
    const page = await browser.open("/gemeinden?q=Leipzig");
    await expect.poll(() => rowNames(page)).toContain("Leipzig");
    await page.getByRole("link", { name: "Leipzig", exact: true }).click();
    await page.waitForURL(/\/gemeinden\/14713000$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Leipzig");
    await expect.poll(() => page.title()).toBe("Leipzig – INSEK-Monitor Sachsen");
  });
});
