import type { EventSource, MunicipalityListItem, Rules, Status } from "@insek/contracts";
import type { EventExportRow, MunicipalityMeasures } from "./exports.repo.js";

/**
 * How a column's values are written: CSV writes text in the German Excel conventions, XLSX writes
 * typed cells. `freeText` is text that users or imports supply (names, notes, URLs): it is guarded
 * against formula injection in CSV.
 */
export type ColumnKind = "text" | "freeText" | "url" | "integer" | "decimal" | "date" | "timestamp" | "flag";

export type CellValue = string | number | boolean | null;

export interface Column<T> {
  header: string;
  kind: ColumnKind;
  /** Dates as YYYY-MM-DD, timestamps as ISO 8601 strings, flags as booleans. */
  value: (row: T) => CellValue;
  /** Column width in XLSX (characters). */
  width: number;
}

export const MUNICIPALITY_TYPE_LABELS = {
  kreisfreie_stadt: "Kreisfreie Stadt",
  grosse_kreisstadt: "Große Kreisstadt",
  stadt: "Stadt",
  gemeinde: "Gemeinde",
} as const;

export const STATUS_LABELS: Record<Status, string> = {
  none: "kein Konzept / keine Angabe",
  drafting: "in Erstellung",
  council_adopted: "vom Rat beschlossen",
  funding_eligible: "als Fördergrundlage anerkannt",
  updating: "in Fortschreibung",
};

export const SOURCE_LABELS: Record<EventSource, string> = {
  municipality: "Gemeinde",
  fs_inge: "FS INGE",
  smr: "SMR",
  import: "Import",
};

const EVENT_TYPE_LABELS = { status: "Statusänderung", confirmation: "Bestätigung" } as const;

function sourceLabel(source: string | null): string | null {
  return source === null ? null : (SOURCE_LABELS[source as EventSource] ?? source);
}

function statusLabel(status: string | null): string | null {
  return status === null ? null : (STATUS_LABELS[status as Status] ?? status);
}

/**
 * The columns of municipalities.csv and of the sheet "Gemeinden" in municipalities.xlsx.
 * `associationOf`: the name of the municipality's Verwaltungsgemeinschaft or -verband on asOf, or null.
 */
export function municipalityColumns(
  asOf: string,
  associationOf: (ags: string) => string | null,
  measuresOf: (ags: string) => MunicipalityMeasures | undefined = () => undefined,
): Column<MunicipalityListItem>[] {
  const funding = (m: MunicipalityListItem) => fundingOf(m, measuresOf(m.ags));
  return [
    { header: "AGS", kind: "text", width: 10, value: (m) => m.ags },
    { header: "Gemeinde", kind: "freeText", width: 28, value: (m) => m.displayName },
    { header: "Amtlicher Name", kind: "freeText", width: 40, value: (m) => m.name },
    { header: "Gemeindetyp", kind: "text", width: 18, value: (m) => MUNICIPALITY_TYPE_LABELS[m.type] },
    { header: "Landkreis", kind: "freeText", width: 26, value: (m) => m.districtName },
    { header: "Verwaltungsgemeinschaft/-verband", kind: "freeText", width: 30, value: (m) => associationOf(m.ags) },
    { header: "Einwohner", kind: "integer", width: 11, value: (m) => m.population },
    { header: "Fläche km²", kind: "decimal", width: 11, value: (m) => m.areaKm2 },
    { header: "Status", kind: "text", width: 34, value: (m) => statusLabel(m.record.status) },
    { header: "Status-Schlüssel", kind: "text", width: 17, value: (m) => m.record.status },
    { header: "Konzeptart", kind: "text", width: 11, value: (m) => m.record.conceptKind },
    { header: "Status seit", kind: "date", width: 12, value: (m) => m.record.statusSince },
    { header: "Ratsbeschluss", kind: "date", width: 14, value: (m) => m.record.councilResolutionDate },
    { header: "Aktuell bis", kind: "date", width: 12, value: (m) => m.record.currentUntil },
    { header: "Aktuell", kind: "flag", width: 9, value: (m) => m.record.current },
    { header: "Läuft bald ab", kind: "flag", width: 12, value: (m) => m.record.expiring },
    { header: "Lange nicht bestätigt", kind: "flag", width: 12, value: (m) => m.record.stale },
    { header: "Letzte Änderung/Bestätigung", kind: "timestamp", width: 17, value: (m) => m.record.lastActivityAt },
    { header: "Letzte Bestätigung", kind: "timestamp", width: 17, value: (m) => m.record.lastConfirmedAt },
    { header: "Quelle", kind: "text", width: 11, value: (m) => sourceLabel(m.record.source) },
    { header: "Dokument", kind: "url", width: 40, value: (m) => m.record.documentUrl },
    { header: "Zieljahr", kind: "integer", width: 9, value: (m) => m.record.horizonYear },
    { header: "Stand", kind: "date", width: 12, value: () => asOf },
    // The town-wide concept (decision 0027): own or joint, how many councils adopted it, the soft update flag.
    { header: "Konzept-ID", kind: "integer", width: 10, value: (m) => m.concept?.id ?? null },
    { header: "Konzept", kind: "freeText", width: 40, value: (m) => m.concept?.title ?? null },
    { header: "Konzept gemeinsam", kind: "flag", width: 10, value: (m) => (m.concept ? m.concept.scope === "joint" : null) },
    { header: "Konzept beschlossen von", kind: "text", width: 12, value: (m) => (m.concept ? `${m.concept.adoptedCount} von ${m.concept.memberCount}` : null) },
    { header: "Fortschreibung empfohlen", kind: "flag", width: 12, value: (m) => m.concept?.updateRecommended ?? null },
    { header: "Gebietskonzepte", kind: "integer", width: 10, value: (m) => m.concept?.areaConceptCount ?? null },
    // Funding on the date (decision 0034): the programmes with a running measure, how many run, how many are at risk.
    { header: "Programme", kind: "text", width: 40, value: (m) => funding(m).programmes.join(", ") || null },
    { header: "Maßnahmen laufend", kind: "integer", width: 11, value: (m) => funding(m).running },
    { header: "Maßnahmen gefährdet", kind: "integer", width: 11, value: (m) => funding(m).atRisk },
  ];
}

