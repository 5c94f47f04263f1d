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
  search: {
    label: "Find a municipality",
  },
};
