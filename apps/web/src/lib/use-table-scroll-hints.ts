import { type RefObject, useEffect } from "react";
import { useTranslation } from "react-i18next";

/**
 * Marks every table box (`.table-scroll`) inside `root` whose table is wider than the box with
 * `data-scrolls="true"`: the stylesheet then shows a visible hint above it (the text of `data-scroll-hint`),
 * and the box gets what keyboard and screen-reader users need to scroll it (focusable, a named region).
 * Boxes are found as pages render them (a mutation observer), and measured again when they change size.
 */
export function useTableScrollHints(root: RefObject<HTMLElement | null>): void {
  const { t } = useTranslation();
  const hint = t("tableScroll.hint");
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const measure = (box: HTMLElement) => {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (box.dataset.scrolls !== String(scrolls)) box.dataset.scrolls = String(scrolls);
      if (box.dataset.scrollHint !== hint) box.dataset.scrollHint = hint;
      if (scrolls && !box.hasAttribute("tabindex")) box.tabIndex = 0;
      if (scrolls && !box.hasAttribute("role")) box.setAttribute("role", "region");
      if (scrolls && !box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        const caption = box.querySelector("caption")?.textContent?.trim();
        box.setAttribute("aria-label", caption && caption !== "" ? caption : hint);
      }
    };
    const resizes = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const box = entry.target.closest<HTMLElement>(".table-scroll");
        if (box) measure(box);
      }
    });
    const watched = new WeakSet<Element>();
    const scan = () => {
      element.querySelectorAll<HTMLElement>(".table-scroll").forEach((box) => {
        if (!watched.has(box)) {
          watched.add(box);
          resizes.observe(box);
          const table = box.querySelector("table");
          if (table) resizes.observe(table);
        }
        measure(box);
      });
    };
    // The table inside a box is observed too: a box keeps its size when its table grows. Mutations come in
    // bursts (a page rendering): one scan per frame.
    let frame = 0;
    const mutations = new MutationObserver(() => {
      if (frame === 0) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          scan();
        });
      }
    });
    mutations.observe(element, { childList: true, subtree: true });
    scan();
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      resizes.disconnect();
    };
  }, [root, hint]);
}
