/**
 * Benchmark of the overview page ("/"): initial JavaScript size, time to interactive, and the
 * redraw after a new "Stand am" date (also across a territorial change, where the map's shapes change). Run with `pnpm bench` (root) or `pnpm --filter @insek/web bench`.
 * Writes its section of docs/benchmarks.md between the web-overview markers. Exits non-zero only on
 * errors; a missed target is reported, not fatal.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type Browser, type Page, chromium } from "playwright-core";
import { resolveBrowser, serverEnv } from "../e2e/env";

const here = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const DIST = here("../dist");
const API_SERVER = here("../../api/dist/server.js");
const DOC = here("../../../docs/benchmarks.md");
const HOST = "127.0.0.1";
const RUNS = 10;
const PAST_DATE = "2020-06-30";
const PAST_DATE_DE = "30.06.2020";
const MUNICIPALITIES = 418;
/** Municipalities on PAST_DATE: the map draws those of the date (Ostrau and Zschaitz-Ottewig, not Jahnatal). */
const PAST_MUNICIPALITIES = 419;
/** A date change across a territorial state: Ostrau and Zschaitz-Ottewig merge into Jahnatal on 2023-01-01. */
const CROSSING = { from: "2022-12-31", fromCount: 419, to: "2023-01-01", toDe: "01.01.2023", toCount: 418 };
const TARGETS = { initialJsKb: 300, interactiveMs: 1500, redrawMs: 200 };
const START = "<!-- web-overview:start -->";
const END = "<!-- web-overview:end -->";
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

// ---------------------------------------------------------------- bundle sizes

interface Asset {
  file: string;
  bytes: number;
  gzip: number;
}

function asset(file: string): Asset {
  const content = readFileSync(join(DIST, file));
  return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
}

/** Static imports of a built chunk ("./x.js", relative to assets/), not dynamic import("…"). */
function staticImports(file: string): string[] {
  const code = readFileSync(join(DIST, file), "utf8");
  const dir = file.slice(0, file.lastIndexOf("/") + 1);
  return [...code.matchAll(/(?:import|from)\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => `${dir}${m[1] ?? ""}`);
}

function closure(entries: string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...entries];
  while (stack.length > 0) {
    const file = stack.pop() ?? "";
    if (seen.has(file)) continue;
    seen.add(file);
    stack.push(...staticImports(file));
  }
  return seen;
}

function bundleSizes() {
  const indexPath = join(DIST, "index.html");
  if (!existsSync(indexPath)) throw new Error(`${indexPath} is missing; run \`vite build\` first.`);
  const html = readFileSync(indexPath, "utf8");
  const local = (url: string) => url.replace(/^\//, "");
  const scripts = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => local(m[1] ?? ""));
  const preloads = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map((m) => local(m[1] ?? ""));
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => local(m[1] ?? ""));
  if (scripts.length === 0) throw new Error("dist/index.html loads no module script");
  // Everything loaded up front: the entry, its preloads, and (to be safe) their static imports.
  const initial = closure([...scripts, ...preloads]);
  const initialJs = [...initial].map(asset);
  const css = styles.map(asset);
  const lazyChunk = (prefix: string) => {
    const first = allChunks().find((f) => basename(f).startsWith(`${prefix}-`));
    if (!first) throw new Error(`no lazy chunk named ${prefix}-*.js in dist/assets`);
    if (initial.has(first)) throw new Error(`${first} is loaded up front, not lazily`);
    return { entry: asset(first), withDeps: [...closure([first])].filter((f) => !initial.has(f)).map(asset) };
  };
  return {
    initialJs,
    css,
    charts: lazyChunk("overview-charts"),
    map: lazyChunk("coverage-map"),
  };
}

function allChunks(): string[] {
  const html = readFileSync(join(DIST, "index.html"), "utf8");
  const entry = /<script[^>]*src="\/?([^"]+)"/.exec(html)?.[1] ?? "";
  const code = readFileSync(join(DIST, entry), "utf8");
  // Dynamic imports of the entry are listed by Vite's preload helper as "assets/…js".
  const dynamic = [...code.matchAll(/"(assets\/[\w.-]+\.js)"/g)].map((m) => m[1] ?? "");
  return [entry, ...dynamic];
}

