import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_EMAILS, csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/*
 * Issue 17, the advisory workflows, in the roles they concern: the advisor reviews an answer beside today's
 * record (1), SMR keeps municipality contacts and sends a campaign after seeing who it goes to, with counts of
 * what happened (3), SMR assigns an advisor chosen from a list and sees a district as one row (11), the advisor
 * sees which communes were never contacted (12). Desktop 1440 px and phone 390 px. The suite's files share one
 * server: this file uses the Vogtlandkreis and the Erzgebirgskreis, which no other file touches.
 */

const VOGTLANDKREIS = "14523";
const ERZGEBIRGSKREIS = "14521";
const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

async function heading(page: Page, level: 1 | 2 | 3, name: string | RegExp) {
  await expect.poll(() => page.getByRole("heading", { level, name }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** The page does not scroll sideways: wide tables scroll inside their own container. */
async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page, "page width").toBeLessThanOrEqual(widths.viewport + 1);
}

interface PortfolioItem {
  ags: string;
  name: string;
  record: { status: string };
  pendingReviews: number;
  neverContacted: boolean;
}

async function portfolioOf(page: Page): Promise<PortfolioItem[]> {
  const response = await page.request.get("/api/portfolio");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { items: PortfolioItem[] }).items;
}

describe.skipIf(skipE2e)("advisory workflows (issue 17)", () => {
  const browser = useBrowser();

  it("1: the advisor sees what was reported beside today's record, field by field, before accepting", async () => {
    const advisor = await browser.open("/", { bypassCSP: true });
    await advisor.setViewportSize(DESKTOP);
    await signIn(advisor, "advisor");
    const candidate = (await portfolioOf(advisor))
      .filter((item) => item.ags.startsWith("14627") && item.record.status === "none" && item.pendingReviews === 0)
      .at(-1);
    expect(candidate, "a Meißen municipality without a concept").toBeDefined();
    if (!candidate) return;
    const created = await advisor.request.post("/api/update-requests", {
      headers: { "x-csrf-token": await csrfToken(advisor) },
      data: { ags: [candidate.ags], validDays: 14 },
    });
    expect(created.status()).toBe(201);
    const link = ((await created.json()) as { requests: { link: string }[] }).requests[0]?.link ?? "";
    const answered = await advisor.request.post(`/api/update-requests/by-token/${new URL(link).pathname.split("/").at(-1) ?? ""}`, {
      data: {
        action: "change",
        event: {
          type: "status",
          status: "council_adopted",
          conceptKind: "INGEKO",
          councilResolutionDate: "2026-06-11",
          effectiveDate: "2026-06-20",
          documentUrl: "https://example.org/ingeko.pdf",
          horizonYear: 2035,
          note: "Beschluss Nr. 12/2026",
        },
      },
    });
    expect(answered.status()).toBe(200);

    // The list names municipalities by their display name.
    const pending = (await (await advisor.request.get("/api/update-requests/pending")).json()) as { items: { ags: string; municipalityName: string }[] };
    const name = pending.items.find((item) => item.ags === candidate.ags)?.municipalityName ?? candidate.name;
    await advisor.goto("/beratungen/anfragen");
    await heading(advisor, 2, "Antworten zur Prüfung");
    const table = advisor.getByRole("table", { name: `Gemeldete Änderung von ${name} im Vergleich zum heutigen Stand` });
    await expect.poll(() => table.count(), { timeout: 15_000 }).toBe(1);
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
    // Today's side as the municipality page and its history have it.
    const detail = (await (await advisor.request.get(`/api/municipalities/${candidate.ags}`)).json()) as {
      record: { statusSince: string | null; conceptKind: string | null; councilResolutionDate: string | null; horizonYear: number | null; documentUrl: string | null };
    };
    const events = (await (await advisor.request.get(`/api/municipalities/${candidate.ags}/events`)).json()) as {
      items: { id: number; type: string; effectiveDate: string; note: string | null; supersededBy: number | null }[];
    };
    const statusEvent = events.items
      .filter((e) => e.type === "status" && e.supersededBy === null)
      .sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate) || b.id - a.id)[0];
    const german = (iso: string | null) => (iso ? iso.split("-").reverse().join(".") : "keine Angabe");
    const today = detail.record;
    const cell = (value: string | null) => value ?? "keine Angabe";
    const differs = (a: string, b: string) => (a === b ? "gleich" : "✎ geändert");
    const expected = [
      ["Status", "kein Konzept / keine Angabe", "vom Rat beschlossen"],
      ["Art des Konzepts", cell(today.conceptKind), "INGEKO"],
      ["Gültig ab", german(today.statusSince), "20.06.2026"],
      ["Datum des Ratsbeschlusses", german(today.councilResolutionDate), "11.06.2026"],
      ["Zieljahr", today.horizonYear === null ? "keine Angabe" : String(today.horizonYear), "2035"],
      ["Dokument", cell(today.documentUrl), "https://example.org/ingeko.pdf"],
      ["Bemerkung", cell(statusEvent?.note ?? null), "Beschluss Nr. 12/2026"],
    ].map(([field = "", now = "", reported = ""]) => [field, now, reported, differs(now, reported)]);
    // Angabe, heute erfasst, gemeldet, Abweichung: every field, the change said in words.
    expect(rows).toEqual(expected);
    expect(rows.filter((row) => row[3] === "✎ geändert").length).toBeGreaterThanOrEqual(5);
    // The comparison comes before the decision buttons.
    const accept = advisor.getByRole("button", { name: `Antwort von ${name} übernehmen` });
    const order = await advisor.evaluate(
      ([name]) => {
        const tableEl = [...document.querySelectorAll("table caption")].find((c) => c.textContent?.includes(name ?? ""))?.closest("table");
        const button = [...document.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === `Antwort von ${name ?? ""} übernehmen`);
        return tableEl && button ? tableEl.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
      },
      [name],
    );
    expect(order).toBeGreaterThan(0);
    await expectNoSeriousAxeViolations(advisor);
    await screenshot(advisor, "workflows-review-desktop");

    // On the phone the comparison stays readable (its own scroll container, no sideways page).
    await advisor.setViewportSize(PHONE);
    await expect.poll(() => table.isVisible()).toBe(true);
    await expectNoSeriousAxeViolations(advisor);
    await screenshot(advisor, "workflows-review-phone");

    await accept.click();
    await expect.poll(() => advisor.locator(".notice--success").first().textContent(), { timeout: 15_000 }).toContain("ist übernommen");
  });

  it("3: SMR keeps contacts (by hand and by CSV), sees who a campaign goes to, confirms, and the counts say what happened", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await page.setViewportSize(DESKTOP);
    await signIn(page, "smr");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const listed = await page.request.get(`/api/municipalities?district=${VOGTLANDKREIS}&limit=100`);
    const municipalities = ((await listed.json()) as { items: { ags: string; displayName: string }[] }).items;
    expect(municipalities.length).toBeGreaterThan(10);
    const [first, second] = municipalities;
    if (!first || !second) throw new Error("too few municipalities");

    // Contacts: the sub-navigation leads there.
    await page.goto("/beratungen/anfragen");
    await page.getByRole("navigation", { name: "Bereiche der Beratung" }).getByRole("link", { name: "Kontakte" }).click();
    await heading(page, 1, "Kontaktadressen der Gemeinden");
    await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption(VOGTLANDKREIS);
    const table = page.getByRole("table", { name: /Gemeinden?$/ });
    await expect.poll(() => table.locator("tbody tr").count(), { timeout: 15_000 }).toBe(municipalities.length);
    await expectNoSeriousAxeViolations(page);

    // By hand: a wrong address is refused at the field, in German; a right one is stored.
    await page.getByRole("button", { name: `Kontakt von ${first.displayName} bearbeiten` }).click();
    await heading(page, 3, `Kontakt von ${first.displayName}`);
    await page.getByLabel("E-Mail-Adresse").fill("kein-at-zeichen");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("Bitte eine gültige E-Mail-Adresse angeben.");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("E-Mail-Adresse").fill("Bauamt@Erste.example");
    await page.getByLabel("Name (optional)").fill("Frau Erste");
    await page.getByLabel("Funktion (optional)").fill("Bauamtsleitung");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: `Der Kontakt von ${first.displayName} ist gespeichert.` }).count(), { timeout: 15_000 }).toBe(1);
    const firstRow = table.locator("tbody tr", { has: page.getByRole("rowheader", { name: new RegExp(first.displayName) }) });
    await expect.poll(() => firstRow.first().textContent()).toContain("bauamt@erste.example");

    // By CSV: the dry run reports each row; with an error nothing can be applied; a clean file is applied.
    const upload = async (text: string) =>
      page.getByLabel("CSV-Datei").setInputFiles({ name: "kontakte.csv", mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
    await upload(`AGS;E-Mail;Name;Funktion\n${second.ags};planung@zweite.example;;Stadtplanung\n14999999;x@y.example;;\n`);
    await page.getByRole("button", { name: "Datei prüfen (Probelauf)" }).click();
    const report = page.getByRole("table", { name: "Ergebnis je Zeile" });
    await expect.poll(() => report.locator("tbody tr").count(), { timeout: 15_000 }).toBe(2);
    expect(await report.locator("tbody tr").nth(0).textContent()).toContain("neu");
    expect(await report.locator("tbody tr").nth(1).textContent()).toContain("Diese Gemeinde gibt es heute nicht.");
    expect(await page.getByRole("button", { name: "Import ausführen" }).isDisabled()).toBe(true);
    await expectNoSeriousAxeViolations(page);
    await upload(`AGS;E-Mail;Name;Funktion\n${second.ags};planung@zweite.example;;Stadtplanung\n`);
    await page.getByRole("button", { name: "Datei prüfen (Probelauf)" }).click();
    await expect.poll(() => page.getByText("1 Zeilen: 1 neu, 0 geändert, 0 unverändert, 0 mit Fehlern.").count(), { timeout: 15_000 }).toBe(1);
    await page.getByRole("button", { name: "Import ausführen" }).click();
    await expect.poll(() => page.getByText("Import ausgeführt: 1 neu, 0 geändert.").count(), { timeout: 15_000 }).toBe(1);
    const secondRow = table.locator("tbody tr", { has: page.getByRole("rowheader", { name: new RegExp(second.displayName) }) });
    await expect.poll(() => secondRow.first().textContent(), { timeout: 15_000 }).toContain("planung@zweite.example");
    await screenshot(page, "workflows-contacts-desktop");

    // On the phone the page does not scroll sideways.
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await expectNoSeriousAxeViolations(page);
    await page.setViewportSize(DESKTOP);

    // The campaign: first who it goes to, then confirm.
    await page.goto("/beratungen/anfragen");
    await heading(page, 1, "Aktualisierungsanfragen");
    await page.getByRole("radio", { name: "alle Gemeinden eines Landkreises" }).check();
    await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption(VOGTLANDKREIS);
    await page.getByRole("button", { name: "Empfänger prüfen" }).click();
    await heading(page, 3, "Vor dem Versand prüfen");
    const count = municipalities.length;
    const preview = page.locator(".send-preview");
    expect(await preview.textContent()).toContain(`${count} Anfragen werden angelegt.`);
    expect(await preview.textContent()).toContain("2 Gemeinden haben eine E-Mail-Adresse.");
    expect(await preview.textContent()).toContain(`${count - 2} Gemeinden haben keine Adresse`);
    expect(await preview.textContent()).toContain("kein E-Mail-Versand eingerichtet");
    const recipients = preview.getByRole("table", { name: "Empfänger im Einzelnen" });
    expect(await recipients.locator("tbody tr", { hasText: "bauamt@erste.example" }).count()).toBe(1);
    expect(await recipients.locator("tbody tr", { hasText: "keine Adresse" }).count()).toBe(count - 2);
    // Focus moved to the question, nothing is sent yet.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Vor dem Versand prüfen");
    const campaignsBefore = ((await (await page.request.get("/api/update-requests")).json()) as { items: unknown[] }).items.length;
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-send-preview");
    await page.getByRole("button", { name: `${count} Anfragen jetzt anlegen` }).click();
    const result = page.locator(".notice--success .notice__title");
    await expect.poll(() => result.textContent(), { timeout: 15_000 }).toBe(`${count} Anfragen angelegt.`);
    expect(((await (await page.request.get("/api/update-requests")).json()) as { items: unknown[] }).items.length).toBe(campaignsBefore + 1);

    // One municipality answers through its link (delivered by hand).
    const answeredLink = await page.locator(".notice--success li", { hasText: first.displayName }).locator("a").first().getAttribute("href");
    const visitor = await browser.open(new URL(answeredLink ?? "").pathname);
    await visitor.getByRole("button", { name: "Unverändert bestätigen" }).click();
    await heading(visitor, 2, "Vielen Dank – Ihre Angabe ist eingetragen.");

    // The counts say what happened: all held in the outbox, none sent; answered implies opened.
    await page.reload();
    const campaign = page.getByRole("table", { name: "Aktionen mit Stand der Antworten" }).locator("tbody tr", { hasText: "alle Gemeinden in Vogtlandkreis" });
    await expect.poll(() => campaign.count(), { timeout: 15_000 }).toBe(1);
    const delivery = await campaign.locator(".delivery-counts li").allTextContents();
    expect(delivery).toEqual([`${count} im Postausgang`, `${count - 2} ohne Adresse`]);
    // Anfragen, geöffnet, beantwortet, abgelaufen, Prüfung offen.
    expect(await campaign.locator("td.num").allTextContents()).toEqual([String(count), "1", "1", "0", "0"]);
    expect(await campaign.textContent()).not.toContain("versandt");
    await campaign.getByRole("button", { name: "Anfragen anzeigen" }).click();
    const details = page.getByRole("table", { name: /^Anfragen der Aktion vom / });
    await expect.poll(() => details.locator("tbody tr").count(), { timeout: 15_000 }).toBe(count);
    const untouched = details.locator("tbody tr", { hasText: second.displayName });
    expect(await untouched.textContent()).toContain("noch nicht zugestellt");
    expect(await untouched.textContent()).toContain("planung@zweite.example");
    expect(await details.locator("tbody tr", { hasText: "keine Adresse" }).count()).toBe(count - 2);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-campaign-counts");

    // The outbox says when there is no address; messages can be copied whole and exported.
    const noAddress = page.locator(".outbox-message", { hasText: "Keine Empfängeradresse hinterlegt" });
    expect(await noAddress.count()).toBeGreaterThanOrEqual(count - 2);
    const firstMessage = page.locator(".outbox-message", { hasText: `INSEK-Stand von ${first.displayName}` }).first();
    expect(await firstMessage.textContent()).toContain("An: bauamt@erste.example");
    await firstMessage.getByRole("button", { name: /^Nachricht kopieren: / }).click();
    await expect.poll(() => firstMessage.getByText("Nachricht kopiert.").count()).toBe(1);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("An: bauamt@erste.example");
    expect(copied).toContain(answeredLink ?? "no link");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Zurückgehaltene Nachrichten als CSV herunterladen" }).click()]);
    const csv = await (await import("node:fs/promises")).readFile(await download.path(), "utf8");
    expect(csv.split("\r\n")[0]).toBe("\uFEFFGemeinde;AGS;Empfänger;Betreff;Link;Text;Zustand;Erstellt");
    expect(csv).toContain(second.ags);
    expect(csv).toContain("(keine Adresse – bitte von Hand zustellen)");
  });

  it("11: SMR chooses the advisor from the accounts, gets errors in German, and sees a district as one row", async () => {
    // The second assignment of the district is refused on purpose (409).
    const page = await browser.open("/", { bypassCSP: true, allowConsoleErrors: [/status of 409/] });
    await page.setViewportSize(DESKTOP);
    await signIn(page, "smr");
    await page.goto("/beratungen/zuordnungen");
    await heading(page, 1, "Zuordnungen");
    // No e-mail to type: a select of the advisor accounts.
    expect(await page.getByLabel("E-Mail der Beraterin oder des Beraters").count()).toBe(0);
    const advisorSelect = page.getByRole("combobox", { name: "Beraterin oder Berater" }).first();
    await expect.poll(() => advisorSelect.locator("option").allTextContents(), { timeout: 15_000 }).toContain(
      `${(await (await page.request.get("/api/advisors")).json() as { items: { displayName: string }[] }).items[0]?.displayName ?? ""} (${DEMO_EMAILS.advisor})`,
    );
    await page.getByRole("radio", { name: "einen ganzen Landkreis" }).check();
    await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption(ERZGEBIRGSKREIS);
    await page.getByRole("button", { name: "Zuordnen", exact: true }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("Beraterin oder Berater");
    await expectNoSeriousAxeViolations(page);

    await advisorSelect.selectOption(DEMO_EMAILS.advisor);
    await page.getByRole("button", { name: "Zuordnen", exact: true }).click();
    const districtSize = ((await (await page.request.get(`/api/assignments?district=${ERZGEBIRGSKREIS}&active=true`)).json()) as { items: unknown[] }).items.length;
    await expect.poll(() => page.locator(".notice--success").first().textContent(), { timeout: 15_000 }).toMatch(/\d+ Zuordnungen angelegt\./);
    const created = Number(/(\d+)/.exec((await page.locator(".notice--success").first().textContent()) ?? "")?.[1]);
    expect(created).toBeGreaterThan(40);
    expect(districtSize).toBeLessThanOrEqual(created);

    // The same again: refused in German, at the district.
    await page.getByRole("button", { name: "Zuordnen", exact: true }).click();
    await expect
      .poll(() => page.locator(".error-summary").textContent(), { timeout: 15_000 })
      .toContain("Diese Beratung ist allen Gemeinden des Landkreises im gewählten Zeitraum schon zugeordnet.");

    // One row for the district, its municipalities on demand.
    const list = page.getByRole("table", { name: /Zuordnungen/ });
    const districtRows = list.locator("tbody tr", { hasText: "Erzgebirgskreis" });
    await expect.poll(() => districtRows.count(), { timeout: 15_000 }).toBe(1);
    expect(await districtRows.textContent()).toContain(`Erzgebirgskreis: alle ${created} Gemeinden`);
    expect(await districtRows.getAttribute("data-group-size")).toBe(String(created));
    const disclosure = districtRows.locator("details summary");
    await disclosure.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => districtRows.locator("details ul li").filter({ visible: true }).count()).toBe(created);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-assignments-desktop");
    await page.setViewportSize(PHONE);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-assignments-phone");
    await page.setViewportSize(DESKTOP);

    // Removing the row removes the district's assignments together.
    await districtRows.getByRole("button", { name: /^Zuordnungen Erzgebirgskreis – .+ löschen$/ }).click();
    await expect.poll(() => page.getByText(`${created} Zuordnungen sind gelöscht.`).count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => districtRows.count(), { timeout: 15_000 }).toBe(0);
    const left = await page.request.get(`/api/assignments?district=${ERZGEBIRGSKREIS}&advisor=${encodeURIComponent(DEMO_EMAILS.advisor)}`);
    expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);
  });

  it("12: the advisor sees which communes were never contacted, in words, and can list only those", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await page.setViewportSize(DESKTOP);
    await signIn(page, "advisor");
    const never = (await portfolioOf(page)).filter((item) => item.neverContacted);
    expect(never.length).toBeGreaterThan(0);
    await page.goto("/meine-kommunen");
    await heading(page, 2, "Noch nie kontaktiert");
    const text = never.length === 1 ? "1 Gemeinde wurde noch nie kontaktiert." : `${never.length} Gemeinden wurden noch nie kontaktiert.`;
    await expect.poll(() => page.getByText(text).count(), { timeout: 15_000 }).toBe(1);
    const rows = page.locator("table.portfolio-table tbody tr");
    await expect.poll(() => rows.filter({ has: page.locator(".badge--never", { hasText: "noch nie kontaktiert" }) }).count(), { timeout: 15_000 }).toBe(never.length);
    await page.getByRole("link", { name: "Nur diese anzeigen" }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("flag")).toBe("never");
    await expect.poll(() => rows.count()).toBe(never.length);
    expect((await page.locator("table.portfolio-table tbody tr th a").allTextContents()).sort()).toEqual(never.map((item) => item.name).sort());
    expect(await page.getByLabel("Hinweis", { exact: true }).inputValue()).toBe("never");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-portfolio-never-desktop");
    await page.setViewportSize(PHONE);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "workflows-portfolio-never-phone");
  });
});
