import { todayInSaxony } from "@insek/contracts";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

// Verwaltungsgemeinschaft Röderaue-Wülknitz (Landkreis Meißen, the demo advisor's district): Röderaue is the
// erfüllende Gemeinde.
const ASSOCIATION = "146275234";
const ROEDERAUE = "14627240";
const WUELKNITZ = "14627340";

/** A small but real PDF: the server checks the bytes, not the name. */
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n" +
    "trailer <</Root 1 0 R>>\n%%EOF\n",
);

interface ConceptJson {
  id: number;
  version: number;
  title: string;
  adoptedCount: number;
  memberCount: number;
  members: { ags: string; status: string; councilResolutionDate: string | null; decisionNumber: string | null }[];
  documents: { id: number; downloadPath: string | null; fileName: string | null; url: string | null }[];
}

async function concept(page: Page, id: number): Promise<ConceptJson> {
  const response = await page.request.get(`/api/concepts/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as ConceptJson;
}

/** dd.mm.yyyy, as the German pages show a date. */
const german = (iso: string) => iso.split("-").reverse().join(".");

/**
 * A member whose council adopted an earlier concept goes "in Fortschreibung" before it adopts the joint one
 * (a second council_adopted in a row is refused, as for any record); recorded through the API, as the record
 * form's own test covers that form.
 */
async function startUpdateWhereAdopted(page: Page, ags: string) {
  const detail = (await (await page.request.get(`/api/municipalities/${ags}`)).json()) as { version: number; record: { status: string } };
  if (detail.record.status !== "council_adopted" && detail.record.status !== "funding_eligible") return;
  const response = await page.request.post(`/api/municipalities/${ags}/events`, {
    headers: { "x-csrf-token": await csrfToken(page), "if-match": `"${detail.version}"`, "content-type": "application/json" },
    data: { type: "status", status: "updating" },
  });
  expect(response.status()).toBe(201);
}

function conceptIdOfUrl(page: Page): number {
  const match = /\/konzepte\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not a concept page: ${page.url()}`);
  return Number(match[1]);
}

async function recordResolution(page: Page, member: string, date: string, decision: string) {
  await page.getByLabel("Gemeinde *", { exact: true }).selectOption({ label: `${member} (noch nicht beschlossen)` });
  await page.getByLabel("Datum des Beschlusses *").fill(date);
  await page.getByLabel("Beschluss-Nr.").fill(decision);
  await page.getByLabel("Gremium").fill("Gemeinderat");
  await page.getByRole("button", { name: "Beschluss erfassen" }).click();
  await expect.poll(() => page.getByRole("status").filter({ hasText: "Beschluss des Rates" }).textContent()).toBe(`Beschluss des Rates von ${member} erfasst.`);
}

