import { todayInSaxony } from "@insek/contracts";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_EMAILS, csrfToken, signIn } from "./accounts";
import { expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/*
 * The SMR side of the FS INGE advisory workspace beyond advisory.test.ts: deleting an assignment with the
 * keyboard, the quarterly XLSX activity report, a district campaign's details and outbox, and the portfolio
 * chooser. The suite's files share one server, so each test uses data no other file touches (Zittau, Nordsachsen,
 * a summary with a unique marker) and asserts only on that.
 */

const ZITTAU = "14626610";
const NORDSACHSEN = "14730";

interface PortfolioItem {
  ags: string;
  name: string;
}

async function portfolioOf(page: Page, advisor?: string): Promise<{ advisor: { displayName: string }; items: PortfolioItem[] }> {
  const query = advisor ? `?advisor=${encodeURIComponent(advisor)}` : "";
  const response = await page.request.get(`/api/portfolio${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { advisor: { displayName: string }; items: PortfolioItem[] };
}

async function heading(page: Page, level: 1 | 2 | 3, name: string | RegExp) {
  await expect.poll(() => page.getByRole("heading", { level, name }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

function currentQuarter(today: string): string {
  return `${today.slice(0, 4)}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Presses Tab until the focused element has this accessible name (aria-label or text); fails after `max` presses. */
async function tabTo(page: Page, name: string | RegExp, max = 400): Promise<void> {
  const matches = (text: string) => (typeof name === "string" ? text === name : name.test(text));
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? (element.getAttribute("aria-label") ?? element.textContent ?? "").trim() : "";
    });
    if (matches(focused)) return;
  }
  throw new Error(`no focusable element named ${String(name)} within ${max} Tab presses`);
}

/** Picks a municipality in the searchable picker with the keyboard only. */
async function pickWithKeyboard(page: Page, label: string, text: string, expected: string) {
  const input = page.getByRole("combobox", { name: label });
  await input.focus();
  await page.keyboard.type(text);
  await expect.poll(() => page.getByRole("option", { name: new RegExp(expected) }).count(), { timeout: 10_000 }).toBeGreaterThan(0);
  await page.keyboard.press("ArrowDown");
  await expect.poll(() => input.getAttribute("aria-activedescendant")).toBeTruthy();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByRole("button", { name: `${expected} entfernen` }).count()).toBe(1);
}

