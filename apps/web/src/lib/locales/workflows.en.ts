import type { workflowsDe } from "./workflows.de";

type Texts<T> = { readonly [K in keyof T]: T[K] extends string ? string : Texts<T[K]> };

export const workflowsEn: Texts<typeof workflowsDe> = {
  toHome: "To the start page",
  points: "{{value}} percentage points",
  pointsShort: "{{value}} pp",
  figureList: "Show list",
  comparison: {
    heading: "Districts compared",
    caption: "Share of municipalities with a current concept per district on {{then}} and on {{now}}",
    hint: "The change is given in percentage points. The column headers sort the table.",
    columnDistrict: "District / independent city",
    columnShareOn: "Share on {{date}}",
    columnChange: "Change (percentage points)",
    chartTitle: "Share of current concepts per district on {{then}} and {{now}} ({{scope}})",
    chartSummary: "{{best}} improved most ({{bestChange}}), {{worst}} least ({{worstChange}}).",
    chartSummaryOne: "Change in {{name}}: {{change}}.",
    sortedBy: "sorted by {{column}}, {{direction}}",
    ascending: "ascending",
    descending: "descending",
  },
  map: {
    columnStatusOn: "Status on {{date}}",
    keyHint:
      "The map is one tab stop: the arrow keys move to the neighbouring municipality, Home and End to the first and last, Enter opens the municipality.",
    touchHint: "Tap a municipality to see its name and status, tap it again to open it.",
    tapAgain: "Tap again to open",
  },
  controls: {
    show: "Change date and filters",
    hide: "Hide date and filters",
  },
  print: {
    districtsCaption: "Municipalities with a current concept per district on {{date}}",
    noFilters: "Filters: none (all of Saxony)",
    dataDate: "Data as of {{date}}; printed on {{today}}.",
    dataDateCompare: "Data as of {{date}}, compared with {{compare}}; printed on {{today}}.",
  },
  search: {
    label: "Find a municipality",
  },
};
