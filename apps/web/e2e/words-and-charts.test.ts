import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { SCREENSHOT_DIR } from "./paths";
import { DESKTOP, PHONE, type Viewport, screenshot, skipE2e, useBrowser } from "./support";

/**
 * Chart texts that collide: pairs of axis tick labels (per axis) or of value labels whose boxes overlap, and
 * labels that stick out of the chart's drawing (cut off). A pixel of touching is allowed.
 */
async function collidingLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    document.querySelectorAll(".chart-panel").forEach((panel, chart) => {
      const surface = panel.querySelector(".recharts-wrapper")?.getBoundingClientRect();
      const groups = [...panel.querySelectorAll(".recharts-cartesian-axis-tick-labels, .recharts-label-list")];
      groups.forEach((group, groupIndex) => {
        const boxes = [...group.querySelectorAll("text")].map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }));
        for (const { text, box } of boxes) {
          if (surface && (box.left < surface.left - 1 || box.right > surface.right + 1 || box.top < surface.top - 1 || box.bottom > surface.bottom + 1)) {
            found.push(`chart ${chart}, group ${groupIndex}: "${text ?? ""}" is cut off`);
          }
        }
        for (let i = 0; i < boxes.length; i += 1) {
          for (let j = i + 1; j < boxes.length; j += 1) {
            const a = boxes[i];
            const b = boxes[j];
            if (!a || !b) continue;
            const x = Math.min(a.box.right, b.box.right) - Math.max(a.box.left, b.box.left);
            const y = Math.min(a.box.bottom, b.box.bottom) - Math.max(a.box.top, b.box.top);
            if (x > 1 && y > 1) found.push(`chart ${chart}, group ${groupIndex}: "${a.text ?? ""}" overlaps "${b.text ?? ""}"`);
          }
        }
      });
    });
    return found;
  });
}

/** Value labels of the charts with a contrast below 4.5:1 against the page's background. */
async function faintValueLabels(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const channel = (value: number) => {
      const c = value / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const luminance = (css: string) => {
      const canvas = document.createElement("canvas").getContext("2d");
      if (!canvas) return 0;
      canvas.fillStyle = css;
      const hex = canvas.fillStyle;
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      return 0.2126 * channel(r ?? 0) + 0.7152 * channel(g ?? 0) + 0.0722 * channel(b ?? 0);
    };
    /** The colour behind an element: the nearest ancestor with an opaque background, else white. */
    const backgroundOf = (element: Element) => {
      for (let node: Element | null = element; node; node = node.parentElement) {
        const colour = getComputedStyle(node).backgroundColor;
        if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
      }
      return "#ffffff";
    };
    const found: string[] = [];
    document.querySelectorAll(".chart-panel .recharts-label-list text").forEach((label) => {
      const fill = getComputedStyle(label).fill;
      // A label drawn with its bar's pattern has no one colour: unreadable on its own.
      if (!/^(rgb|#)/.test(fill)) {
        found.push(`"${label.textContent ?? ""}" drawn with ${fill}`);
        return;
      }
      const background = luminance(backgroundOf(label));
      const foreground = luminance(fill);
      const ratio = (Math.max(foreground, background) + 0.05) / (Math.min(foreground, background) + 0.05);
      if (ratio < 4.5) found.push(`"${label.textContent ?? ""}" in ${fill}: ${ratio.toFixed(2)}:1`);
    });
    return found;
  });
}