// ---------------------------------------------------------------- API server

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error("could not get a free port"))));
    });
  });
}

async function startServer(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  if (!existsSync(API_SERVER)) throw new Error(`${API_SERVER} is missing; run \`pnpm --filter @insek/api build\` first.`);
  const dataDir = await mkdtemp(join(tmpdir(), "insek-bench-"));
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  let log = "";
  const child: ChildProcess = spawn(process.execPath, [API_SERVER], {
    env: serverEnv({ port, host: HOST, dataDir }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        child.once("exit", () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill("SIGTERM");
      });
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`the API server exited before it was ready:\n${log}`);
    }
    try {
      const response = await fetch(`${baseUrl}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { baseUrl, stop };
    } catch {
      // not yet listening
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`GET /health/ready was not 200 within 60 s:\n${log}`);
}

// ---------------------------------------------------------------- browser measurements

/**
 * Runs in the page. "Interactive": the key figure "total" shows a number, the map has all 418
 * municipality links, and the "Stand am" input exists and is enabled. Returns performance.now()
 * (ms since navigation start) when that holds, else false.
 */
function interactiveProbe(count: number): number | false {
  const total = document.querySelector('[data-figure="total"] .figures__value')?.textContent ?? "";
  if (!/\d/.test(total)) return false;
  if (document.querySelectorAll("a.map-shape").length !== count) return false;
  const label = [...document.querySelectorAll("label")].find((l) => l.textContent?.trim() === "Stand am");
  const input = label ? document.getElementById(label.htmlFor) : null;
  if (!(input instanceof HTMLInputElement) || input.disabled) return false;
  return performance.now();
}

/** Map fills per municipality: changes exactly when the map is redrawn with other statuses. */
function mapSignature(): string {
  return [...document.querySelectorAll("a.map-shape")]
    .map((a) => `${a.getAttribute("data-ags") ?? ""}=${a.querySelector("path")?.getAttribute("fill") ?? ""}`)
    .join("|");
}

/** Text of the four chart panels (title, summary, data table): changes exactly when a chart shows other data. */
function chartSignature(): string {
  return [...document.querySelectorAll(".chart-panel")]
    .map((panel) => `${panel.querySelector(".chart-panel__summary")?.textContent ?? ""}#${panel.querySelector("table")?.textContent ?? ""}`)
    .join("|");
}

interface RedrawExpectation {
  total: string;
  heading: string;
  map: string;
  charts: string;
  count: number;
}

/**
 * Runs in the page. "Redrawn": the total figure and the figures heading show the new date's values
 * (not busy any more), the map's fills and the four charts (summaries and data tables, rendered in
 * the same commit as their SVG; no animations) equal those of a fresh load of that date.
 */
function redrawProbe(expected: RedrawExpectation): number | false {
  const section = document.querySelector('[data-figure="total"]')?.closest("section");
  if (!section || section.getAttribute("aria-busy") === "true") return false;
  if (document.querySelector('[data-figure="total"] .figures__value')?.textContent !== expected.total) return false;
  if (!section.querySelector("h2")?.textContent?.includes(expected.heading)) return false;
  const links = document.querySelectorAll("a.map-shape");
  if (links.length !== expected.count) return false;
  const signature = [...links]
    .map((a) => `${a.getAttribute("data-ags") ?? ""}=${a.querySelector("path")?.getAttribute("fill") ?? ""}`)
    .join("|");
  if (signature !== expected.map) return false;
  const panels = document.querySelectorAll(".chart-panel");
  if (panels.length !== 4) return false;
  const charts = [...panels]
    .map((panel) => `${panel.querySelector(".chart-panel__summary")?.textContent ?? ""}#${panel.querySelector("table")?.textContent ?? ""}`)
    .join("|");
  if (charts !== expected.charts) return false;
  return performance.now();
}

/** Runs in the page. Only the key-figure part of redrawProbe, for the breakdown. */
function figuresProbe(expected: RedrawExpectation): number | false {
  const section = document.querySelector('[data-figure="total"]')?.closest("section");
  if (!section || section.getAttribute("aria-busy") === "true") return false;
  if (document.querySelector('[data-figure="total"] .figures__value')?.textContent !== expected.total) return false;
  if (!section.querySelector("h2")?.textContent?.includes(expected.heading)) return false;
  return performance.now();
}

async function newPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    viewport: { width: 1280, height: 900 },
    reducedMotion: "reduce",
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.warn(`[bench] page error: ${error.message}`));
  return page;
}