/** A municipality's funding on the export's date, as the columns and GeoJSON properties state it. */
export interface MunicipalityFunding {
  /** Ids of the programmes with a running measure, sorted. */
  programmes: string[];
  running: number;
  /** Running measures of programmes that ask for a town-wide concept, while the municipality has none current or it expires (GET /api/measures/at-risk). */
  atRisk: number;
}

export function fundingOf(m: MunicipalityListItem, measures: MunicipalityMeasures | undefined): MunicipalityFunding {
  const programmes = measures?.programmes ?? [];
  const exposed = !m.record.current || m.record.expiring;
  return {
    programmes: programmes.map((p) => p.id).sort(),
    running: programmes.reduce((n, p) => n + p.running, 0),
    atRisk: exposed ? programmes.filter((p) => p.needsConcept).reduce((n, p) => n + p.running, 0) : 0,
  };
}

/** The columns of events.csv: one row per status change or confirmation. */
export function eventColumns(asOf: string): Column<EventExportRow>[] {
  return [
    { header: "Ereignis-Nr.", kind: "integer", width: 11, value: (e) => e.id },
    { header: "AGS", kind: "text", width: 10, value: (e) => e.ags },
    { header: "Gemeinde", kind: "freeText", width: 28, value: (e) => e.name },
    { header: "Verlauf von AGS", kind: "text", width: 10, value: (e) => e.historyOfAgs },
    { header: "Verlauf von Gemeinde", kind: "freeText", width: 28, value: (e) => e.historyOfName },
    { header: "Art", kind: "text", width: 15, value: (e) => EVENT_TYPE_LABELS[e.type] },
    { header: "Status", kind: "text", width: 34, value: (e) => statusLabel(e.status) },
    { header: "Status-Schlüssel", kind: "text", width: 17, value: (e) => e.status },
    { header: "Konzeptart", kind: "text", width: 11, value: (e) => e.conceptKind },
    { header: "Wirksam ab", kind: "date", width: 12, value: (e) => e.effectiveDate },
    { header: "Ratsbeschluss", kind: "date", width: 14, value: (e) => e.councilResolutionDate },
    { header: "Dokument", kind: "url", width: 40, value: (e) => e.documentUrl },
    { header: "Zieljahr", kind: "integer", width: 9, value: (e) => e.horizonYear },
    { header: "Quelle", kind: "text", width: 11, value: (e) => sourceLabel(e.source) },
    { header: "Erfasst am", kind: "timestamp", width: 17, value: (e) => e.recordedAt },
    { header: "Erfasst von", kind: "freeText", width: 16, value: (e) => e.recordedBy },
    { header: "Notiz", kind: "freeText", width: 40, value: (e) => e.note },
    { header: "Korrigiert Ereignis-Nr.", kind: "integer", width: 11, value: (e) => e.supersedes },
    { header: "Korrigiert durch Ereignis-Nr.", kind: "integer", width: 11, value: (e) => e.supersededBy },
    { header: "Version", kind: "integer", width: 9, value: (e) => e.version },
    { header: "Stand", kind: "date", width: 12, value: () => asOf },
    { header: "Konzept-ID", kind: "integer", width: 10, value: (e) => e.conceptId },
  ];
}

/** The rules in words, as the exports state them beside the figures that depend on them. */
export function describeRules(rules: Rules): string[] {
  return [
    `Aktuell: ein beschlossenes Konzept gilt ${rules.currencyYears} Jahre ab dem Ratsbeschluss als aktuell (Einstellung, keine veröffentlichte Regel).`,
    `Läuft bald ab: aktuell, aber die Aktualität endet innerhalb von ${rules.expiringMonths} Monaten nach dem Stand.`,
    `Lange nicht bestätigt: niemand hat den Eintrag in den ${rules.staleMonths} Monaten vor dem Stand geändert oder bestätigt.`,
  ];
}

export const DATA_CREDITS = [
  "Gemeindeverzeichnis (Namen, Einwohner, Fläche): Quelle: Statistisches Bundesamt (Destatis)",
  "Gemeindegrenzen: © GeoBasis-DE / BKG (2016), mit den seitherigen Gebietsänderungen",
];
