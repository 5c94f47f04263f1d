import { describe, expect, it } from "vitest";
import { screenshot, skipE2e, useBrowser } from "./support";

describe.skipIf(skipE2e)("municipality detail /gemeinden/:ags", () => {
  const browser = useBrowser();

  it("shows a dissolved municipality with its successor (Ostrau, merged into Jahnatal)", async () => {
    // Ostrau no longer exists, so the list does not show it; its page stays reachable by AGS.
    const page = await browser.open("/gemeinden/14522450");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Ostrau");
    const existence = page.locator(".facts__row", { hasText: "Bestand" }).locator("dd");
    await expect.poll(() => existence.textContent()).toContain("aufgelöst am 01.01.2023");
    const successor = existence.getByRole("link");
    await expect.poll(() => successor.getAttribute("href")).toBe("/gemeinden/14522275");
    await expect.poll(() => successor.textContent()).toBe("Jahnatal");
    await screenshot(page, "gemeinde-aufgeloest");

    await successor.click();
    await page.waitForURL(/\/gemeinden\/14522275$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Jahnatal");
    const predecessors = page.locator(".facts__row", { hasText: "Vorgängergemeinden" });
    await expect
      .poll(() => predecessors.getByRole("link", { name: "Ostrau" }).getAttribute("href"))
      .toBe("/gemeinden/14522450");
  });

  it("shows the association with its members, the erfüllende Gemeinde marked, and links to the filtered list", async () => {
    const page = await browser.open("/gemeinden/14521230");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Gornsdorf");
    const section = page.getByRole("region", { name: "Verwaltungsgemeinschaft / Verwaltungsverband" });
    await expect.poll(() => section.textContent()).toContain("Verwaltungsgemeinschaft Burkhardtsdorf (145215103)");
    const members = section.locator(".association-members li");
    await expect.poll(() => members.allTextContents()).toEqual(["Auerbach", "Burkhardtsdorf (erfüllende Gemeinde)", "Gornsdorf"]);
    await expect.poll(() => section.getByRole("link", { name: "Auerbach" }).getAttribute("href")).toBe("/gemeinden/14521040");
    await screenshot(page, "gemeinde-verwaltungsgemeinschaft");

    await section.getByRole("link", { name: "Mitgliedsgemeinden in der Gemeindeliste zeigen" }).click();
    await page.waitForURL(/\/gemeinden\?association=145215103$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "gefunden" }).textContent()).toBe("3 Gemeinden gefunden");
  });

  it("says when a municipality belongs to no association (Chemnitz)", async () => {
    const page = await browser.open("/gemeinden/14511000");
    const section = page.getByRole("region", { name: "Verwaltungsgemeinschaft / Verwaltungsverband" });
    await expect.poll(() => section.textContent()).toContain("gehört keiner Verwaltungsgemeinschaft");
  });

  it("says so when a municipality does not exist", async () => {
    const page = await browser.open("/gemeinden/14999999", {
      // The browser itself logs the failed fetch of the unknown AGS.
      allowConsoleErrors: [/status of 404/],
    });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Gemeinde nicht gefunden");
    await expect.poll(() => page.title()).toBe("Gemeinde nicht gefunden – INSEK-Monitor Sachsen");
  });
});
