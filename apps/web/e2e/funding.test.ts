import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

interface MunicipalityRow {
  ags: string;
  name: string;
  displayName?: string;
}

/** A municipality with no concept today (status "kein Konzept"): a running measure there is at risk. */
async function municipalityWithoutConcept(page: Page, skip = 0): Promise<MunicipalityRow> {
  const response = await page.request.get(`/api/municipalities?status=none&limit=1&offset=${skip}`);
  expect(response.status()).toBe(200);
  const body = (await response.json()) as { items: MunicipalityRow[] };
  const first = body.items[0];
  if (!first) throw new Error("no municipality without a concept in the demo data");
  return first;
}

/** Records a running measure through the API (the form has its own test below). */
async function createMeasure(page: Page, ags: string, name: string): Promise<{ id: number; version: number }> {
  const response = await page.request.post("/api/measures", {
    headers: { "x-csrf-token": await csrfToken(page), "content-type": "application/json" },
    data: { ags, programmeId: "lebendige-zentren", name, startYear: 2021, state: "running", amounts: [{ year: 2024, federal: 250000, land: 125000, municipal: 125000 }] },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: number; version: number };
}

/** A programme list as the federal programme publishes it: German headers, a row of another Land, amounts with dots. */
const PROGRAMME_LIST = fileURLToPath(new URL("./fixtures/programmliste-2024.csv", import.meta.url));
// Markneukirchen and Radeberg have no concept in the demo history; Großenhain has one.
const MARKNEUKIRCHEN = "14523200";

const tabUntil = async (page: Page, predicate: () => Promise<boolean>, max = 80) => {
  for (let i = 0; i < max; i += 1) {
    if (await predicate()) return true;
    await page.keyboard.press("Tab");
  }
  return predicate();
};

describe.skipIf(skipE2e)("funding (issue 15)", () => {
  const browser = useBrowser();

  it("SMR imports a programme list (dry run, then import), opens /foerderung, follows a measure at risk to its municipality and sends it an update request", async () => {
    const page = await browser.open("/");
    await signIn(page, "smr");
    await page.goto("/foerderung");
    await page.getByRole("link", { name: "Programmliste importieren" }).click();
    await page.waitForURL("**/foerderung/import");
    await page.getByLabel("Datei (CSV oder XLSX) *").setInputFiles(PROGRAMME_LIST);
    await page.getByRole("button", { name: "Datei prüfen" }).click();
    const report = page.locator(".import-result");
    await report.waitFor();
    expect(await report.textContent()).toContain("4 Zeilen geprüft: 3 in Ordnung, 1 übersprungen, 0 fehlerhaft.");
    expect(await report.textContent()).toContain("Alle Zeilen sind in Ordnung. Noch ist nichts gespeichert.");
    // Per row: line, Gemeinde, result, reason.
    const bamberg = report.locator('tr[data-row="5"]');
    expect(await bamberg.locator("td").nth(4).textContent()).toBe("übersprungen");
    expect(await bamberg.locator("td").nth(5).textContent()).toContain("Zeile eines anderen Landes, übersprungen.");
    expect(await report.locator('tr[data-row="2"] td').nth(1).textContent()).toBe(MARKNEUKIRCHEN);
    expect(await report.locator('tr[data-row="2"] td').nth(4).textContent()).toBe("neu");
    await screenshot(page, "funding-import-dry-run");

    await page.getByRole("button", { name: "3 Zeilen importieren" }).click();
    await page.getByText("Import abgeschlossen: 3 Zeilen gespeichert.").waitFor();

    await page.getByRole("link", { name: "Förderung", exact: true }).first().click();
    await page.waitForURL("**/foerderung");
    const row = page.locator(".at-risk-table tbody tr", { hasText: "Musikwinkel Ortsmitte" });
    await row.waitFor();
    expect(await row.locator("th").textContent()).toBe("Markneukirchen");
    await row.getByRole("link", { name: "Markneukirchen" }).click();
    await page.waitForURL(`**/gemeinden/${MARKNEUKIRCHEN}`);
    const entry = page.locator(".measure-list li", { hasText: "Musikwinkel Ortsmitte" });
    await entry.waitFor();
    expect(await entry.locator(".measure-at-risk").textContent()).toContain("Gefährdet: kein aktuelles Konzept");
    expect(await entry.textContent()).toContain("480.000 €");

    await page.getByRole("link", { name: "Aktualisierungsanfrage an diese Gemeinde senden" }).click();
    await page.waitForURL(`**/beratungen/anfragen?gemeinde=${MARKNEUKIRCHEN}`);
    await expect.poll(() => page.locator(".record-form").textContent()).toContain("Markneukirchen");
    await page.getByRole("button", { name: "Empfänger prüfen" }).click();
    await page.getByRole("button", { name: "1 Anfrage jetzt anlegen" }).click();
    await page.getByText("1 Anfrage angelegt.").waitFor();
  });

  it("lists a measure at risk first on /foerderung, sorts it by keyboard and leads to the municipality, whose page says 'Gefährdet' in words", async () => {
    const page = await browser.open("/");
    await signIn(page, "smr");
    const place = await municipalityWithoutConcept(page);
    const name = `Ortskern Test ${Date.now()}`;
    await createMeasure(page, place.ags, name);

    await page.goto("/foerderung");
    await page.getByRole("heading", { level: 1, name: "Förderung" }).waitFor();
    // The at-risk list comes before the charts and the map.
    const headings = await page.locator("main h2").allTextContents();
    expect(headings.indexOf("Gefährdete Maßnahmen")).toBeGreaterThan(-1);
    expect(headings.indexOf("Gefährdete Maßnahmen")).toBeLessThan(headings.indexOf("Diagramme"));
    const table = page.getByRole("table", { name: /^Gefährdete Maßnahmen am / });
    const row = table.locator("tbody tr", { hasText: name });
    await row.waitFor();
    expect(await row.locator("td").nth(2).textContent()).toBe("kein aktuelles Konzept");
    expect(Number(await page.locator('[data-figure="atRisk"] .figures__value').textContent())).toBeGreaterThan(0);

    // Sorting by Gemeinde with the keyboard: the header is a button; aria-sort follows.
    const header = table.getByRole("button", { name: /^Gemeinde/ });
    await header.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => table.locator("thead th").first().getAttribute("aria-sort")).toBe("ascending");
    await page.keyboard.press("Enter");
    await expect.poll(() => table.locator("thead th").first().getAttribute("aria-sort")).toBe("descending");
    const names = await table.locator("tbody th").allTextContents();
    expect(names).toEqual([...names].sort((a, b) => b.localeCompare(a, "de", { sensitivity: "base", numeric: true })));

    // The CSV download holds the rows as shown.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Als CSV herunterladen" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^gefaehrdete-massnahmen-\d{4}-\d{2}-\d{2}\.csv$/);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const csv = Buffer.concat(chunks).toString("utf8");
    expect(csv.startsWith("\uFEFFAGS;Gemeinde;Maßnahme;Förderprogramm;Grund;Konzept aktuell bis\r\n")).toBe(true);
    expect(csv).toContain(`${place.ags};`);
    expect(csv).toContain(name);

    await row.getByRole("link").click();
    await page.waitForURL(`**/gemeinden/${place.ags}`);
    const entry = page.locator(`.measure-list li`, { hasText: name });
    await entry.waitFor();
    expect(await entry.locator(".measure-at-risk").textContent()).toContain("Gefährdet: kein aktuelles Konzept");
    expect(await entry.textContent()).toContain("500.000 €");
    expect(await entry.textContent()).toContain("Lebendige Zentren");
  });

  it("SMR adds a measure on the municipality page: a missing name is named at the field, an end before the start at the end year, then it saves", async () => {
    const page = await browser.open("/", { allowConsoleErrors: [/status of 422 .*\/api\/measures/] });
    await signIn(page, "smr");
    const place = await municipalityWithoutConcept(page, 1);
    await page.goto(`/gemeinden/${place.ags}`);
    await page.getByRole("button", { name: "Maßnahme hinzufügen" }).click();
    const form = page.locator(".measure-form");
    await form.getByLabel("Förderprogramm *").selectOption("sozialer-zusammenhalt");
    await form.getByLabel("Beginn (Jahr) *").fill("2022");
    await form.getByRole("button", { name: "Maßnahme speichern" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Name der Maßnahme *: Bitte ausfüllen.");
    // Focus is on the summary; its link leads to the field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("error-summary"))).toBe(true);

    const name = `Quartier Nord ${Date.now()}`;
    await form.getByLabel("Name der Maßnahme *").fill(name);
    await form.getByLabel("Ende (Jahr)").fill("2020");
    await form.getByRole("button", { name: "Jahr hinzufügen" }).click();
    await form.getByLabel("Jahr (Zeile 1)").fill("2023");
    await form.getByLabel("Bund (Zeile 1)").fill("120.000,50");
    await form.getByRole("button", { name: "Maßnahme speichern" }).click();
    // The server's 422 (end before start) lands at the end year.
    await expect.poll(() => form.locator(".field--invalid .field__error").allTextContents()).toEqual(["Das Ende liegt vor dem Beginn."]);
    expect(await form.getByLabel("Ende (Jahr)").getAttribute("aria-invalid")).toBe("true");

    await form.getByLabel("Ende (Jahr)").fill("2027");
    await form.getByRole("button", { name: "Maßnahme speichern" }).click();
    await page.getByText(`Maßnahme „${name}“ gespeichert.`).waitFor();
    const entry = page.locator(".measure-list li", { hasText: name });
    expect(await entry.textContent()).toContain("2022–2027");
    expect(await entry.textContent()).toContain("120.000,50 €");
    await screenshot(page, "funding-measure-saved");
  });

  it("editing a measure that changed meanwhile answers 412: the form offers to save on the newer version", async () => {
    const page = await browser.open("/", { allowConsoleErrors: [/status of 412 .*\/api\/measures\/\d+/] });
    await signIn(page, "advisor");
    const smrPage = await browser.open("/");
    await signIn(smrPage, "smr");
    // The advisor's district (Meißen) has municipalities without a concept too; the server checks the scope.
    const list = await page.request.get("/api/municipalities?status=none&district=14627&limit=1");
    const place = ((await list.json()) as { items: MunicipalityRow[] }).items[0];
    if (!place) throw new Error("no municipality without a concept in Meißen");
    const name = `Markt ${Date.now()}`;
    const created = await createMeasure(smrPage, place.ags, name);

    await page.goto(`/gemeinden/${place.ags}`);
    await page.getByRole("button", { name: `Maßnahme „${name}“ bearbeiten` }).click();
    const form = page.locator(".measure-form");
    await form.getByLabel("Fördergebiet", { exact: true }).waitFor();
    // Meanwhile SMR changes it.
    const changed = await smrPage.request.patch(`/api/measures/${created.id}`, {
      headers: { "x-csrf-token": await csrfToken(smrPage), "content-type": "application/json", "if-match": `"${created.version}"` },
      data: { area: "Altstadt" },
    });
    expect(changed.status()).toBe(200);
    await form.getByLabel("Fördergebiet", { exact: true }).fill("Marktplatz und Umfeld");
    await form.getByRole("button", { name: "Änderungen speichern" }).click();
    const conflict = page.locator(".conflict");
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain("Die Maßnahme wurde inzwischen geändert.");
    await conflict.getByRole("button", { name: /^Meine Eingaben auf Version \d+ speichern$/ }).click();
    await page.getByText(`Maßnahme „${name}“ gespeichert.`).waitFor();
    expect(await page.locator(".measure-list li", { hasText: name }).textContent()).toContain("Marktplatz und Umfeld");
  });

  it("the map shows a programme's municipalities with the overview's patterns and lists only them", async () => {
    const page = await browser.open("/");
    await signIn(page, "smr");
    const place = await municipalityWithoutConcept(page, 2);
    await createMeasure(page, place.ags, `Zentrum ${Date.now()}`);
    await page.goto("/foerderung?programm=lebendige-zentren");
    const shape = page.locator(`a.map-shape[data-ags="${place.ags}"]`);
    await shape.waitFor();
    expect(await shape.getAttribute("class")).toBe("map-shape");
    expect(await shape.getAttribute("aria-label")).not.toContain("außerhalb");
    expect(await page.locator("a.map-shape--dim").count()).toBeGreaterThan(300);
    await page.getByRole("button", { name: "Karte als Liste" }).click();
    const listed = await page.locator(".coverage-map table tbody th").allTextContents();
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.length).toBeLessThan(100);
    // The eligible list of the same programme: by population, threshold named.
    expect(await page.locator(".funding-eligible").textContent()).toContain("Mindestens 2.001 Einwohner.");
  });

  it("is keyboard operable: Tab reaches the date, then a sort button, then the CSV download, which Enter starts", async () => {
    const page = await browser.open("/");
    await signIn(page, "smr");
    await createMeasure(page, (await municipalityWithoutConcept(page, 5)).ags, `Tastatur ${Date.now()}`);
    await page.goto("/foerderung");
    await page.locator(".at-risk-table tbody tr").first().waitFor();
    const focused = () => page.evaluate(() => ({ id: document.activeElement?.id ?? "", text: document.activeElement?.textContent?.trim() ?? "" }));
    expect(await tabUntil(page, async () => (await focused()).id.endsWith("-asof"))).toBe(true);
    expect(await tabUntil(page, async () => (await focused()).text.startsWith("Gemeinde"))).toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".at-risk-table thead th").first().getAttribute("aria-sort")).toBe("ascending");
    expect(await tabUntil(page, async () => (await focused()).text === "Als CSV herunterladen")).toBe(true);
    const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
  });

  it("has no serious or critical axe violations on /foerderung, the import page, the programmes page and a municipality with measures", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    const place = await municipalityWithoutConcept(page, 3);
    await createMeasure(page, place.ags, `Barrierefrei ${Date.now()}`);
    for (const [path, ready, name] of [
      ["/foerderung", ".at-risk-table tbody tr", "foerderung"],
      ["/foerderung/import", "form.stack-form", "foerderung-import"],
      ["/foerderung/programme", ".programme-table tbody tr", "foerderung-programme"],
      [`/gemeinden/${place.ags}`, ".measure-list li", "gemeinde-massnahmen"],
    ] as const) {
      await page.goto(path);
      await page.locator(ready).first().waitFor();
      await screenshot(page, `a11y-${name}`);
      await expectNoSeriousAxeViolations(page);
    }
    // The programmes page's edit form too (an SMR administrator).
    await page.goto("/foerderung/programme");
    await page.getByRole("button", { name: /^„Lebendige Zentren/ }).click();
    await page.locator(".programme-form").waitFor();
    await expectNoSeriousAxeViolations(page);
  });

  it("an update-request campaign can target the municipalities with measures at risk today", async () => {
    const page = await browser.open("/");
    await signIn(page, "smr");
    await createMeasure(page, (await municipalityWithoutConcept(page, 4)).ags, `Kampagne ${Date.now()}`);
    const atRisk = (await (await page.request.get("/api/measures/at-risk")).json()) as { items: { ags: string }[] };
    const municipalities = new Set(atRisk.items.map((item) => item.ags)).size;
    expect(municipalities).toBeGreaterThan(0);
    await page.goto("/beratungen/anfragen");
    await page.getByRole("radio", { name: "Gemeinden mit gefährdeten Maßnahmen (heute)" }).check();
    await page.getByRole("button", { name: "Empfänger prüfen" }).click();
    const preview = page.locator(".send-preview");
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`${municipalities} Anfrage`);
    await page.getByRole("button", { name: new RegExp(`^${municipalities} Anfragen? jetzt anlegen$`) }).click();
    await page.getByText(new RegExp(`^${municipalities} Anfragen? angelegt\\.$`)).waitFor();
    await expect.poll(() => page.locator("main").textContent()).toContain("Gemeinden mit gefährdeter Förderung");
  });

  it("switches to English: the funding page's headings, navigation and figures follow", async () => {
    const page = await browser.open("/foerderung");
    await page.getByRole("heading", { level: 1, name: "Förderung" }).waitFor();
    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("heading", { level: 1, name: "Funding" }).waitFor();
    expect(await page.locator("main h2").allTextContents()).toContain("Measures at risk");
    expect(await page.getByRole("link", { name: "Funding", exact: true }).first().getAttribute("aria-current")).toBe("page");
    await page.locator('[data-figure="running"]').waitFor();
    expect(await page.locator('[data-figure="running"] dt').textContent()).toBe("Running measures");
  });
});