describe.skipIf(skipE2e)("words and charts (issue 17, point 15)", () => {
  const browser = useBrowser();

  for (const [name, viewport] of [["1440 px", DESKTOP], ["390 px", PHONE]] as [string, Viewport][]) {
    it(`draws chart axes without overlapping labels and value labels with enough contrast (${name})`, async () => {
      const page = await browser.open("/", { viewport });
      await expect.poll(() => page.locator(".chart-panel .recharts-wrapper").count(), { timeout: 20_000 }).toBe(4);
      await expect.poll(() => page.locator(".chart-panel .recharts-label-list text").count(), { timeout: 10_000 }).toBeGreaterThan(0);
      await screenshot(page, `diagramme-${viewport.width}`);
      const panels = page.locator(".chart-panel");
      for (let i = 0; i < 4; i += 1) await panels.nth(i).screenshot({ path: `${SCREENSHOT_DIR}/diagramm-${i}-${viewport.width}.png` });
      expect(await collidingLabels(page)).toEqual([]);
      expect(await faintValueLabels(page)).toEqual([]);
    });
  }

  it('says "abgelaufen seit <day>" for an expired concept, not "aktuell bis … abgelaufen"', async () => {
    const page = await browser.open("/gemeinden", { viewport: DESKTOP });
    const response = await page.request.get("/api/municipalities?current=false&status=council_adopted&limit=50");
    const { items } = (await response.json()) as { items: { ags: string; name: string; record: { currentUntil: string | null } }[] };
    const expired = items.find((item) => item.record.currentUntil !== null);
    expect(expired, "the demo data has an expired adopted concept").toBeDefined();
    if (!expired?.record.currentUntil) return;
    const next = new Date(`${expired.record.currentUntil}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    const day = next.toLocaleDateString("de-DE", { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" });

    await page.goto(`/gemeinden/${expired.ags}`);
    const currency = page.locator(".record-card .currency").first();
    await expect.poll(() => currency.textContent(), { timeout: 15_000 }).toContain(`abgelaufen seit ${day}`);
    expect(await currency.textContent()).not.toContain("aktuell bis");

    await page.goto(`/gemeinden?q=${encodeURIComponent(expired.name)}`);
    const row = page.locator("table tbody tr").filter({ hasText: expired.name }).first();
    await expect.poll(() => row.locator(".currency").textContent(), { timeout: 15_000 }).toContain(`abgelaufen seit ${day}`);
    expect(await row.locator(".currency").textContent()).not.toContain("aktuell bis");
  });

  it("uses the glossary's words on the pages: Gemeindetyp, lange nicht bestätigt, läuft bald ab", async () => {
    const page = await browser.open("/gemeinden", { viewport: DESKTOP });
    await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await page.getByLabel("Gemeindetyp").count()).toBe(1);
    expect(await page.locator("table thead").textContent()).toContain("Gemeindetyp");
    expect(await page.getByLabel("nur lange nicht bestätigte").count()).toBe(1);
    expect(await page.getByLabel("nur Konzepte, die bald ablaufen").count()).toBe(1);
    const main = (await page.locator("main").textContent()) ?? "";
    expect(main).not.toMatch(/veraltet|Gemeindeart|Kommune/i);

    await page.goto("/");
    await expect.poll(() => page.locator(".figures").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const overview = (await page.locator("main").textContent()) ?? "";
    expect(overview).toContain("Lange nicht bestätigte Einträge");
    expect(overview).not.toMatch(/veraltet|Gemeindeart|läuft aus|laufen in \d+ Monaten aus/i);
  });

  it("the accessibility statement describes the product as it is; Leichte Sprache explains the five states, the map and whom to ask", async () => {
    const page = await browser.open("/barrierefreiheit", { viewport: DESKTOP });
    await expect.poll(() => page.locator("h1").textContent()).toBe("Erklärung zur Barrierefreiheit");
    const statement = (await page.locator("main").textContent()) ?? "";
    expect(statement).not.toMatch(/noch gebaut|legt der Betreiber|Betreiber der Website fest/);
    expect(statement).toContain("Karte als Liste");
    expect(statement).toContain("Als Tabelle anzeigen");

    await page.goto("/leichte-sprache");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Leichte Sprache");
    const easy = (await page.locator("main").textContent()) ?? "";
    for (const status of ["kein Konzept / keine Angabe", "in Erstellung", "vom Rat beschlossen", "als Fördergrundlage anerkannt", "in Fortschreibung"]) {
      expect(easy).toContain(`${status}:`);
    }
    expect(await page.getByRole("heading", { level: 2, name: "Wie lese ich die Karte?" }).count()).toBe(1);
    expect(await page.getByRole("heading", { level: 2, name: "Wen können Sie fragen?" }).count()).toBe(1);
    expect(easy).toContain("barrierefreiheit@smr.sachsen.de");
    expect(easy).toContain("FS INGE");
  });
});
