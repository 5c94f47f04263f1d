import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

const GROSSENHAIN = "14627060";
const DRESDEN = "14612000";
const FORM_HEADING = "Stand aktualisieren";

const STATUS_LABELS: Record<string, string> = {
  none: "kein Konzept / keine Angabe",
  drafting: "in Erstellung",
  council_adopted: "vom Rat beschlossen",
  funding_eligible: "als Fördergrundlage anerkannt",
  updating: "in Fortschreibung",
};

interface Detail {
  version: number;
  record: { status: string };
}

async function detail(page: Page, ags: string): Promise<Detail> {
  return (await (await page.request.get(`/api/municipalities/${ags}`)).json()) as Detail;
}

/** A change every status allows without a council resolution date. */
function nextStatus(current: string): string {
  return current === "none" ? "drafting" : "none";
}

function formHeading(page: Page) {
  return page.getByRole("heading", { level: 2, name: FORM_HEADING });
}

async function openDetail(page: Page, ags: string, name: string) {
  await page.goto(`/gemeinden/${ags}`);
  await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
  await expect.poll(() => page.getByRole("heading", { level: 2, name: "Aktueller Stand" }).count()).toBe(1);
}

describe.skipIf(skipE2e)("INSEK record on /gemeinden/:ags", () => {
  const browser = useBrowser();

  it("shows status card and history to anonymous readers, without a form", async () => {
    const page = await browser.open(`/gemeinden/${GROSSENHAIN}`);
    await openDetail(page, GROSSENHAIN, "Großenhain");
    const current = await detail(page, GROSSENHAIN);
    await expect.poll(() => page.locator(".record-card").textContent()).toContain(STATUS_LABELS[current.record.status]);
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Verlauf" }).count()).toBe(1);
    expect(await formHeading(page).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Stand ist weiterhin korrekt" }).count()).toBe(0);
  });

  it("lets SMR write everywhere (form accessible when open)", async () => {
    const page = await browser.open("/gemeinden", {
      bypassCSP: true,
      // The browser logs the rejected write (422).
      allowConsoleErrors: [/status of 422/],
    });
    await signIn(page, "smr");
    await openDetail(page, DRESDEN, "Dresden");
    await expect.poll(() => formHeading(page).count()).toBe(1);

    // The contracts' date rules (no future dates) are checked before sending and shown at their field.
    const dresden = await detail(page, DRESDEN);
    await page.getByLabel("Neuer Status *").selectOption(nextStatus(dresden.record.status));
    await page.getByLabel("Gültig ab (leer = heute)").fill("2099-01-01");
    await page.getByRole("button", { name: "Stand speichern" }).click();
    await expect
      .poll(() => page.locator(".record-form .error-summary").textContent())
      .toContain("Gültig ab (leer = heute): „Gültig ab“ liegt in der Zukunft");
    await expect.poll(() => page.getByLabel("Gültig ab (leer = heute)").getAttribute("aria-invalid")).toBe("true");
    expect((await detail(page, DRESDEN)).version).toBe(dresden.version);
    await openDetail(page, GROSSENHAIN, "Großenhain");
    await expect.poll(() => formHeading(page).count()).toBe(1);
    // SMR may also mark an internal note.
    await expect.poll(() => page.getByLabel("Bemerkung nur für SMR und FS INGE sichtbar").count()).toBe(1);

    // Submitting without a status: summary with a link to the field, focus on the summary.
    await page.getByRole("button", { name: "Stand speichern" }).click();
    const summary = page.locator(".record-form .error-summary");
    await expect.poll(() => summary.textContent()).toContain("Neuer Status *: Pflichtangabe.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "gemeinde-formular-smr");
  });

  it("lets the advisor try, and says so when the municipality is outside the portfolio", async () => {
    const page = await browser.open("/gemeinden", {
      // The browser logs the refused write (403).
      allowConsoleErrors: [/status of 403/],
    });
    await signIn(page, "advisor");
    await openDetail(page, GROSSENHAIN, "Großenhain");
    await expect.poll(() => formHeading(page).count()).toBe(1);

    await openDetail(page, DRESDEN, "Dresden");
    const dresden = await detail(page, DRESDEN);
    await page.getByLabel("Neuer Status *").selectOption(nextStatus(dresden.record.status));
    await page.getByRole("button", { name: "Stand speichern" }).click();
    await expect
      .poll(() => page.locator(".record-form").getByRole("alert").textContent())
      .toBe("Sie dürfen den Stand dieser Gemeinde nicht ändern.");
    expect((await detail(page, DRESDEN)).version).toBe(dresden.version);
  });

  it("lets a municipality account record a change on its own municipality only", async () => {
    const page = await browser.open("/gemeinden");
    await signIn(page, "municipality");
    await openDetail(page, DRESDEN, "Dresden");
    expect(await formHeading(page).count()).toBe(0);

    const before = await detail(page, GROSSENHAIN);
    const summaryBefore = (await (await page.request.get("/api/stats/summary")).json()) as { byStatus: Record<string, number> };
    const target = nextStatus(before.record.status);

    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Meine Gemeinde" }).click();
    await expect.poll(() => formHeading(page).count()).toBe(1);
    // Municipalities cannot recognise funding eligibility, nor write internal notes.
    expect(await page.locator("select[name=status] option[value=funding_eligible]").count()).toBe(0);
    expect(await page.getByLabel("Bemerkung nur für SMR und FS INGE sichtbar").count()).toBe(0);

    await page.getByLabel("Neuer Status *").selectOption(target);
    await page.getByLabel("Bemerkung", { exact: true }).fill("E2E: Statusänderung durch die Gemeinde");
    await page.getByRole("button", { name: "Stand speichern" }).click();
    await expect.poll(() => page.locator(".record-form").getByRole("status").textContent()).toContain("Gespeichert");
    await expect.poll(() => page.locator(".record-card").textContent()).toContain(STATUS_LABELS[target]);
    await expect.poll(() => page.locator(".timeline").textContent()).toContain("E2E: Statusänderung durch die Gemeinde");

    const after = await detail(page, GROSSENHAIN);
    expect(after.record.status).toBe(target);
    expect(after.version).toBeGreaterThan(before.version);
    const summaryAfter = (await (await page.request.get("/api/stats/summary")).json()) as { byStatus: Record<string, number> };
    expect(summaryAfter.byStatus[target]).toBe((summaryBefore.byStatus[target] ?? 0) + 1);

    // The list shows the new status as text.
    await page.goto(`/gemeinden?q=${GROSSENHAIN}`);
    const row = page.locator("tbody tr", { hasText: "Großenhain" });
    await expect.poll(() => row.textContent()).toContain(STATUS_LABELS[target]);
  });

  it("shows a conflict and re-applies the entries on the new version", async () => {
    const page = await browser.open("/gemeinden", {
      // The browser logs the 412 of the first attempt.
      allowConsoleErrors: [/status of 412/],
    });
    await signIn(page, "municipality");
    await openDetail(page, GROSSENHAIN, "Großenhain");
    await expect.poll(() => formHeading(page).count()).toBe(1);
    const seen = await detail(page, GROSSENHAIN);

    // Meanwhile the same account confirms the record through the API (another tab, say).
    const background = await page.request.post(`/api/municipalities/${GROSSENHAIN}/events`, {
      headers: { "if-match": `"${seen.version}"`, "x-csrf-token": await csrfToken(page) },
      data: { type: "confirmation" },
    });
    expect(background.status()).toBe(201);

    const target = nextStatus(seen.record.status);
    await page.getByLabel("Neuer Status *").selectOption(target);
    await page.getByRole("button", { name: "Stand speichern" }).click();
    const conflict = page.locator(".conflict");
    await expect.poll(() => conflict.textContent()).toContain("Jemand hat den Stand inzwischen geändert.");
    await expect.poll(() => conflict.textContent()).toContain(`Sie haben Version ${seen.version} gesehen`);
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("conflict"))).toBe(true);
    await screenshot(page, "gemeinde-konflikt");

    await conflict.getByRole("button", { name: /Meine Angaben auf Version \d+ anwenden/ }).click();
    await expect.poll(() => page.locator(".record-form").getByRole("status").textContent()).toContain("Gespeichert");
    expect((await detail(page, GROSSENHAIN)).record.status).toBe(target);
  });

  it("confirms the record with one click", async () => {
    const page = await browser.open("/gemeinden");
    await signIn(page, "municipality");
    await openDetail(page, GROSSENHAIN, "Großenhain");
    const before = await detail(page, GROSSENHAIN);
    await page.getByRole("button", { name: "Stand ist weiterhin korrekt" }).click();
    await expect.poll(() => page.locator(".record-confirm").getByRole("status").textContent()).toContain("Bestätigt");
    const after = await detail(page, GROSSENHAIN);
    expect(after.version).toBe(before.version + 1);
    expect(after.record.status).toBe(before.record.status);
    await expect.poll(() => page.locator(".timeline").textContent()).toContain("Stand bestätigt");
  });
});

