import type { Page } from "playwright-core";
import { expect } from "vitest";

const focusedAgs = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute("data-ags") ?? null);

/** The centre of a shape on screen. */
async function centre(page: Page, ags: string): Promise<[number, number]> {
  const box = await page.locator(`a.map-shape[data-ags="${ags}"]`).boundingBox();
  if (!box) throw new Error(`no shape ${ags}`);
  return [box.x + box.width / 2, box.y + box.height / 2];
}

/**
 * Walks the map with the arrow keys alone from the focused shape to `ags`, each step towards it as a
 * sighted keyboard user would; fails if it takes more than `maxSteps` key presses.
 */
export async function arrowTo(page: Page, ags: string, maxSteps = 80): Promise<number> {
  for (let step = 0; step < maxSteps; step += 1) {
    const current = await focusedAgs(page);
    if (current === null) throw new Error("no municipality on the map has focus");
    if (current === ags) return step;
    const [x0, y0] = await centre(page, current);
    const [x1, y1] = await centre(page, ags);
    const dx = x1 - x0;
    const dy = y1 - y0;
    // Alternate the axes on a tie-break so that a walk cannot bounce between two shapes forever.
    const horizontal = Math.abs(dx) > Math.abs(dy) * (step % 4 === 3 ? 3 : 1);
    await page.keyboard.press(horizontal ? (dx > 0 ? "ArrowRight" : "ArrowLeft") : dy > 0 ? "ArrowDown" : "ArrowUp");
  }
  expect(await focusedAgs(page), `arrow keys did not reach ${ags} in ${maxSteps} steps`).toBe(ags);
  return maxSteps;
}

/** The map's tab stop: the one shape with tabindex 0. */
export async function focusMap(page: Page): Promise<string> {
  const stop = page.locator('a.map-shape[tabindex="0"]');
  await expect.poll(() => stop.count()).toBe(1);
  await stop.focus();
  return (await stop.getAttribute("data-ags")) ?? "";
}
