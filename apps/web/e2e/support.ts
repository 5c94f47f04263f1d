import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { AxeResults } from "axe-core";
import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { SCREENSHOT_DIR } from "./paths";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** Null when the global setup decided to skip the suite (see env.ts). */
export const e2e = inject("e2e");
export const skipE2e = e2e === null;

/** The widths the issues name: a desktop and a phone (iPhone 12-15 portrait). */
export const DESKTOP = { width: 1440, height: 900 } as const;
export const PHONE = { width: 390, height: 844 } as const;
export type Viewport = { width: number; height: number };

type TrackedPage = Page & { consoleErrors: string[]; allowedErrors: RegExp[] };

/**
 * One browser per test file; each test gets fresh contexts. Every page records console errors
 * and uncaught exceptions; afterEach fails the test on any that was not explicitly allowed.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let pages: TrackedPage[] = [];

  beforeAll(async () => {
    if (!e2e) return;
    browser = await chromium.launch({ executablePath: e2e.chromiumPath, args: CHROMIUM_ARGS, headless: true });
  });

  afterEach(async () => {
    const unexpected = pages.flatMap((page) =>
      page.consoleErrors.filter((message) => !page.allowedErrors.some((allowed) => allowed.test(message))),
    );
    await Promise.all(contexts.map((context) => context.close()));
    contexts = [];
    pages = [];
    expect(unexpected, "unexpected console errors").toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
  });

  return {
    /**
     * Opens a page at `path`. `bypassCSP` is only for injecting axe-core as a script tag;
     * functional tests keep the server's Content-Security-Policy in force.
     */
    async open(
      path: string,
      options: {
        bypassCSP?: boolean;
        allowConsoleErrors?: RegExp[];
        /** Browser locale; default de-DE. */
        locale?: string;
        /** Default 1280 × 900. */
        viewport?: { width: number; height: number };
        /** A phone: touch input and a mobile viewport (no hover, coarse pointer). */
        touch?: boolean;
      } = {},
    ) {
      if (!browser || !e2e) throw new Error("the e2e suite is not enabled");
      const context = await browser.newContext({
        baseURL: e2e.baseUrl,
        locale: options.locale ?? "de-DE",
        timezoneId: "Europe/Berlin",
        viewport: options.viewport ?? { width: 1280, height: 900 },
        hasTouch: options.touch ?? false,
        isMobile: options.touch ?? false,
        reducedMotion: "reduce",
        bypassCSP: options.bypassCSP ?? false,
      });
      contexts.push(context);
      const page = Object.assign(await context.newPage(), {
        consoleErrors: [] as string[],
        allowedErrors: options.allowConsoleErrors ?? [],
      });
      pages.push(page);
      page.on("console", (message) => {
        if (message.type() === "error") page.consoleErrors.push(`${message.text()} (${message.location().url})`);
      });
      page.on("pageerror", (error) => page.consoleErrors.push(`uncaught: ${error.message}`));
      await page.goto(path);
      return page;
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** Runs axe-core (WCAG 2.0/2.1 A and AA) and fails on serious or critical violations. */
export async function expectNoSeriousAxeViolations(page: Page): Promise<void> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] },
      ),
    AXE_TAGS,
  );
  const describe = (violations: AxeResults["violations"]) =>
    violations.map(
      (violation) =>
        `${violation.impact ?? "?"}: ${violation.id} – ${violation.help}\n` +
        violation.nodes.map((node) => `    ${node.target.join(" ")}: ${node.failureSummary ?? ""}`).join("\n"),
    );
  const minor = results.violations.filter((v) => v.impact !== "serious" && v.impact !== "critical");
  if (minor.length > 0) console.warn(`[axe] ${page.url()}\n${describe(minor).join("\n")}`);
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(describe(serious), `axe violations on ${page.url()}`).toEqual([]);
}

/** The text of the first cell of each body row (the municipality names). */
export async function rowNames(page: Page): Promise<string[]> {
  return page.locator("table tbody tr th a").allTextContents();
}
