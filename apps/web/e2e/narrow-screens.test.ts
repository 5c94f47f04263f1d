import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type DemoRole, csrfToken, signIn } from "./accounts";
import { DESKTOP, PHONE, expectNoSeriousAxeViolations, screenshot, skipE2e, useBrowser } from "./support";

/** The elements that reach past the viewport's right edge (outermost only), to name the culprit of a wide page. */
async function widePageReport(page: Page): Promise<{ scrollWidth: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const culprits: string[] = [];
    const walk = (element: Element) => {
      const box = element.getBoundingClientRect();
      // A scroll container keeps what is inside it: only its own box counts.
      const style = getComputedStyle(element);
      const clips = style.overflowX === "auto" || style.overflowX === "scroll" || style.overflowX === "hidden";
      const describe = () => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")} "${(element.textContent ?? "").trim().slice(0, 40)}" right=${Math.round(box.right)}`;
      if (clips) {
        if (box.right > width + 1 && box.width > 0) culprits.push(describe());
        return;
      }
      if (box.right > width + 1 && box.width > 0) {
        const inside = [...element.children].some((child) => child.getBoundingClientRect().right > width + 1);
        if (!inside) culprits.push(describe());
      }
      for (const child of element.children) walk(child);
    };
    walk(document.body);
    return { scrollWidth: document.documentElement.scrollWidth, culprits: culprits.slice(0, 8) };
  });
}

/** Tables whose scroll container hides columns (the table is wider than the box that shows it). */
async function clippedTables(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".table-scroll")]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => `${box.querySelector("caption")?.textContent ?? box.getAttribute("aria-label") ?? "table"}: ${box.scrollWidth} px in ${box.clientWidth} px`),
  );
}

/**
 * Wide tables on a phone: each one scrolls in its own box, which says so in visible text above the table and
 * can be reached by keyboard (focusable, a named region).
 */
async function unlabelledScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll(".table-scroll")]
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .filter((box) => {
        const hint = getComputedStyle(box, "::before");
        const visible = box.getAttribute("data-scrolls") === "true" && hint.content.includes("seitlich") && hint.display !== "none";
        const named = box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby");
        return !visible || box.getAttribute("tabindex") !== "0" || box.getAttribute("role") !== "region" || !named;
      })
      .map((box) => box.querySelector("caption")?.textContent ?? box.getAttribute("aria-label") ?? "table"),
  );
}

async function signedIn(browser: ReturnType<typeof useBrowser>, role: DemoRole, viewport: typeof DESKTOP | typeof PHONE) {
  const page = await browser.open("/", { bypassCSP: true, viewport });
  await signIn(page, role);
  return page;
}

async function waitForMain(page: Page, path: string, ready: string) {
  await page.goto(path);
  await expect.poll(() => page.locator(ready).count(), { timeout: 20_000 }).toBeGreaterThan(0);
}

/** A fresh single-use link to the form of Markneukirchen (an update request sent by SMR). */
async function tokenPath(page: Page): Promise<string> {
  const response = await page.request.post("/api/update-requests", {
    headers: { "x-csrf-token": await csrfToken(page) },
    data: { ags: ["14523200"], validDays: 1 },
  });
  expect(response.status()).toBe(201);
  const { requests } = (await response.json()) as { requests: { link?: string }[] };
  const link = requests[0]?.link ?? "";
  expect(link).toContain("/aktualisieren/");
  return new URL(link).pathname;
}

describe.skipIf(skipE2e)("narrow and wide screens (issue 17, point 14)", () => {
  const browser = useBrowser();

  it("shows every column at 1440 px: municipality list (Aktualität), accounts (Aktionen), campaigns (Details)", async () => {
    const page = await signedIn(browser, "smr", DESKTOP);
    await tokenPath(page); // at least one campaign in the list
    for (const [path, ready, column] of [
      ["/gemeinden", "table tbody tr", "Aktualität"],
      ["/konten", "table tbody tr", "Aktionen"],
      ["/beratungen/anfragen", "table tbody tr", "Details"],
    ] as const) {
      await waitForMain(page, path, ready);
      await screenshot(page, `breit${path.replaceAll("/", "-")}`);
      expect(await clippedTables(page), path).toEqual([]);
      const header = page.locator("table thead th", { hasText: column }).first();
      const box = await header.boundingBox();
      expect(box, `${path}: column ${column}`).not.toBeNull();
      expect((box?.x ?? 0) + (box?.width ?? 0), `${path}: column ${column} inside the window`).toBeLessThanOrEqual(DESKTOP.width);
    }
  });

  const PUBLIC_PAGES = [
    ["/", ".figures"],
    ["/gemeinden", "table tbody tr"],
    ["/gemeinden/14713000", ".record-card"],
    ["/barrierefreiheit", "h1"],
    ["/leichte-sprache", "h1"],
  ] as const;

  it("keeps every public page within 390 px; wide tables scroll in a labelled box", async () => {
    const page = await browser.open("/", { bypassCSP: true, viewport: PHONE });
    for (const [path, ready] of PUBLIC_PAGES) {
      await waitForMain(page, path, ready);
      await screenshot(page, `telefon${path === "/" ? "-uebersicht" : path.replaceAll("/", "-")}`);
      expect(await widePageReport(page), path).toEqual({ scrollWidth: PHONE.width, culprits: [] });
      expect(await unlabelledScrollers(page), path).toEqual([]);
    }
    await expectNoSeriousAxeViolations(page);
  });

  it("keeps the pages of SMR and FS INGE within 390 px", async () => {
    const smr = await signedIn(browser, "smr", PHONE);
    for (const [path, ready] of [
      ["/konten", "table tbody tr"],
      ["/beratungen", ".consultation-list, .result-count"],
      ["/beratungen/anfragen", "h1"],
      ["/beratungen/zuordnungen", "h1"],
      ["/protokoll", "table tbody tr"],
    ] as const) {
      await waitForMain(smr, path, ready);
      await screenshot(smr, `telefon${path.replaceAll("/", "-")}`);
      expect(await widePageReport(smr), path).toEqual({ scrollWidth: PHONE.width, culprits: [] });
      expect(await unlabelledScrollers(smr), path).toEqual([]);
      await expectNoSeriousAxeViolations(smr);
    }
    const advisor = await signedIn(browser, "advisor", PHONE);
    await waitForMain(advisor, "/meine-kommunen", "table tbody tr");
    expect(await widePageReport(advisor), "/meine-kommunen").toEqual({ scrollWidth: PHONE.width, culprits: [] });
    expect(await unlabelledScrollers(advisor), "/meine-kommunen").toEqual([]);
  });

  it("the token page (/aktualisieren/:token) does not scroll sideways on a phone; long words are hyphenated", async () => {
    const smr = await signedIn(browser, "smr", DESKTOP);
    const path = await tokenPath(smr);
    const page = await browser.open(path, { bypassCSP: true, viewport: PHONE });
    await expect.poll(() => page.locator("form").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    await screenshot(page, "telefon-aktualisieren");
    expect(await page.evaluate(() => document.documentElement.lang)).toBe("de");
    expect(await page.evaluate(() => getComputedStyle(document.querySelector("main") ?? document.body).hyphens)).toBe("auto");
    expect(await widePageReport(page)).toEqual({ scrollWidth: PHONE.width, culprits: [] });
    await expectNoSeriousAxeViolations(page);
  });
});
