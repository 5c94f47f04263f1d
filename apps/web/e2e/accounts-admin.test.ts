import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, demoPassword, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const NEW_PASSWORD = "ein-langes-Passwort-2026";

/** Fills in and sends the sign-in form with any account (the caller checks the outcome). */
async function signInWith(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

async function signOut(page: Page): Promise<void> {
  await page.locator(".account-menu").getByRole("button", { name: "Abmelden" }).click();
  await expect.poll(() => page.locator(".account-menu").getByRole("link", { name: "Anmelden" }).count()).toBe(1);
}

/**
 * Account administration asks for the password (once per 10 minutes): the dialog opens, a wrong password
 * is refused in it, the right one closes it and the action goes ahead.
 */
async function confirmPasswordInDialog(page: Page, options: { wrongFirst?: boolean } = {}): Promise<void> {
  const dialog = page.getByRole("dialog", { name: "Passwort bestätigen" });
  await expect.poll(() => dialog.count()).toBe(1);
  if (options.wrongFirst) {
    await dialog.getByLabel("Ihr Passwort").fill("nicht-das-Passwort");
    await dialog.getByRole("button", { name: "Bestätigen" }).click();
    await expect.poll(() => dialog.getByRole("alert").textContent()).toContain("Das Passwort ist falsch.");
  }
  await dialog.getByLabel("Ihr Passwort").fill(demoPassword("smr"));
  await dialog.getByRole("button", { name: "Bestätigen" }).click();
  await expect.poll(() => dialog.count()).toBe(0);
}

/** Creates a municipality account on /konten and returns the one-time link shown for it. */
async function createMunicipalityAccount(page: Page, email: string, name: string): Promise<string> {
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Rolle").selectOption("municipality");
  await page.getByLabel("Gemeindeschlüssel (AGS)").fill("14627060");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await confirmPasswordInDialog(page, { wrongFirst: true });
  const link = page.getByRole("textbox", { name: "Link zum Passwort-Setzen", exact: true });
  await expect.poll(() => link.inputValue()).toMatch(/\/passwort-setzen#token=.+/);
  expect(await link.getAttribute("readonly")).not.toBeNull();
  return link.inputValue();
}

describe.skipIf(skipE2e)("account management /konten", () => {
  const browser = useBrowser();

  it("creates an account whose one-time link sets a password once; disabling it stops its login", async () => {
    const page = await browser.open("/gemeinden", {
      // The browser logs the wrong password in the confirmation dialog and the disabled login (401), the
      // duplicate address (409) and the refused second use of the link (410).
      allowConsoleErrors: [/status of 401/, /status of 409/, /status of 410/],
    });
    await signIn(page, "smr");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    await nav.getByRole("link", { name: "Konten" }).click();
    await page.waitForURL(/\/konten$/, { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Konten");
    await expect.poll(() => page.getByRole("row").filter({ hasText: "smr@demo.insek.example" }).count()).toBe(1);

    const email = `gemeinde-${Date.now()}@e2e.insek.example`;
    const link = await createMunicipalityAccount(page, email, "E2E Gemeinde Großenhain");
    const linkBox = page.locator(".one-time-link");
    await expect.poll(() => linkBox.textContent()).toContain("nur jetzt angezeigt");
    await expect.poll(() => linkBox.textContent()).toContain("Gültig bis");
    const row = page.getByRole("row").filter({ hasText: email });
    await expect.poll(() => row.textContent()).toContain("Gemeinde");
    expect(await row.textContent()).toContain("14627060");
    expect(await row.textContent()).toContain("aktiv");

    // The same address again: the server's 409 is shown at the field.
    await page.getByLabel("E-Mail-Adresse").fill(email);
    await page.getByLabel("Name", { exact: true }).fill("Doppelt");
    await page.getByLabel("Gemeindeschlüssel (AGS)").fill("14627060");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Es gibt schon ein Konto mit dieser E-Mail-Adresse.");
    // A malformed AGS never reaches the server.
    await page.getByLabel("Gemeindeschlüssel (AGS)").fill("1462706, 14511000");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Ungültiger Schlüssel: 1462706");
    await screenshot(page, "konten");

    // The new account's holder opens the link in this browser after the admin signed out.
    await signOut(page);
    await page.goto(link);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Passwort setzen");
    await page.getByLabel("Neues Passwort").fill("zu-kurz");
    await page.getByLabel("Passwort wiederholen").fill("zu-kurz");
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Mindestens 12 Zeichen.");
    await page.getByLabel("Neues Passwort").fill(NEW_PASSWORD);
    await page.getByLabel("Passwort wiederholen").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Passwort ist gespeichert" }).count()).toBe(1);
    await page.getByRole("link", { name: "Zur Anmeldung" }).click();
    await page.waitForURL(/\/anmelden$/, { waitUntil: "commit" });

    await signInWith(page, email, NEW_PASSWORD);
    // A municipality account lands on its own municipality's page.
    await page.waitForURL(/\/gemeinden\/14627060$/, { waitUntil: "commit" });
    await expect.poll(() => page.locator(".account-menu").textContent()).toContain("E2E Gemeinde Großenhain");
    await expect.poll(() => nav.getByRole("link", { name: "Meine Gemeinde" }).getAttribute("href")).toBe("/gemeinden/14627060");
    expect(await nav.getByRole("link", { name: "Konten" }).count()).toBe(0);
    await signOut(page);

    // The link works only once.
    await page.goto(link);
    await page.getByLabel("Neues Passwort").fill("noch-ein-Passwort-2026");
    await page.getByLabel("Passwort wiederholen").fill("noch-ein-Passwort-2026");
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Der Link ist abgelaufen oder wurde schon benutzt");

    // The admin disables the account; its login fails from then on.
    await signIn(page, "smr");
    await page.goto("/konten");
    const disabledRow = page.getByRole("row").filter({ hasText: email });
    await disabledRow.getByRole("button", { name: /^Sperren/ }).click();
    // A new sign-in: the password is asked again before the change.
    await confirmPasswordInDialog(page);
    await expect.poll(() => disabledRow.textContent()).toContain("gesperrt");
    expect(await disabledRow.getByRole("button", { name: /^Entsperren/ }).count()).toBe(1);
    await signOut(page);
    // A disabled account answers like a wrong password (no oracle for its password).
    await signInWith(page, email, NEW_PASSWORD);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("E-Mail-Adresse oder Passwort ist falsch.");
    expect(new URL(page.url()).pathname).toBe("/anmelden");
  });

  it("gives a fresh link per row and refuses changes to one's own account", async () => {
    const page = await browser.open("/gemeinden", { allowConsoleErrors: [/status of 422/] });
    await signIn(page, "smr");
    await page.goto("/konten");
    const own = page.getByRole("row").filter({ hasText: "smr@demo.insek.example" });
    await own.getByRole("button", { name: /^Sperren/ }).click();
    // Cancelled first: nothing happens; then confirmed, and the server refuses the change of one's own account.
    const dialog = page.getByRole("dialog", { name: "Passwort bestätigen" });
    await expect.poll(() => dialog.count()).toBe(1);
    await dialog.getByRole("button", { name: "Abbrechen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("weil Ihr Passwort nicht bestätigt wurde");
    await own.getByRole("button", { name: /^Sperren/ }).click();
    await confirmPasswordInDialog(page);
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Das eigene Konto können Sie nicht sperren oder herabstufen.");
    expect(await own.textContent()).toContain("aktiv");

    const advisor = page.getByRole("row").filter({ hasText: "fs-inge@demo.insek.example" });
    await advisor.getByRole("button", { name: /^Link zum Passwort-Setzen erzeugen/ }).click();
    await expect.poll(() => page.getByRole("textbox", { name: "Link zum Passwort-Setzen", exact: true }).inputValue()).toMatch(/\/passwort-setzen#token=.+/);
    await expect.poll(() => page.locator(".one-time-link").textContent()).toContain("FS INGE");

    // An administrator sees an account's API tokens and revokes one (the password is still confirmed).
    const tokenName = `e2e-${Date.now()}`;
    const created = await page.request.post("/api/auth/tokens", {
      headers: { "x-csrf-token": await csrfToken(page) },
      data: { name: tokenName, expiresInDays: 1 },
    });
    expect(created.status()).toBe(201);
    await own.getByRole("button", { name: /^API-Tokens anzeigen/ }).click();
    const tokenRow = page.getByRole("row").filter({ hasText: tokenName });
    await expect.poll(() => tokenRow.textContent()).toContain("aktiv");
    await tokenRow.getByRole("button", { name: /^Widerrufen/ }).click();
    await expect.poll(() => tokenRow.textContent()).toContain("widerrufen am");
    const bearer = await page.request.get("/api/auth/me", {
      headers: { authorization: `Bearer ${((await created.json()) as { token: string }).token}` },
    });
    expect(bearer.status()).toBe(401);
  });

  it("is accessible: /konten, its password dialog and /passwort-setzen", async () => {
    const page = await browser.open("/gemeinden", { bypassCSP: true });
    await signIn(page, "smr");
    await page.goto("/konten");
    await expect.poll(() => page.getByRole("row").filter({ hasText: "smr@demo.insek.example" }).count()).toBe(1);
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Bitte ausfüllen.");
    await expectNoSeriousAxeViolations(page);
    const advisorRow = page.getByRole("row").filter({ hasText: "fs-inge@demo.insek.example" });
    await advisorRow.getByRole("button", { name: /^Link zum Passwort-Setzen erzeugen/ }).click();
    const dialog = page.getByRole("dialog", { name: "Passwort bestätigen" });
    await expect.poll(() => dialog.count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("password");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "konten-passwort-bestaetigen");
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);

    await page.goto("/passwort-setzen#token=not-a-real-token");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Passwort setzen");
    await page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Mindestens 12 Zeichen.");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "passwort-setzen");
  });

  it("shows no Konten to a non-admin and refuses the page; anonymous visitors are sent to sign in", async () => {
    const page = await browser.open("/konten");
    await page.waitForURL(/\/anmelden\?zurueck=%2Fkonten$/, { waitUntil: "commit" });

    await signIn(page, "advisor");
    const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
    await expect.poll(() => page.locator(".account-menu").textContent()).toContain("Angemeldet als");
    expect(await nav.getByRole("link", { name: "Konten" }).count()).toBe(0);
    await page.goto("/konten");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("keine Berechtigung");
    expect(await page.locator("table").count()).toBe(0);
  });
});