async function waitInteractive(page: Page, count = MUNICIPALITIES): Promise<number> {
  const handle = await page.waitForFunction(interactiveProbe, count, { polling: "raf", timeout: 30_000 });
  return (await handle.jsonValue()) as number;
}

/** Runs in the page. Only the map part of redrawProbe: the shapes of the new date with their fills. */
function mapProbe(expected: RedrawExpectation): number | false {
  const links = document.querySelectorAll("a.map-shape");
  if (links.length !== expected.count) return false;
  const signature = [...links]
    .map((a) => `${a.getAttribute("data-ags") ?? ""}=${a.querySelector("path")?.getAttribute("fill") ?? ""}`)
    .join("|");
  return signature === expected.map ? performance.now() : false;
}

interface Scenario {
  /** The page loaded first, its municipality count, and the new "Stand am" date. */
  path: string;
  count: number;
  date: string;
  /** The start must look different from the target (a date with other statuses and chart data). */
  differs: boolean;
}

const TODAY_TO_PAST: Scenario = { path: "/", count: MUNICIPALITIES, date: PAST_DATE, differs: true };
const ACROSS_CHANGE: Scenario = { path: `/?asOf=${CROSSING.from}`, count: CROSSING.fromCount, date: CROSSING.to, differs: false };

/** One fresh context: load the scenario's page, wait for interactive, change "Stand am", wait for the redraw. */
async function measureOnce(browser: Browser, baseUrl: string, expected: RedrawExpectation, scenario: Scenario = TODAY_TO_PAST) {
  const page = await newPage(browser, baseUrl);
  try {
    await page.goto(scenario.path, { waitUntil: "commit" });
    const interactive = await waitInteractive(page, scenario.count);
    const before = await page.evaluate(mapSignature);
    if (before === expected.map) throw new Error(`the map looks the same before and on ${scenario.date}; pick another date`);
    await page.waitForFunction(() => document.querySelectorAll(".chart-panel").length === 4, undefined, { timeout: 30_000 });
    if (scenario.differs && (await page.evaluate(chartSignature)) === expected.charts) {
      throw new Error(`the charts show the same data before and on ${scenario.date}`);
    }
    // Timestamp of the change itself, taken in the page when the input event fires.
    await page.evaluate(() => {
      const w = window as unknown as { __benchInputAt?: number };
      delete w.__benchInputAt;
      document.addEventListener("input", () => (w.__benchInputAt ??= performance.now()), { capture: true, once: true });
    });
    // Main-thread time of the renderer (CDP Performance metrics, seconds of task time): unlike the
    // wall-clock figures it hardly grows when other processes compete for the CPU.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Performance.enable");
    const metrics = async () => {
      const { metrics: list } = await cdp.send("Performance.getMetrics");
      return Object.fromEntries(list.map((metric) => [metric.name, metric.value])) as Record<string, number>;
    };
    const metricsBefore = await metrics();
    await page.getByLabel("Stand am").fill(scenario.date);
    const [figuresHandle, mapHandle, handle] = await Promise.all([
      page.waitForFunction(figuresProbe, expected, { polling: "raf", timeout: 30_000 }),
      page.waitForFunction(mapProbe, expected, { polling: "raf", timeout: 30_000 }),
      page.waitForFunction(redrawProbe, expected, { polling: "raf", timeout: 30_000 }),
    ]);
    const metricsAfter = await metrics();
    const delta = (name: string) => ((metricsAfter[name] ?? 0) - (metricsBefore[name] ?? 0)) * 1000;
    const mainThread = {
      task: delta("TaskDuration"),
      script: delta("ScriptDuration"),
      layout: delta("LayoutDuration") + delta("RecalcStyleDuration"),
    };
    const figuresDone = (await figuresHandle.jsonValue()) as number;
    const mapDone = (await mapHandle.jsonValue()) as number;
    const done = (await handle.jsonValue()) as number;
    const inputAt = await page.evaluate(() => (window as unknown as { __benchInputAt?: number }).__benchInputAt);
    if (typeof inputAt !== "number") throw new Error("the input event of 'Stand am' was not observed");
    return { interactive, redraw: done - inputAt, figures: figuresDone - inputAt, map: mapDone - inputAt, mainThread };
  } finally {
    await page.context().close();
  }
}

