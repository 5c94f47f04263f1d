import { deflateSync } from "node:zlib";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn } from "./accounts";
import { PHONE, expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

// Großenhain (the demo municipality account's own) proposes; Riesa adopts.
const GROSSENHAIN = "14627060";
const RIESA = "14627230";

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real PNG of one colour (the server decodes and re-encodes it). */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(pixels)), chunk("IEND", Buffer.alloc(0))]);
}

function practiceIdOfUrl(page: Page): number {
  const match = /\/praxisbeispiele\/(\d+)$/.exec(new URL(page.url()).pathname);
  if (!match?.[1]) throw new Error(`not an entry's page: ${page.url()}`);
  return Number(match[1]);
}

async function status(page: Page, text: string) {
  await expect.poll(() => page.getByRole("status").filter({ hasText: text }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

async function heading(page: Page, name: string) {
  await expect.poll(() => page.getByRole("heading", { level: 1, name }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

/** Every image on the page has a non-empty alt text, except the list cards' thumbnails beside their titled link (alt=""). */
async function imagesWithoutAlt(page: Page): Promise<string[]> {
  return page.$$eval("main img:not(.practice-card__image)", (images) =>
    images.filter((image) => (image.getAttribute("alt") ?? "").trim() === "").map((image) => image.getAttribute("src") ?? "?"),
  );
}

describe.skipIf(skipE2e)("Praxisbeispiele", () => {
  const browser = useBrowser();
  const title = `Dorfladen mit Bürgerbus ${Date.now()}`;
  let practiceId = 0;

  it("a municipality proposes an entry with two images, an editor returns it, the municipality revises and submits, the editor publishes", async () => {
    const author = await browser.open("/", { bypassCSP: true, allowConsoleErrors: [/status of 422/] });
    await signIn(author, "municipality");
    await author.goto("/praxisbeispiele/neu");
    await heading(author, "Praxisbeispiel vorschlagen");
    // The own municipality is chosen already.
    await expect.poll(() => author.getByRole("button", { name: "Großenhain entfernen" }).count(), { timeout: 15_000 }).toBe(1);

    // Nothing filled in: the error summary names the fields.
    await author.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await expect.poll(() => author.locator(".error-summary").textContent()).toContain("Titel");
    await expectNoSeriousAxeViolations(author);

    await author.getByLabel("Titel *").fill(title);
    await author.getByLabel("Kurzbeschreibung *").fill("Ein genossenschaftlicher Dorfladen, den ein ehrenamtlicher Bürgerbus mit den Ortsteilen verbindet.");
    const description = author.getByLabel("Beschreibung *", { exact: true });
    await description.fill("Was dazu gehört:\nLaden\nBus");
    // The toolbar makes the last two lines a bulleted list and a link of the selected word.
    await description.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(element.value.indexOf("Laden"), element.value.length));
    await author.getByRole("button", { name: "Aufzählung" }).click();
    await expect.poll(() => description.inputValue()).toBe("Was dazu gehört:\n\n- Laden\n- Bus");
    await description.evaluate((element: HTMLTextAreaElement) => element.setSelectionRange(element.value.indexOf("Bus"), element.value.indexOf("Bus") + 3));
    await author.getByRole("button", { name: "Link" }).click();
    await author.getByLabel("Adresse des Links (https://…)").fill("https://example.org/buergerbus");
    await author.getByRole("button", { name: "Link einfügen" }).click();
    await expect.poll(() => description.inputValue()).toBe("Was dazu gehört:\n\n- Laden\n- [Bus](https://example.org/buergerbus)");
    await author.getByRole("button", { name: "Vorschau zeigen" }).click();
    await expect.poll(() => author.locator(".formatted-field__preview li a").getAttribute("href")).toBe("https://example.org/buergerbus");
    await author.getByLabel("Daseinsvorsorge").check();
    await author.getByLabel("Mobilität").check();
    await author.getByLabel("Phase *").selectOption({ label: "in Umsetzung" });
    await author.getByLabel("Kontakt: Stelle oder Funktion").fill("Bauamt, Sachgebiet Stadtentwicklung");
    await author.getByLabel("Links").fill("Projektseite https://example.org/dorfladen");
    // Konzept: the chosen municipalities' concepts, none chosen by default.
    const concept = author.getByLabel("Konzept", { exact: true });
    expect(await concept.inputValue()).toBe("");
    expect(await concept.locator("option").first().textContent()).toBe("kein Konzept");
    // Förderung: a programme, ticked with the keyboard.
    const programme = author.getByRole("group", { name: "Förderprogramme" }).getByLabel(/^Lebendige Zentren/);
    await programme.focus();
    await author.keyboard.press("Space");
    await expect.poll(() => programme.isChecked()).toBe(true);
    await expectNoSeriousAxeViolations(author);
    await author.getByRole("button", { name: "Als Entwurf speichern" }).click();
    await author.waitForURL(/\/praxisbeispiele\/\d+$/);
    practiceId = practiceIdOfUrl(author);
    await status(author, "Gespeichert");
    await heading(author, title);
    await expect.poll(() => author.getByRole("region", { name: "Förderung" }).textContent(), { timeout: 15_000 }).toContain("Lebendige Zentren");
    expect(await author.locator(".practice-state").first().textContent()).toContain("Entwurf");
    expect(await author.locator(".formatted-text ul li a").getAttribute("href")).toBe("https://example.org/buergerbus");

    // "Meine Entwürfe" lists it under its state.
    await author.goto("/praxisbeispiele/meine-entwuerfe");
    await heading(author, "Meine Entwürfe");
    await expect.poll(() => author.getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(author);
    await author.getByRole("link", { name: title }).click();
    await heading(author, title);

    // An image needs its alternative text.
    const file = author.getByLabel("Bilddatei *");
    await file.setInputFiles({ name: "laden.png", mimeType: "image/png", buffer: png(64, 48, [200, 120, 40]) });
    await expect.poll(() => author.locator(".practice-image-form__preview img").count()).toBe(1);
    await author.getByRole("button", { name: "Bild hochladen" }).click();
    await expect.poll(() => author.locator(".error-summary").textContent()).toContain("Alternativtext");
    await expectNoSeriousAxeViolations(author);
    await author.getByLabel("Alternativtext *").fill("Der Dorfladen am Markt mit seiner Holzfassade");
    await author.getByRole("button", { name: "Bild hochladen" }).click();
    await status(author, "Bild hinzugefügt.");
    await file.setInputFiles({ name: "bus.png", mimeType: "image/png", buffer: png(64, 48, [40, 80, 200]) });
    await author.getByLabel("Alternativtext *").fill("Der Bürgerbus an der Haltestelle im Ortsteil");
    await author.getByRole("button", { name: "Bild hochladen" }).click();
    await expect.poll(() => author.locator(".practice-images img").count(), { timeout: 15_000 }).toBe(2);
    expect(await author.locator(".practice-images img").evaluateAll((images) => images.map((image) => image.getAttribute("alt")))).toEqual([
      "Der Dorfladen am Markt mit seiner Holzfassade",
      "Der Bürgerbus an der Haltestelle im Ortsteil",
    ]);
    await expect.poll(() => author.locator(".practice-images img").first().evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await imagesWithoutAlt(author)).toEqual([]);

    await author.getByRole("button", { name: "Zur Prüfung einreichen" }).click();
    await status(author, "Zur Prüfung eingereicht.");
    await expect.poll(() => author.locator(".practice-state").first().textContent()).toContain("zur Prüfung eingereicht");
    await expectNoSeriousAxeViolations(author);

    // The editor finds it in the queue and returns it with a comment.
    const editor = await browser.open("/", { bypassCSP: true });
    await signIn(editor, "advisor");
    await editor.goto("/praxisbeispiele/pruefen");
    await heading(editor, "Praxisbeispiele prüfen");
    await expect.poll(() => editor.getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(editor);
    await editor.getByRole("link", { name: title }).click();
    await heading(editor, title);
    await editor.getByRole("button", { name: "Zur Überarbeitung zurückgeben" }).click();
    await editor.getByRole("button", { name: "Zurückgeben", exact: true }).click();
    await expect.poll(() => editor.locator(".practice-workflow .field__error").textContent()).toBe("Bitte schreiben Sie, was überarbeitet werden soll.");
    expect(await editor.evaluate(() => document.activeElement?.getAttribute("aria-describedby"))).toMatch(/-comment-error$/);
    await expectNoSeriousAxeViolations(editor);
    await editor.getByLabel("Was soll überarbeitet werden?").fill("Bitte die Kosten des Bürgerbusses in der Kurzbeschreibung nennen.");
    await editor.getByRole("button", { name: "Zurückgeben", exact: true }).click();
    await status(editor, "Zur Überarbeitung zurückgegeben.");

    // The municipality reads the comment, revises and submits again.
    await author.reload();
    await heading(author, title);
    await expect.poll(() => author.locator(".practice-return-comment").textContent(), { timeout: 15_000 }).toContain("Kosten des Bürgerbusses");
    await expectNoSeriousAxeViolations(author);
    await author.getByRole("link", { name: "Bearbeiten" }).click();
    await heading(author, "Praxisbeispiel bearbeiten");
    const summary = author.getByLabel("Kurzbeschreibung *");
    await expect.poll(() => summary.inputValue(), { timeout: 15_000 }).toContain("genossenschaftlicher Dorfladen");
    await expect.poll(() => author.getByLabel("Beschreibung *", { exact: true }).inputValue()).toBe("Was dazu gehört:\n\n- Laden\n- [Bus](https://example.org/buergerbus)");
    await summary.fill("Ein genossenschaftlicher Dorfladen und ein ehrenamtlicher Bürgerbus (rund 12.000 Euro im Jahr) verbinden die Ortsteile.");
    await author.getByRole("button", { name: "Änderungen speichern" }).click();
    await author.waitForURL(new RegExp(`/praxisbeispiele/${practiceId}$`));
    await status(author, "Gespeichert");
    await author.getByRole("button", { name: "Zur Prüfung einreichen" }).click();
    await status(author, "Zur Prüfung eingereicht.");

    // The editor publishes.
    await editor.reload();
    await heading(editor, title);
    await editor.getByRole("button", { name: "Veröffentlichen" }).click();
    await status(editor, "Veröffentlicht.");
    await expect.poll(() => editor.locator(".practice-state").first().textContent()).toContain("veröffentlicht");
    await expectNoSeriousAxeViolations(editor);
    await screenshot(editor, "practice-published");
  });

  it("a visitor finds the entry by topic and on the map, with its images' alt texts", async () => {
    expect(practiceId).toBeGreaterThan(0);
    const visitor = await browser.open("/praxisbeispiele", { bypassCSP: true });
    await heading(visitor, "Praxisbeispiele");
    expect(await visitor.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute("href")).toContain("/api/practices/feed.atom");
    await visitor.getByLabel("Thema").selectOption({ label: "Mobilität" });
    await visitor.waitForURL(/topic=mobility/);
    await expect.poll(() => visitor.getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(visitor);
    // Another topic does not list it; the filter lives in the URL.
    await visitor.getByLabel("Thema").selectOption({ label: "Jugend" });
    await visitor.waitForURL(/topic=youth/);
    await expect.poll(() => visitor.getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(0);
    await visitor.goBack();
    await visitor.waitForURL(/topic=mobility/);

    // On the map: Großenhain's numbered circle leads to its entries.
    const point = visitor.locator(`.practices-map__point[data-ags="${GROSSENHAIN}"]`);
    await expect.poll(() => point.count(), { timeout: 15_000 }).toBe(1);
    expect(await point.getAttribute("aria-label")).toMatch(/^Großenhain, Stadt: \d+ Praxisbeispiele?$/);
    await point.focus();
    await visitor.keyboard.press("Enter");
    await visitor.waitForURL(new RegExp(`ags=${GROSSENHAIN}`));
    await expect.poll(() => visitor.getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(visitor);

    await visitor.getByRole("link", { name: title }).click();
    await heading(visitor, title);
    await expect.poll(() => visitor.locator(".practice-images img").count(), { timeout: 15_000 }).toBe(2);
    expect(await imagesWithoutAlt(visitor)).toEqual([]);
    expect(await visitor.locator(".lead").first().textContent()).toContain("12.000 Euro");
    // Workflow actions are for those related to the entry.
    expect(await visitor.getByRole("button", { name: "Veröffentlichen" }).count()).toBe(0);
    expect(await visitor.getByRole("heading", { name: "Nachahmer erfassen" }).count()).toBe(0);
    await expectNoSeriousAxeViolations(visitor);

    // The municipality's page lists it.
    await visitor.goto(`/gemeinden/${GROSSENHAIN}`);
    await expect.poll(() => visitor.locator(".municipality-practices").getByRole("link", { name: title }).count(), { timeout: 15_000 }).toBe(1);
  });

  it("an advisor records a second commune as adopter; the entry counts it and names it", async () => {
    expect(practiceId).toBeGreaterThan(0);
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "advisor");
    await page.goto(`/praxisbeispiele/${practiceId}`);
    await heading(page, title);
    const input = page.getByRole("combobox", { name: "Gemeinde" });
    await input.fill("Riesa");
    await expect.poll(() => page.getByRole("option", { name: /Riesa/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole("option", { name: /Riesa/ }).first().click();
    await page.getByLabel("Anmerkung").fill("Bürgerbus seit 2026 im Ortsteil Gröba");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "Nachahmer erfassen" }).click();
    await status(page, "ist als Nachahmer erfasst");
    await expect.poll(() => page.locator(".practice-adopters").textContent(), { timeout: 15_000 }).toContain("1 Gemeinde hat dieses Beispiel übernommen");
    expect(await page.locator(`.practice-adopters [data-adopter="${RIESA}"]`).textContent()).toContain("Riesa");
    await expectNoSeriousAxeViolations(page);

    // The visitor's catalogue filters by "adopted" and shows the count.
    const visitor = await browser.open("/praxisbeispiele?adopted=true", { bypassCSP: true });
    await expect.poll(() => visitor.locator(`[data-practice="${practiceId}"]`).textContent(), { timeout: 15_000 }).toContain("1 Nachahmer");
  });

  it("an advisor links a consultation to the entry; its card links back", async () => {
    expect(practiceId).toBeGreaterThan(0);
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "advisor");
    await page.goto("/beratungen");
    await expect.poll(() => page.getByRole("heading", { level: 2, name: "Beratung erfassen" }).count(), { timeout: 15_000 }).toBe(1);
    await page.getByLabel("Art der Beratung").selectOption("on_site");
    const input = page.getByRole("combobox", { name: "Beratene Gemeinden" });
    await input.fill("Großenh");
    await expect.poll(() => page.getByRole("option", { name: /Großenhain/ }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.getByRole("option", { name: /Großenhain/ }).first().click();
    await page.getByRole("checkbox", { name: "Fortschreibung" }).check();
    const summary = `Beratung zum Dorfladen ${Date.now()}`;
    await page.getByLabel("Zusammenfassung").fill(summary);
    await page.getByLabel("Praxisbeispiel (Nr.)").fill(String(practiceId));
    await page.getByRole("button", { name: "Beratung speichern" }).click();
    await expect.poll(() => page.locator(".notice--success").first().textContent(), { timeout: 15_000 }).toContain("ist gespeichert");
    const card = page.locator("li.consultation", { hasText: summary });
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await card.getByRole("link", { name: `Praxisbeispiel Nr. ${practiceId}` }).click();
    await heading(page, title);
  });

  it("fits a phone: the catalogue and the entry scroll vertically only", async () => {
    expect(practiceId).toBeGreaterThan(0);
    for (const path of ["/praxisbeispiele", `/praxisbeispiele/${practiceId}`]) {
      const page = await browser.open(path, { bypassCSP: true, viewport: PHONE, touch: true });
      await expect.poll(() => page.locator("main h1").count(), { timeout: 15_000 }).toBe(1);
      await expect.poll(() => page.locator(".practice-card, .practice-view").count(), { timeout: 15_000 }).toBeGreaterThan(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
      await expectNoSeriousAxeViolations(page);
    }
  });

  it("switches to English", async () => {
    const visitor = await browser.open("/praxisbeispiele", { bypassCSP: true });
    await heading(visitor, "Praxisbeispiele");
    await visitor.getByRole("button", { name: "English" }).click();
    await heading(visitor, "Good practice");
    await expect.poll(() => visitor.getByLabel("Topic").count()).toBe(1);
    await expectNoSeriousAxeViolations(visitor);
  });
});