describe.skipIf(skipE2e)("concepts as records", () => {
  const browser = useBrowser();
  const title = `Gemeinsames INGEKO Röderaue-Wülknitz ${Date.now()}`;
  const today = todayInSaxony();
  let conceptId = 0;

  it("an advisor creates a joint concept for a Verwaltungsgemeinschaft, uploads its PDF and records two councils' resolutions", async () => {
    const page = await browser.open("/gemeinden", {
      bypassCSP: true,
      // The browser logs the refused upload (422).
      allowConsoleErrors: [/status of 422/],
    });
    await signIn(page, "advisor");

    // From the municipality's association section: the members and the erfüllende Gemeinde come pre-filled.
    await page.goto(`/gemeinden/${WUELKNITZ}`);
    await page.getByRole("link", { name: "Gemeinsames Konzept anlegen" }).click();
    await page.waitForURL(new RegExp(`/konzepte/neu\\?association=${ASSOCIATION}$`), { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Konzept anlegen");
    const chips = page.getByRole("list", { name: "Ausgewählt" });
    await expect.poll(() => chips.locator("li > span").allTextContents()).toEqual(["Röderaue", "Wülknitz"]);
    expect(await page.getByLabel("Art des Konzepts *").inputValue()).toBe("joint");
    expect(await page.getByLabel("Federführende Gemeinde").inputValue()).toBe(ROEDERAUE);

    // Without title and kind: the summary names both and takes focus.
    await page.getByRole("button", { name: "Konzept anlegen" }).click();
    const summary = page.locator(".concept-form .error-summary");
    await expect.poll(() => summary.textContent()).toContain("Titel *: Pflichtangabe.");
    await expect.poll(() => summary.textContent()).toContain("Konzepttyp *: Pflichtangabe.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe("error-summary");
    await expectNoSeriousAxeViolations(page);

    await page.getByLabel("Titel *").fill(title);
    await page.getByLabel("Konzepttyp *").selectOption("INGEKO");
    await page.getByLabel("Planungshorizont (Jahr)").fill("2035");
    await page.getByRole("button", { name: "Beteiligung hinzufügen" }).click();
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("text");
    await page.getByLabel("Datum der Beteiligung 1").fill("2025-02-10");
    await page.getByLabel("Format der Beteiligung 1").selectOption("workshop");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "konzept-anlegen");
    await page.getByRole("button", { name: "Konzept anlegen" }).click();

    await page.waitForURL(/\/konzepte\/\d+$/, { waitUntil: "commit" });
    conceptId = conceptIdOfUrl(page);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    await expect.poll(() => page.locator(".facts").textContent()).toContain("0 von 2 beschlossen");
    await expect.poll(() => page.locator(".facts").textContent()).toContain("Röderaue");
    await expect.poll(() => page.locator("main").textContent()).toContain("10.02.2025: Workshop");

    // A file that is not a PDF is refused by its bytes, at its field.
    await page.getByLabel("PDF-Datei", { exact: true }).setInputFiles({ name: "konzept.pdf", mimeType: "application/pdf", buffer: Buffer.from("not a pdf at all") });
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("PDF-Datei: Die Datei ist kein PDF.");

    await page.getByLabel("PDF-Datei", { exact: true }).setInputFiles({ name: "ingeko-roederaue-wuelknitz.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByLabel("Titel", { exact: true }).fill("INGEKO Röderaue-Wülknitz");
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    const download = page.getByRole("link", { name: "INGEKO Röderaue-Wülknitz herunterladen" });
    await expect.poll(() => download.count()).toBe(1);
    const href = await download.getAttribute("href");
    expect(href).toMatch(/^\/api\/documents\/\d+$/);
    const file = await page.request.get(href ?? "");
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toContain("application/pdf");
    expect(file.headers()["content-disposition"]).toContain("ingeko-roederaue-wuelknitz.pdf");
    expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");

    // A document can also be a link to where it is published; a file and a link at once are refused at the field.
    await page.getByLabel("PDF-Datei", { exact: true }).setInputFiles({ name: "beschluss.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByLabel("oder Link zum Dokument").fill("https://example.org/ratsbeschluss-roederaue.pdf");
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect.poll(() => page.locator(".error-summary").textContent()).toContain("oder Link zum Dokument: Bitte entweder eine Datei hochladen oder einen Link angeben");
    await page.getByLabel("PDF-Datei", { exact: true }).setInputFiles([]);
    await page.getByLabel("Titel", { exact: true }).fill("Ratsbeschluss Röderaue (veröffentlicht)");
    await page.getByLabel("Art des Dokuments").selectOption("resolution");
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "hinzugefügt" }).textContent()).toContain("Ratsbeschluss Röderaue (veröffentlicht)");
    const withLink = await concept(page, conceptId);
    expect(withLink.documents.map((d) => d.url)).toContain("https://example.org/ratsbeschluss-roederaue.pdf");

    // Two councils adopt it, each with its own decision number (today: a member may have been "in
    // Fortschreibung" only since today).
    await startUpdateWhereAdopted(page, ROEDERAUE);
    await startUpdateWhereAdopted(page, WUELKNITZ);
    await page.reload();
    await recordResolution(page, "Röderaue", today, "GR 12/2025");
    await expect.poll(() => page.locator(".facts").textContent()).toContain("1 von 2 beschlossen");
    await recordResolution(page, "Wülknitz", today, "GR 7/2025");
    await expect.poll(() => page.locator(".facts").textContent()).toContain("2 von 2 beschlossen");
    const members = page.getByRole("table", { name: /Mitgliedsgemeinden mit Stand und Ratsbeschluss/ });
    await expect.poll(() => members.locator(`tr[data-ags="${WUELKNITZ}"]`).textContent()).toContain(german(today));
    await expect.poll(() => members.locator(`tr[data-ags="${WUELKNITZ}"]`).textContent()).toContain("GR 7/2025");
    await expect.poll(() => members.locator(`tr[data-ags="${ROEDERAUE}"]`).textContent()).toContain("vom Rat beschlossen");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "konzept-detail");

    const stored = await concept(page, conceptId);
    expect(stored.adoptedCount).toBe(2);
    expect(stored.members.map((member) => [member.ags, member.status, member.councilResolutionDate, member.decisionNumber])).toEqual([
      [ROEDERAUE, "council_adopted", today, "GR 12/2025"],
      [WUELKNITZ, "council_adopted", today, "GR 7/2025"],
    ]);
  }, 180_000);

  it("shows the joint concept on both members' pages, in the list and as one outline on the overview map", async () => {
    expect(conceptId).toBeGreaterThan(0);
    const page = await browser.open(`/gemeinden/${WUELKNITZ}`, { bypassCSP: true });
    const section = page.locator(".municipality-concepts");
    await expect.poll(() => section.getByRole("link", { name: title }).count()).toBe(1);
    await expect.poll(() => section.textContent()).toContain(`Rat dieser Gemeinde: beschlossen am ${german(today)}`);
    await expect.poll(() => section.textContent()).toContain("2 von 2 beschlossen");
    await expect.poll(() => page.locator(".record-card").textContent()).toContain("vom Rat beschlossen");
    await expectNoSeriousAxeViolations(page);

    await page.goto(`/gemeinden/${ROEDERAUE}`);
    await expect.poll(() => page.locator(".municipality-concepts").textContent()).toContain(`beschlossen am ${german(today)}`);

    // The municipality list's concept column names the joint concept and how many councils adopted it.
    await page.goto(`/gemeinden?association=${ASSOCIATION}`);
    const wuelknitz = page.locator("table tbody tr").filter({ has: page.getByRole("link", { name: "Wülknitz", exact: true }) });
    await expect.poll(() => wuelknitz.getByRole("link", { name: title }).getAttribute("href")).toBe(`/konzepte/${conceptId}`);
    await expect.poll(() => wuelknitz.textContent()).toContain("2 von 2 beschlossen");

    // The list of concepts, filtered by the association.
    await page.goto(`/konzepte?association=${ASSOCIATION}`);
    const row = page.locator(`tr[data-concept="${conceptId}"]`);
    await expect.poll(() => row.textContent()).toContain("2 von 2 beschlossen");
    await expect.poll(() => row.getByRole("link", { name: title }).getAttribute("href")).toBe(`/konzepte/${conceptId}`);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "konzepte-liste");

    // On a 390 px phone the list does not scroll sideways.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const box = await row.boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 1000)).toBeLessThanOrEqual(390);
    await screenshot(page, "konzepte-liste-telefon");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The overview map outlines the joint concept, and says in words what it outlines.
    await page.goto("/");
    await page.locator("a.map-shape").first().waitFor();
    await page.getByLabel("Gemeinsame Konzepte umranden").check();
    const outline = page.locator(`.coverage-map__joint path[data-concept="${conceptId}"]`);
    await expect.poll(() => outline.getAttribute("d")).toMatch(/^M/);
    const listed = page.locator(`.coverage-map__joint-list li[data-concept="${conceptId}"]`);
    await expect.poll(() => listed.textContent()).toContain("2 von 2 beschlossen");
    await expect.poll(() => listed.textContent()).toContain("Röderaue");
    await expect.poll(() => page.locator(".coverage-map__legend").textContent()).toContain("Gemeinsames Konzept (gestrichelte Umrandung)");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "uebersicht-gemeinsame-konzepte");
  }, 180_000);

  it("saves an edit on the version loaded and answers a change made meanwhile (412) without losing the input", async () => {
    expect(conceptId).toBeGreaterThan(0);
    const page = await browser.open("/gemeinden", { bypassCSP: true, allowConsoleErrors: [/status of 412/] });
    await signIn(page, "advisor");
    await page.goto(`/konzepte/${conceptId}/bearbeiten`);
    await expect.poll(() => page.getByLabel("Titel *").inputValue()).toBe(title);
    await expectNoSeriousAxeViolations(page);

    // Someone else changes the concept in between.
    const before = await concept(page, conceptId);
    const patched = await page.request.patch(`/api/concepts/${conceptId}`, {
      headers: { "x-csrf-token": await csrfToken(page), "if-match": `"${before.version}"`, "content-type": "application/json" },
      data: { horizonYear: 2036 },
    });
    expect(patched.status()).toBe(200);

    await page.getByLabel("Bemerkung").fill("Fortschreibung 2030 geplant");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    const conflict = page.locator(".conflict");
    await expect.poll(() => conflict.textContent()).toContain("Das Konzept wurde inzwischen geändert.");
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains("conflict"))).toBe(true);
    expect(await page.getByLabel("Bemerkung").inputValue()).toBe("Fortschreibung 2030 geplant");
    await conflict.getByRole("button", { name: /Meine Eingaben auf Version \d+ speichern/ }).click();

    await page.waitForURL(new RegExp(`/konzepte/${conceptId}$`), { waitUntil: "commit" });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Gespeichert" }).count()).toBe(1);
    await expect.poll(() => page.locator(".facts").textContent()).toContain("Fortschreibung 2030 geplant");
    const after = await concept(page, conceptId);
    expect(after.version).toBeGreaterThan(before.version + 1);
  });

  it("keeps writing to those who may: anonymous readers see no forms, a municipality only its own concepts", async () => {
    expect(conceptId).toBeGreaterThan(0);
    const page = await browser.open(`/konzepte/${conceptId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.getByRole("heading", { name: "Ratsbeschluss erfassen" }).count()).toBe(0);
    expect(await page.getByRole("heading", { name: "Dokument hinzufügen" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Konzept bearbeiten" }).count()).toBe(0);

    // The demo municipality (Großenhain) is no member: it reads, but is offered no form.
    await signIn(page, "municipality");
    await page.goto(`/konzepte/${conceptId}`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(title);
    expect(await page.getByRole("heading", { name: "Ratsbeschluss erfassen" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Konzept anlegen" }).count()).toBe(0);
  });
});