/** What the page shows on a fresh load of a date: the target of the redraw. */
async function expectationFor(browser: Browser, baseUrl: string, date: string, dateDe: string, count: number): Promise<RedrawExpectation> {
  const page = await newPage(browser, baseUrl);
  try {
    await page.goto(`/?asOf=${date}`);
    await waitInteractive(page, count);
    const summary = (await (await page.request.get(`/api/stats/summary?asOf=${date}`)).json()) as { total: number };
    const total = new Intl.NumberFormat("de-DE").format(summary.total);
    await page.waitForFunction(
      (value) => document.querySelector('[data-figure="total"] .figures__value')?.textContent === value,
      total,
      { timeout: 30_000 },
    );
    await page.waitForFunction(() => document.querySelectorAll(".chart-panel").length === 4, undefined, { timeout: 30_000 });
    // The charts of the past date: their data tables are in the DOM (hidden) once all three queries answered.
    await page.waitForLoadState("networkidle");
    return {
      total,
      heading: dateDe,
      map: await page.evaluate(mapSignature),
      charts: await page.evaluate(chartSignature),
      count,
    };
  } finally {
    await page.context().close();
  }
}

// ---------------------------------------------------------------- report

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] ?? Number.NaN;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;
const verdict = (ok: boolean) => (ok ? "PASS" : "MISS");

