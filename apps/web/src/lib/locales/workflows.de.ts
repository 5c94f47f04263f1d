/** Texts of issue #17's daily workflows: start pages, overview search and links, comparison, print, map keys. */
export const workflowsDe = {
  toHome: "Zur Startseite",
  /** A change of a share ("+3,3 Prozentpunkte"), never "%". */
  points: "{{value}} Prozentpunkte",
  pointsShort: "{{value}} Pp.",
  figureList: "Zur Liste",
  comparison: {
    heading: "Landkreise im Vergleich",
    caption: "Anteil der Gemeinden mit aktuellem Konzept je Landkreis am {{then}} und am {{now}}",
    hint: "Die Veränderung ist in Prozentpunkten angegeben. Die Spaltenköpfe sortieren die Tabelle.",
    columnDistrict: "Landkreis / kreisfreie Stadt",
    columnShareOn: "Anteil am {{date}}",
    columnChange: "Veränderung (Prozentpunkte)",
    chartTitle: "Anteil aktueller Konzepte nach Landkreis am {{then}} und {{now}} ({{scope}})",
    chartSummary: "Am stärksten verbessert hat sich {{best}} ({{bestChange}}), am wenigsten {{worst}} ({{worstChange}}).",
    chartSummaryOne: "Veränderung in {{name}}: {{change}}.",
    sortedBy: "sortiert nach {{column}}, {{direction}}",
    ascending: "aufsteigend",
    descending: "absteigend",
  },
  map: {
    columnStatusOn: "Status am {{date}}",
    keyHint:
      "Die Karte ist ein Tabulatorstopp: Pfeiltasten wechseln zur Nachbargemeinde, Pos1 und Ende zur ersten und letzten, die Eingabetaste öffnet die Gemeinde.",
    touchHint: "Tippen zeigt Name und Status einer Gemeinde, erneutes Tippen öffnet sie.",
    tapAgain: "Erneut tippen zum Öffnen",
  },
  controls: {
    show: "Stichtag und Filter ändern",
    hide: "Stichtag und Filter ausblenden",
  },
  print: {
    districtsCaption: "Gemeinden mit aktuellem Konzept je Landkreis am {{date}}",
    noFilters: "Filter: keine (ganz Sachsen)",
    dataDate: "Datenstand: {{date}}; gedruckt am {{today}}.",
    dataDateCompare: "Datenstand: {{date}}, verglichen mit {{compare}}; gedruckt am {{today}}.",
  },
  search: {
    label: "Gemeinde suchen",
  },
} as const;