describe.skipIf(skipE2e)("FS INGE advisory workspace: SMR administration", () => {
  const browser = useBrowser();

  it("SMR deletes an assignment with the keyboard; it leaves the list and the advisor's portfolio", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    await page.goto("/beratungen/zuordnungen");
    await heading(page, 1, "Zuordnungen");
    await heading(page, 2, "Bestehende Zuordnungen");

    // Assign one municipality outside the demo portfolio (Landkreis Görlitz), keyboard only.
    const advisorSelect = page.getByRole("combobox", { name: "Beraterin oder Berater" }).first();
    await expect.poll(() => advisorSelect.locator(`option[value="${DEMO_EMAILS.advisor}"]`).count(), { timeout: 15_000 }).toBe(1);
    await advisorSelect.focus();
    await advisorSelect.selectOption(DEMO_EMAILS.advisor);
    await page.getByRole("radio", { name: "eine Gemeinde" }).focus();
    await page.keyboard.press("Space");
    expect(await page.getByRole("radio", { name: "eine Gemeinde" }).isChecked()).toBe(true);
    await pickWithKeyboard(page, "Gemeinde", "Zittau", "Zittau");
    await page.getByRole("button", { name: "Zuordnen", exact: true }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator(".notice--success").first().textContent(), { timeout: 15_000 }).toBe("1 Zuordnung angelegt.");

    // The advisor has Zittau now.
    const advisor = await browser.open("/");
    await signIn(advisor, "advisor");
    expect((await portfolioOf(advisor)).items.some((item) => item.ags === ZITTAU)).toBe(true);
    await advisor.goto("/meine-kommunen");
    const advisorRows = advisor.locator("table.portfolio-table tbody tr");
    await expect.poll(() => advisorRows.filter({ hasText: "Zittau" }).count(), { timeout: 15_000 }).toBe(1);
    const before = await advisorRows.count();

    // A second SMR tab still shows the row when the first one deletes it.
    const stale = await browser.open("/", { allowConsoleErrors: [/status of 404/] });
    await signIn(stale, "smr");
    await stale.goto("/beratungen/zuordnungen");
    const staleRow = stale.getByRole("table", { name: /Zuordnungen/ }).locator("tbody tr", { hasText: "Zittau" });
    await expect.poll(() => staleRow.count(), { timeout: 15_000 }).toBe(1);

    // SMR narrows the list to the advisor and deletes Zittau's assignment, keyboard only.
    const list = page.getByRole("table", { name: /Zuordnungen/ });
    await expect.poll(() => list.locator("tbody tr", { hasText: "Zittau" }).count(), { timeout: 15_000 }).toBe(1);
    const filterSelect = page.getByRole("combobox", { name: "Beraterin oder Berater" }).nth(1);
    await filterSelect.selectOption(DEMO_EMAILS.advisor);
    await page.getByRole("button", { name: "Anwenden" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => list.locator("tbody tr", { hasNotText: DEMO_EMAILS.advisor }).count(), { timeout: 15_000 }).toBe(0);
    await expect.poll(() => list.locator("tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(1);
    const rowsBefore = await list.locator("tbody tr").count();
    // The list shows the official name ("Zittau, Stadt, Hochschulstadt").
    await tabTo(page, /^Zuordnung Zittau, .+ – .+ löschen$/);
    await expectNoSeriousAxeViolations(page);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByText("Die Zuordnung ist gelöscht.").count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => list.locator("tbody tr", { hasText: "Zittau" }).count(), { timeout: 15_000 }).toBe(0);
    expect(await list.locator("tbody tr").count()).toBe(rowsBefore - 1);
    // Focus is not lost to the page body: a keyboard user can carry on from the confirmation.
    const focused = await page.evaluate(() => ({ tag: document.activeElement?.tagName ?? "", text: document.activeElement?.textContent ?? "" }));
    expect(focused.tag).not.toBe("BODY");
    expect(focused.text).toBe("Die Zuordnung ist gelöscht.");
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "advisory-assignment-deleted");

    // The API no longer lists it, and it left the advisor's portfolio (the rest stays).
    const listed = await page.request.get(`/api/assignments?advisor=${encodeURIComponent(DEMO_EMAILS.advisor)}&ags=${ZITTAU}`);
    expect(listed.status()).toBe(200);
    expect(((await listed.json()) as { items: unknown[] }).items).toEqual([]);
    expect((await portfolioOf(advisor)).items.some((item) => item.ags === ZITTAU)).toBe(false);
    await advisor.reload();
    await expect.poll(() => advisorRows.count(), { timeout: 15_000 }).toBe(before - 1);
    expect(await advisorRows.filter({ hasText: "Zittau" }).count()).toBe(0);
    expect(await advisorRows.filter({ hasText: "Großenhain" }).count()).toBe(1);

    // Deleting it again from the stale tab fails visibly, as an error (not as a success), with focus on it.
    await staleRow.getByRole("button", { name: /^Zuordnung Zittau, .+ löschen$/ }).focus();
    await stale.keyboard.press("Enter");
    const failure = stale.locator(".notice--error[role=alert]");
    await expect.poll(() => failure.textContent(), { timeout: 15_000 }).toContain("Das hat nicht geklappt");
    expect(await stale.locator(".notice--success").count()).toBe(0);
    expect(await stale.evaluate(() => document.activeElement?.classList.contains("notice--error"))).toBe(true);
  });

  it("SMR downloads the quarterly activity report; the workbook holds a consultation recorded in this test", async () => {
    // The advisor records a seminar with two municipalities (the form itself is covered in advisory.test.ts).
    const advisor = await browser.open("/");
    await signIn(advisor, "advisor");
    const meissen = (await portfolioOf(advisor)).items.filter((item) => item.ags.startsWith("14627")).slice(0, 2);
    expect(meissen).toHaveLength(2);
    const today = todayInSaxony();
    const summary = `Quartalsbericht e2e ${Date.now()}`;
    const created = await advisor.request.post("/api/consultations", {
      headers: { "x-csrf-token": await csrfToken(advisor) },
      data: {
        date: today,
        kind: "seminar",
        ags: meissen.map((item) => item.ags),
        topics: ["participation", "funding"],
        summary,
        nextStep: "Unterlagen zur Förderung senden",
        nextContactDate: null,
        internal: true,
      },
    });
    expect(created.status()).toBe(201);

    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    await page.goto("/beratungen");
    await heading(page, 2, "Aktivitätsstatistik");
    await heading(page, 3, "Quartalsbericht");
    const quarter = currentQuarter(today);
    expect(await page.getByLabel("Quartal").inputValue()).toBe(quarter);
    await expectNoSeriousAxeViolations(page);

    // Each chart's figures are a table one click away: the seminar just recorded counts under its kind.
    const perKind = page.getByRole("region", { name: "Beratungen nach Art" });
    const toggle = perKind.getByRole("button", { name: "Tabelle anzeigen" });
    await expect.poll(() => toggle.count(), { timeout: 15_000 }).toBe(1);
    await toggle.focus();
    await page.keyboard.press("Enter");
    const kindTable = perKind.getByRole("table", { name: "Beratungen nach Art" });
    await expect.poll(() => kindTable.isVisible()).toBe(true);
    const seminarRow = kindTable.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Seminar/Workshop" }) });
    expect(Number(await seminarRow.getByRole("cell").first().textContent())).toBeGreaterThanOrEqual(1);
    await expectNoSeriousAxeViolations(page);

    const link = page.getByRole("link", { name: "Quartalsbericht herunterladen (XLSX)" });
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(await download.failure()).toBeNull();
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(download.url()).toContain(`quarter=${quarter}`);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Übersicht", "Monate", "Beratungsarten", "Landkreise", "Beratungen"]);

    const rowsOf = (name: string) => {
      const sheet = workbook.getWorksheet(name);
      if (!sheet) throw new Error(`no sheet ${name}`);
      const rows: ExcelJS.CellValue[][] = [];
      sheet.eachRow((row) => {
        rows.push((row.values as ExcelJS.CellValue[]).slice(1));
      });
      return rows;
    };
    const text = (value: ExcelJS.CellValue | undefined) => (typeof value === "string" ? value : `(not text: ${typeof value})`);

    // "Beratungen": one row per consultation of the quarter, ours among them with its labels.
    const consultations = rowsOf("Beratungen");
    expect(consultations[0]?.slice(0, 3)).toEqual(["Datum", "Beratungsart", "Gemeinden"]);
    const ours = consultations.filter((row) => row[6] === summary);
    expect(ours).toHaveLength(1);
    const [row] = ours;
    expect(row?.[0]).toBeInstanceOf(Date);
    expect((row?.[0] as Date).toISOString().slice(0, 10)).toBe(today);
    expect(row?.[1]).toBe("Seminar/Workshop");
    expect(text(row?.[3])).toBe(meissen.map((item) => item.ags).join("; "));
    expect(row?.[4]).toBe(2);
    expect(row?.[5]).toBe("Beteiligung; Förderung");
    expect(row?.[7]).toBe("Unterlagen zur Förderung senden");
    expect(row?.[9]).toBe("ja");
    for (const item of meissen) expect(text(row?.[2])).toContain(item.name);

    // "Übersicht": the quarter's range and a total that matches the data sheet.
    const overview = new Map(rowsOf("Übersicht").map((cells) => [text(cells[0]), cells[1]]));
    expect((overview.get("Von") as Date).toISOString().slice(0, 10)).toBe(`${today.slice(0, 4)}-${String((Number(quarter.slice(6)) - 1) * 3 + 1).padStart(2, "0")}-01`);
    expect(overview.get("Beratungen")).toBe(consultations.length - 1);
    expect(Number(overview.get("davon intern"))).toBeGreaterThanOrEqual(1);

    // "Landkreise" counts Meißen, "Beratungsarten" the seminar, "Monate" this month.
    const districts = rowsOf("Landkreise");
    expect(districts.find((cells) => cells[0] === "14627")?.[1]).toBe("Meißen");
    expect(Number(districts.find((cells) => cells[0] === "14627")?.[2])).toBeGreaterThanOrEqual(1);
    expect(Number(rowsOf("Beratungsarten").find((cells) => cells[0] === "Seminar/Workshop")?.[1])).toBeGreaterThanOrEqual(1);
    expect(Number(rowsOf("Monate").find((cells) => cells[0] === today.slice(0, 7))?.[1])).toBeGreaterThanOrEqual(1);
  });

  it("SMR sends requests to a district and follows the campaign: rows and counts per municipality, held messages with links", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const municipalities = await page.request.get(`/api/municipalities?district=${NORDSACHSEN}&limit=100`);
    expect(municipalities.status()).toBe(200);
    const expected = ((await municipalities.json()) as { items: { ags: string; name: string; displayName?: string }[] }).items;
    expect(expected.length).toBeGreaterThan(10);

    await page.goto("/beratungen/anfragen");
    await heading(page, 1, "Aktualisierungsanfragen");
    await page.getByRole("radio", { name: "alle Gemeinden eines Landkreises" }).check();
    await page.getByLabel("Landkreis oder kreisfreie Stadt").selectOption(NORDSACHSEN);
    await page.getByLabel("Gültigkeit des Links (Tage)").fill("10");
    await page.getByRole("button", { name: "Empfänger prüfen" }).click();
    await page.getByRole("button", { name: `${expected.length} Anfragen jetzt anlegen` }).click();
    const result = page.locator(".notice--success");
    await expect.poll(() => result.locator(".notice__title").textContent(), { timeout: 15_000 }).toBe(`${expected.length} Anfragen angelegt.`);
    const sent = await result.locator("li").evaluateAll((items) =>
      items.map((item) => ({ name: item.querySelector("strong")?.textContent ?? "", link: item.querySelector("a")?.getAttribute("href") ?? "" })),
    );
    expect(sent).toHaveLength(expected.length);
    for (const entry of sent) expect(entry.link).toMatch(/\/aktualisieren\/[A-Za-z0-9_-]+$/);
    expect(new Set(sent.map((entry) => entry.link)).size).toBe(sent.length);

    // One municipality opens its link, another confirms its record.
    const [opened, answered] = sent;
    if (!opened || !answered) throw new Error("too few requests");
    const visitor = await browser.open(new URL(opened.link).pathname);
    await heading(visitor, 1, "Stand des Stadtentwicklungskonzepts aktualisieren");
    await expect.poll(() => visitor.locator(".lead").first().textContent(), { timeout: 15_000 }).toContain(opened.name);
    // Loading the page (as a mail scanner does) does not count as opened; the person's first action does.
    const campaignList = (await (await page.request.get("/api/update-requests")).json()) as { items: { id: number; scope: { district?: string } }[] };
    const campaignId = campaignList.items.find((c) => c.scope.district === NORDSACHSEN)?.id;
    const stateOfOpened = async () => {
      const res = await page.request.get(`/api/update-requests/campaigns/${campaignId ?? 0}`);
      const items = ((await res.json()) as { items: { municipalityName: string; state: string }[] }).items;
      return items.find((r) => r.municipalityName === opened.name)?.state;
    };
    expect(await stateOfOpened()).toBe("unsent");
    await visitor.keyboard.press("Tab");
    await expect.poll(stateOfOpened, { timeout: 15_000 }).toBe("opened");
    const other = await browser.open(new URL(answered.link).pathname);
    await other.getByRole("button", { name: "Unverändert bestätigen" }).click();
    await heading(other, 2, "Vielen Dank – Ihre Angabe ist eingetragen.");

    // The campaign view counts them; its details list every municipality with its state.
    await page.reload();
    await heading(page, 2, "Anfrage-Aktionen");
    const campaigns = page.getByRole("table", { name: "Aktionen mit Stand der Antworten" });
    const campaign = campaigns.locator("tbody tr", { hasText: "alle Gemeinden in Nordsachsen" });
    await expect.poll(() => campaign.count(), { timeout: 15_000 }).toBe(1);
    const counts = await campaign.locator("td.num").allTextContents();
    // Anfragen, geöffnet (the answered one too), beantwortet, abgelaufen, Prüfung offen; nothing went out by e-mail.
    expect(counts).toEqual([String(expected.length), "2", "1", "0", "0"]);
    expect(await campaign.locator(".delivery-counts li").first().textContent()).toBe(`${expected.length} im Postausgang`);

    const toggle = campaign.getByRole("button", { name: "Anfragen anzeigen" });
    expect(await toggle.getAttribute("aria-expanded")).toBe("false");
    await toggle.click();
    const details = page.getByRole("table", { name: /^Anfragen der Aktion vom / });
    await expect.poll(() => details.locator("tbody tr").count(), { timeout: 15_000 }).toBe(expected.length);
    expect(await campaign.getByRole("button", { name: "Anfragen ausblenden" }).getAttribute("aria-expanded")).toBe("true");
    const rows = await details.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll("th, td")].map((cell) => (cell.textContent ?? "").trim())),
    );
    expect(rows.map((cells) => cells[0]).sort()).toEqual(sent.map((entry) => entry.name).sort());
    const byName = new Map(rows.map((cells) => [cells[0], cells]));
    // Gemeinde, Stand, An, Zustellung, Antwort, Prüfung, gültig bis.
    expect(byName.get(opened.name)?.slice(1, 6)).toEqual(["geöffnet", "keine Adresse", "im Postausgang", "–", "–"]);
    expect(byName.get(answered.name)?.slice(1, 6)).toEqual(["beantwortet", "keine Adresse", "im Postausgang", "unverändert bestätigt", "–"]);
    const untouched = rows.filter((cells) => cells[0] !== opened.name && cells[0] !== answered.name);
    expect(untouched.every((cells) => cells[1] === "noch nicht zugestellt" && cells[3] === "im Postausgang" && cells[4] === "–")).toBe(true);
    expect(new Set(rows.map((cells) => cells[6])).size).toBe(1);
    await expectNoSeriousAxeViolations(page);
    await screenshot(page, "advisory-campaign-details");

    // The outbox holds one message per municipality, each with its single-use link and a copy button.
    const messages = await page.locator(".outbox-message").evaluateAll((items) =>
      items.map((item) => ({
        subject: item.querySelector("h3")?.textContent ?? "",
        meta: item.querySelector(".consultation__meta")?.textContent ?? "",
        links: [...item.querySelectorAll(".link-copy")].map((span) => ({
          href: span.querySelector("a")?.getAttribute("href") ?? "",
          button: span.querySelector("button")?.textContent ?? "",
          buttonName: span.querySelector("button")?.getAttribute("aria-label") ?? "",
        })),
      })),
    );
    for (const entry of sent) {
      const held = messages.filter((message) => message.links.some((link) => link.href === entry.link));
      expect(held, `outbox message for ${entry.name}`).toHaveLength(1);
      expect(held[0]?.subject).toContain(entry.name);
      expect(held[0]?.meta).toContain("im Postausgang");
      const copyButton = held[0]?.links.find((link) => link.href === entry.link);
      expect(copyButton?.button).toBe("Kopieren");
      // Each copy button says which link it copies.
      expect(copyButton?.buttonName).toBe(`Link kopieren: ${held[0]?.subject ?? ""}`);
    }
    // Copying puts the link on the clipboard and says so.
    const message = page.locator(".outbox-message").filter({ has: page.locator(`a[href="${answered.link}"]`) });
    const copy = message.locator(".link-copy", { has: page.locator(`a[href="${answered.link}"]`) });
    await copy.getByRole("button", { name: /^Link kopieren: / }).click();
    await expect.poll(() => copy.getByRole("status").textContent()).toBe("Kopiert.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(answered.link);
    await expectNoSeriousAxeViolations(page);
  });

  it("SMR picks the demo advisor in the portfolio chooser and sees their portfolio", async () => {
    const page = await browser.open("/", { bypassCSP: true });
    await signIn(page, "smr");
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Beratungen" }).click();
    await heading(page, 1, "Beratungen");
    await page.getByRole("navigation", { name: "Bereiche der Beratung" }).getByRole("link", { name: "Portfolios der Beratung" }).click();
    await heading(page, 1, "Betreute Gemeinden");

    // Without a choice: only the chooser, offering the advisors that hold assignments.
    const input = page.getByLabel("Beraterin oder Berater (E-Mail)");
    await expect.poll(() => input.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator("table.portfolio-table").count()).toBe(0);
    const datalist = page.locator(`datalist#${await input.getAttribute("list")}`);
    await expect.poll(() => datalist.locator(`option[value="${DEMO_EMAILS.advisor}"]`).count(), { timeout: 15_000 }).toBe(1);
    await expectNoSeriousAxeViolations(page);

    // SMR picks the demo advisor with the keyboard.
    await input.focus();
    await page.keyboard.type(DEMO_EMAILS.advisor);
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).searchParams.get("advisor")).toBe(DEMO_EMAILS.advisor);
    const expected = await portfolioOf(page, DEMO_EMAILS.advisor);
    expect(expected.items.length).toBeGreaterThan(10);
    await expect.poll(() => page.getByText(`Portfolio von ${expected.advisor.displayName}`).count(), { timeout: 15_000 }).toBe(1);
    const rows = page.locator("table.portfolio-table tbody tr");
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBe(expected.items.length);
    expect((await page.locator("table.portfolio-table tbody tr th a").allTextContents()).sort()).toEqual(
      expected.items.map((item) => item.name).sort(),
    );
    expect(await rows.filter({ hasText: "Großenhain" }).count()).toBe(1);
    // The chooser keeps the choice; the filters work on the chosen portfolio.
    expect(await input.inputValue()).toBe(DEMO_EMAILS.advisor);
    await heading(page, 2, /Wiedervorlage diese Woche/);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("Name oder AGS").fill("Großen");
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("advisor")).toBe(DEMO_EMAILS.advisor);
    await screenshot(page, "advisory-portfolio-chooser");
  });
});