function machine(chromiumVersion: string) {
  let cpu = cpus()[0]?.model ?? "unknown";
  try {
    cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: cpus().length,
    ram: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    chromium: chromiumVersion,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
}

function writeSection(section: string): void {
  const block = `${START}\n${section.trim()}\n${END}`;
  const existing = existsSync(DOC) ? readFileSync(DOC, "utf8") : "# Benchmarks\n\nMeasured figures of INSEK-Monitor Sachsen. Each benchmark writes only its own section between its markers; re-run all with `pnpm bench`.\n";
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${block}${existing.slice(end + END.length)}`
      : `${existing.trimEnd()}\n\n${block}\n`;
  writeFileSync(DOC, next);
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const sizes = bundleSizes();
  const initialGzip = sizes.initialJs.reduce((sum, a) => sum + a.gzip, 0);
  const initialRaw = sizes.initialJs.reduce((sum, a) => sum + a.bytes, 0);
  const sum = (assets: Asset[]) => assets.reduce((s, a) => s + a.gzip, 0);

  const browserPath = resolveBrowser();
  if (browserPath.kind !== "found") throw new Error(`no browser: ${"reason" in browserPath ? browserPath.reason : ""}`);

  const server = await startServer();
  let browser: Browser | undefined;
  const interactive: number[] = [];
  const redraw: number[] = [];
  const figures: number[] = [];
  const mainTask: number[] = [];
  const mainScript: number[] = [];
  const mainLayout: number[] = [];
  let chromiumVersion = "unknown";
  const crossing: number[] = [];
  const crossingMap: number[] = [];
  const crossingTask: number[] = [];
  let cold: Awaited<ReturnType<typeof measureOnce>> | undefined;
  let crossingCold: Awaited<ReturnType<typeof measureOnce>> | undefined;
  const loadBefore = loadavg()[0] ?? 0;
  try {
    browser = await chromium.launch({ executablePath: browserPath.path, args: CHROMIUM_ARGS, headless: true });
    chromiumVersion = browser.version();
    const expected = await expectationFor(browser, server.baseUrl, PAST_DATE, PAST_DATE_DE, PAST_MUNICIPALITIES);
    const expectedCrossing = await expectationFor(browser, server.baseUrl, CROSSING.to, CROSSING.toDe, CROSSING.toCount);
    // Warm-up (server read cache, disk), not counted in the runs; it is the only redraw whose API answers
    // are computed, not taken from the server's read cache, so it is reported on its own.
    cold = await measureOnce(browser, server.baseUrl, expected);
    console.info(`[bench] warm-up: interactive ${ms(cold.interactive)}, redraw ${ms(cold.redraw)} (key figures ${ms(cold.figures)})`);
    for (let i = 0; i < RUNS; i += 1) {
      const run = await measureOnce(browser, server.baseUrl, expected);
      interactive.push(run.interactive);
      redraw.push(run.redraw);
      figures.push(run.figures);
      mainTask.push(run.mainThread.task);
      mainScript.push(run.mainThread.script);
      mainLayout.push(run.mainThread.layout);
      console.info(
        `[bench] run ${i + 1}/${RUNS}: interactive ${ms(run.interactive)}, redraw ${ms(run.redraw)} (key figures ${ms(run.figures)}; main thread ${ms(run.mainThread.task)}, JS ${ms(run.mainThread.script)}, style/layout ${ms(run.mainThread.layout)})`,
      );
    }
    // Across a territorial change: the map composes and draws other shapes (419 → 418).
    crossingCold = await measureOnce(browser, server.baseUrl, expectedCrossing, ACROSS_CHANGE);
    console.info(`[bench] warm-up ${CROSSING.from} → ${CROSSING.to}: redraw ${ms(crossingCold.redraw)} (map ${ms(crossingCold.map)})`);
    for (let i = 0; i < RUNS; i += 1) {
      const run = await measureOnce(browser, server.baseUrl, expectedCrossing, ACROSS_CHANGE);
      crossing.push(run.redraw);
      crossingMap.push(run.map);
      crossingTask.push(run.mainThread.task);
      console.info(
        `[bench] ${CROSSING.from} → ${CROSSING.to} run ${i + 1}/${RUNS}: redraw ${ms(run.redraw)} (map ${ms(run.map)}; main thread ${ms(run.mainThread.task)})`,
      );
    }
  } finally {
    await browser?.close();
    await server.stop();
  }

  const stats = (values: number[]) => ({ median: percentile(values, 50), p90: percentile(values, 90), max: Math.max(...values) });
  const ti = stats(interactive);
  const rd = stats(redraw);
  const fg = stats(figures);
  const cr = stats(crossing);
  const crMap = stats(crossingMap);
  const crTask = stats(crossingTask);
  const rows = [
    ["Initial JavaScript (gzip)", kb(initialGzip), "–", "–", `≤ ${TARGETS.initialJsKb} KB`, verdict(initialGzip <= TARGETS.initialJsKb * 1024)],
    ["Overview interactive", ms(ti.median), ms(ti.p90), ms(ti.max), `≤ ${TARGETS.interactiveMs} ms`, verdict(ti.p90 <= TARGETS.interactiveMs)],
    [`Redraw after "Stand am" → ${PAST_DATE}`, ms(rd.median), ms(rd.p90), ms(rd.max), `≤ ${TARGETS.redrawMs} ms`, verdict(rd.p90 <= TARGETS.redrawMs)],
    ["… of which key figures alone", ms(fg.median), ms(fg.p90), ms(fg.max), "(breakdown)", "–"],
    ["… main-thread task time in the renderer during the redraw", ms(stats(mainTask).median), ms(stats(mainTask).p90), ms(stats(mainTask).max), "(breakdown)", "–"],
    ["… of which JavaScript", ms(stats(mainScript).median), ms(stats(mainScript).p90), ms(stats(mainScript).max), "(breakdown)", "–"],
    ["… of which style and layout", ms(stats(mainLayout).median), ms(stats(mainLayout).p90), ms(stats(mainLayout).max), "(breakdown)", "–"],
    ["Redraw in the warm-up run (API answers computed, read cache cold)", cold ? ms(cold.redraw) : "–", "–", "–", "(one run)", "–"],
    [`Redraw across a territorial change, "Stand am" ${CROSSING.from} → ${CROSSING.to} (${CROSSING.fromCount} → ${CROSSING.toCount} shapes)`, ms(cr.median), ms(cr.p90), ms(cr.max), `≤ ${TARGETS.redrawMs} ms`, verdict(cr.p90 <= TARGETS.redrawMs)],
    ["… of which the map alone (shapes of the new state composed, drawn and filled)", ms(crMap.median), ms(crMap.p90), ms(crMap.max), "(breakdown)", "–"],
    ["… main-thread task time in the renderer during that redraw", ms(crTask.median), ms(crTask.p90), ms(crTask.max), "(breakdown)", "–"],
    ["Redraw across the change in its warm-up run (read cache cold)", crossingCold ? ms(crossingCold.redraw) : "–", "–", "–", "(one run)", "–"],
  ];
  const loadAfter = loadavg()[0] ?? 0;
  const m = machine(chromiumVersion);
  const table = (head: string[], body: string[][]) =>
    [`| ${head.join(" | ")} |`, `|${head.map(() => " --- ").join("|")}|`, ...body.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const assetRows = (assets: Asset[]) => assets.map((a) => [`\`${basename(a.file)}\``, kb(a.bytes), kb(a.gzip)]);

  const section = `
## Web: overview page (\`apps/web/bench/overview-bench.ts\`)

Targets (issue "Dashboard", performance): initial JavaScript at most ${TARGETS.initialJsKb} KB gzipped, charts and the map in their own chunks; on localhost in headless Chromium with all ${MUNICIPALITIES} municipalities the overview is interactive within ${TARGETS.interactiveMs / 1000} s and a new "Stand am" date redraws within ${TARGETS.redrawMs} ms — also across a territorial change, where the map draws other shapes (issue "The map and the GeoJSON on a past date show the municipalities of that date").

Last run: ${m.date} — ${m.cpu}, ${m.cores} cores, ${m.ram} RAM, Node ${m.node}, Chromium ${m.chromium}; 1-minute load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after the runs (other work on the machine inflates every time).

${table(["Measure", "Median", "p90", "Max", "Target", "Result"], rows)}

A time target counts as met when the p90 of ${RUNS} runs is within it.

### Bundle (gzip level 9, \`node:zlib\`)

Loaded up front by \`dist/index.html\` (entry script, modulepreloads and their static imports): ${kb(initialRaw)} raw, **${kb(initialGzip)} gzipped**.

${table(["Initial file", "Raw", "Gzip"], assetRows(sizes.initialJs))}

CSS up front: ${sizes.css.map((a) => `\`${basename(a.file)}\` ${kb(a.gzip)} gzipped`).join(", ") || "none"}.

