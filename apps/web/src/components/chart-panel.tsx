/** Shared by the overview's and the funding page's charts; its styles live in features/dashboard/dashboard.css, which both pages load. */
import { type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

/**
 * Chromium lets Tab stop on some of recharts' SVG groups (its z-index layers) although they carry no
 * tabindex; the chart is decoration beside its text summary and table, so none of it may take focus.
 * Every SVG element in it gets tabindex -1, also those recharts adds on a later render.
 */
function useNoFocusInside(ref: RefObject<HTMLElement | null>) {
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const unfocus = () => {
      for (const element of root.querySelectorAll("svg, svg g")) {
        if (element.getAttribute("tabindex") !== "-1") element.setAttribute("tabindex", "-1");
      }
    };
    unfocus();
    const observer = new MutationObserver(unfocus);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [ref]);
}

/** The colour of the values written beside bars: the text colour, readable on the page (not the bar's fill). */
export const VALUE_LABEL_COLOUR = "#1a1a1a";

/** One chart with its text summary and its data table a click away (always shown in print). */
export function ChartPanel({ title, summary, chart, table }: { title: string; summary: string; chart: ReactNode; table: ReactNode }) {
  const { t } = useTranslation("dashboard");
  const [showTable, setShowTable] = useState(false);
  const id = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  useNoFocusInside(chartRef);
  const headingId = `${id}-heading`;
  const tableId = `${id}-table`;
  return (
    <section className="chart-panel" aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      <p className="chart-panel__summary">{summary}</p>
      <div className="chart-panel__chart" aria-hidden="true" ref={chartRef}>
        {chart}
      </div>
      <button
        type="button"
        className="button button--secondary no-print"
        aria-expanded={showTable}
        aria-controls={tableId}
        onClick={() => setShowTable((shown) => !shown)}
      >
        {showTable ? t("charts.hideTable") : t("charts.showTable")}
      </button>
      <div id={tableId} className={showTable ? "chart-panel__table" : "chart-panel__table chart-panel__table--hidden"}>
        {table}
      </div>
    </section>
  );
}

/** A horizontally scrollable table region that keyboard users can focus and scroll. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