describe.skipIf(skipE2e)("municipality list: status, currency, exports", () => {
  const browser = useBrowser();

  it("filters by status in the URL and exports exactly that", async () => {
    const page = await browser.open("/gemeinden?status=council_adopted&sort=-population", { bypassCSP: true });
    await expect.poll(() => page.getByRole("columnheader", { name: "Status" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("columnheader", { name: "Aktualität" }).count()).toBe(1);
    await expect.poll(() => page.getByLabel("Status", { exact: true }).inputValue()).toBe("council_adopted");
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(0);
    const statuses = await page.locator("tbody tr td .status-label").allTextContents();
    expect(new Set(statuses)).toEqual(new Set(["vom Rat beschlossen"]));

    // Checkboxes are controlled by the URL, which updates right after the click.
    await page.getByLabel("nur Konzepte, die bald ablaufen").click();
    await page.waitForURL(/expiring=true/, { waitUntil: "commit" });
    await expect.poll(() => page.getByLabel("nur Konzepte, die bald ablaufen").isChecked()).toBe(true);
    expect(new URL(page.url()).searchParams.get("status")).toBe("council_adopted");
    await page.getByLabel("nur Konzepte, die bald ablaufen").click();
    await page.waitForURL((url) => !url.search.includes("expiring"), { waitUntil: "commit" });

    const csv = page.getByRole("link", { name: "CSV" });
    await expect.poll(() => csv.getAttribute("href")).toBe(
      "/api/export/municipalities.csv?status=council_adopted&sort=-population",
    );
    expect(await page.getByRole("link", { name: "Excel (XLSX)" }).getAttribute("href")).toBe(
      "/api/export/municipalities.xlsx?status=council_adopted&sort=-population",
    );
    expect(await page.getByRole("link", { name: "GeoJSON" }).getAttribute("href")).toBe(
      "/api/export/municipalities.geojson?status=council_adopted&sort=-population",
    );

    const response = await page.request.get((await csv.getAttribute("href")) ?? "");
    expect(response.status()).toBe(200);
    const body = await response.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString("utf8").slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]?.split(";").slice(0, 2)).toEqual(["AGS", "Gemeinde"]);
    const total = Number((await page.locator(".result-count").textContent())?.match(/\d+/)?.[0]);
    expect(lines.length - 1).toBe(total);

    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "gemeinden-status");
  });
});