Lazy chunks, loaded after the first render (chunk plus the static imports not already loaded up front):

${table(["Lazy chunk", "Files", "Gzip"], [
  ["Charts (recharts)", sizes.charts.withDeps.map((a) => `\`${basename(a.file)}\``).join(", "), kb(sum(sizes.charts.withDeps))],
  ["Map (d3-geo, topojson)", sizes.map.withDeps.map((a) => `\`${basename(a.file)}\``).join(", "), kb(sum(sizes.map.withDeps))],
])}

(Charts and map share chunks; the shared ones count for both.)

### Method

- The production build (\`vite build\`) is served by the built API server (\`apps/api/dist/server.js\`) on \`127.0.0.1\` with a fresh temporary \`DATA_DIR\` (embedded database, \`NODE_ENV=development\`, so the demo data with all ${MUNICIPALITIES} municipalities is seeded).
- System Chromium (\`/usr/bin/chromium\` or \`CHROMIUM_PATH\`) through playwright-core, headless, flags as in the e2e suite; viewport 1280×900, locale de-DE. One warm-up run is not counted; then ${RUNS} runs, each in a fresh browser context (empty cache).
- **Interactive**: \`performance.now()\` in the page (milliseconds since navigation start) at the first animation frame where the key figure \`[data-figure="total"]\` shows a number, the map has all ${MUNICIPALITIES} municipality links (\`a.map-shape\`), and the "Stand am" input is enabled.
- **Redraw**: "Stand am" is set to ${PAST_DATE} (the map then draws the ${PAST_MUNICIPALITIES} municipalities of that day); measured in the page from the input event to the first animation frame where the figures are no longer busy, the total and the heading show the values for ${PAST_DATE_DE}, every municipality on the map has the fill of a fresh load of \`/?asOf=${PAST_DATE}\`, and the four charts show the summaries and data tables of that fresh load (the tables are rendered, hidden, with each chart's SVG; charts are not animated). The breakdown row stops at the key-figure conditions alone (map and charts may still be pending).
- **Across a territorial change**: each run loads \`/?asOf=${CROSSING.from}\` (${CROSSING.fromCount} shapes), waits for interactive, sets "Stand am" to ${CROSSING.to} and waits as above for a fresh load of that date (${CROSSING.toCount} shapes: Ostrau and Zschaitz-Ottewig become Jahnatal). The shapes of a territorial state are composed once per state and page (\`composeMunicipalities\`, cached), so this redraw includes composing the new state's shapes and their SVG paths; the map row stops when every shape of the new date has its fill. Own warm-up run, then ${RUNS} runs.
- **Main-thread task time**: the renderer's \`TaskDuration\` (CDP \`Performance.getMetrics\`) from just before the change until it is read after the redraw (so it also counts the bench's own polling in the page and a few milliseconds past the end), with \`ScriptDuration\` and \`LayoutDuration\` + \`RecalcStyleDuration\` as parts; the CPU work of the page itself, which other load on the machine changes far less than the wall-clock figures (the remainder of the redraw is waiting for the API and for the CPU).
- The API server keeps stats answers in its in-process read cache (\`plugins/read-cache.ts\`): the warm-up run computes the answers for ${PAST_DATE}, the ten counted runs get them from the cache (a fresh browser context has no HTTP cache, so every request still reaches the server). The warm-up row shows one redraw with computed answers, as the first visitor asking for a date sees it.
- Checked by polling with \`page.waitForFunction(…, { polling: "raf" })\`, so figures are rounded up to the next frame (~16 ms).

Re-run: \`pnpm bench\` at the repository root (builds the API and the web app, then runs this benchmark and rewrites this section).
`;
  writeSection(section);

  console.info(`\n[bench] initial JS ${kb(initialGzip)} gzipped (target ≤ ${TARGETS.initialJsKb} KB): ${rows[0]?.[5] ?? ""}`);
  console.info(`[bench] charts chunk ${kb(sum(sizes.charts.withDeps))}, map chunk ${kb(sum(sizes.map.withDeps))} gzipped`);
  console.info(`[bench] interactive median ${ms(ti.median)}, p90 ${ms(ti.p90)}, max ${ms(ti.max)}: ${rows[1]?.[5] ?? ""}`);
  console.info(`[bench] redraw median ${ms(rd.median)}, p90 ${ms(rd.p90)}, max ${ms(rd.max)}: ${rows[2]?.[5] ?? ""}`);
  console.info(`[bench] (key figures alone: median ${ms(fg.median)}, p90 ${ms(fg.p90)})`);
  console.info(`[bench] across ${CROSSING.from} → ${CROSSING.to}: median ${ms(cr.median)}, p90 ${ms(cr.p90)} (map alone median ${ms(crMap.median)}, p90 ${ms(crMap.p90)})`);
  console.info(`[bench] written to ${DOC}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
