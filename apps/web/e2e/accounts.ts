import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { e2e } from "./support";

export const DEMO_EMAILS = {
  smr: "smr@demo.insek.example",
  advisor: "fs-inge@demo.insek.example",
  municipality: "grossenhain@demo.insek.example",
} as const;
export type DemoRole = keyof typeof DEMO_EMAILS;

/** The demo passwords the embedded server wrote to DATA_DIR/demo-accounts.txt at its first start. */
export function demoPassword(role: DemoRole): string {
  if (!e2e) throw new Error("the e2e suite is not enabled");
  const text = readFileSync(join(e2e.dataDir, "demo-accounts.txt"), "utf8");
  const line = text.split("\n").find((candidate) => candidate.includes(DEMO_EMAILS[role]));
  const password = line?.trim().split(/\s+/).at(-1);
  if (!password) throw new Error(`no demo password for ${role}`);
  return password;
}

/** Where each demo role lands after signing in (issue #17): its own start page. */
export const LANDING: Record<DemoRole, RegExp> = {
  smr: /\/$/,
  advisor: /\/meine-kommunen$/,
  municipality: /\/gemeinden\/14627060$/,
};

/** Signs in through the form on /anmelden, as a person would, and waits for the role's start page. */
export async function signIn(page: Page, role: DemoRole): Promise<void> {
  await page.goto("/anmelden");
  await page.getByLabel("E-Mail-Adresse").fill(DEMO_EMAILS[role]);
  await page.getByLabel("Passwort").fill(demoPassword(role));
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL(LANDING[role], { waitUntil: "commit" });
  await expect.poll(() => page.locator(".account-menu").textContent()).toContain("Angemeldet als");
}

/** The session's CSRF token, for writes through page.request with the same cookies. */
export async function csrfToken(page: Page): Promise<string> {
  const response = await page.request.get("/api/auth/me");
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { csrfToken: string };
  return body.csrfToken;
}
