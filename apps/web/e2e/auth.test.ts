import { describe, expect, it } from "vitest";
import { DEMO_EMAILS, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

describe.skipIf(skipE2e)("sign-in /anmelden", () => {
  const browser = useBrowser();

  it("is accessible and reports errors at the fields and in a summary", async () => {
    const page = await browser.open("/anmelden", {
      bypassCSP: true,
      // The browser itself logs the rejected login (401).
      allowConsoleErrors: [/status of 401/],
    });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Anmelden");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "anmelden");

    await page.getByRole("button", { name: "Anmelden" }).click();
    const summary = page.getByRole("alert");
    await expect.poll(() => summary.textContent()).toContain("E-Mail-Adresse: Bitte ausfüllen.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await expect.poll(() => page.getByLabel("E-Mail-Adresse").getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("E-Mail-Adresse").fill(DEMO_EMAILS.smr);
    await page.getByLabel("Passwort").fill("not-the-password");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await expect.poll(() => summary.textContent()).toContain("E-Mail-Adresse oder Passwort ist falsch.");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "anmelden-fehler");
  });

  it("signs in and out; the navigation follows the role", async () => {
    const page = await browser.open("/gemeinden");
    // Anonymous visitors get a sign-in link and no "Meine Gemeinde".
    await expect.poll(() => page.locator(".account-menu").getByRole("link", { name: "Anmelden" }).count()).toBe(1);

    await signIn(page, "municipality");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    const mine = nav.getByRole("link", { name: "Meine Gemeinde" });
    await expect.poll(() => mine.getAttribute("href")).toBe("/gemeinden/14627060");
    await expect.poll(() => page.locator(".account-menu").textContent()).toContain("Stadt Großenhain (Demo)");

    // The session survives a reload (restored from GET /api/auth/me).
    await page.reload();
    await expect.poll(() => page.locator(".account-menu").textContent()).toContain("Stadt Großenhain (Demo)");

    await page.getByRole("button", { name: "Abmelden" }).click();
    await expect.poll(() => page.locator(".account-menu").getByRole("link", { name: "Anmelden" }).count()).toBe(1);
    await expect.poll(() => nav.getByRole("link", { name: "Meine Gemeinde" }).count()).toBe(0);
    expect((await page.request.get("/api/auth/me")).status()).toBe(401);
  });

  it("shows no Meine Gemeinde to SMR", async () => {
    const page = await browser.open("/gemeinden");
    await signIn(page, "smr");
    await expect.poll(() => page.locator(".account-menu").textContent()).toContain("SMR Demo (Administration)");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    expect(await nav.getByRole("link", { name: "Meine Gemeinde" }).count()).toBe(0);
  });
});
