import type { ConceptKind, EventSource, MunicipalityType, Status } from "@insek/contracts";
import { todayInSaxony } from "../../lib/clock.js";
import { DAY_MS, type Rng, fromDay, hash, mulberry32, toDay } from "../../lib/seeded-random.js";

/**
 * A plausible, entirely made-up INSEK history for every municipality, so that a new installation
 * shows a living dashboard. Deterministic: the same registry and the same day give the same history.
 * Every history obeys the status rules (transition table, council resolution, funding only by SMR
 * after an adoption, dates within the municipality's existence and never in the future).
 */

export const DEMO_SEED = 20_240_301;

export interface DemoMunicipality {
  ags: string;
  type: MunicipalityType;
  population: number | null;
  /** First day of existence (null: long before). */
  validFrom: string | null;
  /** First day on which it no longer exists (null: exists). */
  validTo: string | null;
}

export interface DemoEvent {
  ags: string;
  type: "status" | "confirmation";
  status: Status | null;
  conceptKind: ConceptKind | null;
  effectiveDate: string;
  /** ISO 8601 instant. */
  recordedAt: string;
  source: EventSource;
  note: string | null;
  councilResolutionDate: string | null;
  documentUrl: string | null;
  horizonYear: number | null;
  version: number;
}

/** Shares of the statuses today among the existing municipalities (the rest is council_adopted). */
const TODAY_SHARES = { none: 0.12, drafting: 0.15, funding_eligible: 0.15, updating: 0.1 } as const;

const YEAR = 365.25;
const MIN_GAP_DAYS = 45;
const EARLIEST = "1990-01-01";
const FS_INGE_SINCE = "2024-03-01";
const between = (rng: Rng, min: number, max: number) => min + rng() * (max - min);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

function weighted<T extends string>(rng: Rng, weights: Record<T, number>): T {
  const entries = Object.entries(weights) as [T, number][];
  let r = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [key, w] of entries) {
    r -= w;
    if (r <= 0) return key;
  }
  return (entries[entries.length - 1] as [T, number])[0];
}

const berlinParts = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Berlin",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The UTC instant of a wall-clock time in Saxony (daytime only, so never inside a DST switch). */
function berlinInstant(day: number, minuteOfDay: number): number {
  const naive = day * DAY_MS + minuteOfDay * 60_000;
  const p = Object.fromEntries(berlinParts.formatToParts(new Date(naive)).map((x) => [x.type, Number(x.value)]));
  const asBerlin = Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0);
  return naive - (asBerlin - naive);
}

const berlinDay = (instant: number) => toDay(todayInSaxony(() => new Date(instant)));

/** 0 for villages of up to 1,000 inhabitants, 1 for cities of about 300,000 and more. */
function size(m: DemoMunicipality): number {
  const population = Math.max(m.population ?? 1000, 1);
  return Math.min(1, Math.max(0, (Math.log10(population) - 3) / 2.5));
}

/** Efraimidis–Spirakis: k items drawn without replacement with probability proportional to weight. */
function drawWeighted<T>(rng: Rng, items: readonly T[], k: number, weight: (item: T) => number): Set<T> {
  const keyed = items
    .map((item) => {
      const w = weight(item);
      return { item, key: w > 0 ? -Math.log(1 - rng()) / w : Number.POSITIVE_INFINITY };
    })
    .sort((a, b) => a.key - b.key);
  return new Set(keyed.slice(0, k).map((x) => x.item));
}

const WEIGHTS: Record<Exclude<Status, "council_adopted">, (m: DemoMunicipality) => number> = {
  // Small communes more often have no concept or are drafting their first one; cities always have one.
  none: (m) => (m.type === "kreisfreie_stadt" ? 0 : (m.type === "grosse_kreisstadt" ? 0.05 : 1) * (1.05 - size(m)) ** 3),
  drafting: (m) => (m.type === "kreisfreie_stadt" ? 0 : (1.05 - size(m)) ** 2),
  funding_eligible: (m) => (0.3 + size(m)) ** 2,
  updating: (m) => (0.3 + size(m)) ** 2,
};

/** Today's status of every existing municipality: exact shares, drawn with size-dependent weights. */
function assignTodayStatuses(rng: Rng, existing: readonly DemoMunicipality[]): Map<string, Status> {
  const result = new Map<string, Status>();
  let pool = [...existing];
  for (const status of ["none", "drafting", "funding_eligible", "updating"] as const) {
    const drawn = drawWeighted(rng, pool, Math.round(TODAY_SHARES[status] * existing.length), WEIGHTS[status]);
    for (const m of drawn) result.set(m.ags, status);
    pool = pool.filter((m) => !drawn.has(m));
  }
  for (const m of pool) result.set(m.ags, "council_adopted");
  return result;
}

interface Step {
  status: Status;
  day: number;
}

/** The status path leading to `final`, with effective days relative to `ref` (the last day of the history). */
function template(rng: Rng, final: Status, ref: number): Step[] {
  const ago = (minYears: number, maxYears: number) => Math.round(ref - between(rng, minYears, maxYears) * YEAR);
  const after = (day: number, minYears: number, maxYears: number) => Math.round(day + between(rng, minYears, maxYears) * YEAR);
  const r = rng();
  switch (final) {
    case "none": {
      if (r < 0.45) return []; // never answered
      if (r < 0.75) return [{ status: "none", day: ago(0.1, 3) }];
      if (r < 0.9) {
        const drafting = ago(2, 7);
        return [{ status: "drafting", day: drafting }, { status: "none", day: after(drafting, 0.5, 2) }];
      }
      const adopted = ago(11, 18);
      return [{ status: "council_adopted", day: adopted }, { status: "none", day: after(adopted, 10, 11) }];
    }
    case "drafting": {
      if (r < 0.65) return [{ status: "drafting", day: ago(0.1, 3) }];
      if (r < 0.85) return [{ status: "none", day: ago(3, 7) }, { status: "drafting", day: ago(0.1, 2.5) }];
      const adopted = ago(12, 18);
      const none = after(adopted, 10, 11);
      return [
        { status: "council_adopted", day: adopted },
        { status: "none", day: none },
        { status: "drafting", day: after(none, 0.2, 1.5) },
      ];
    }
    case "council_adopted": {
      // Adoptions cluster in the last decade; about a third are older and no longer current.
      const adopted = rng() < 0.3 ? ago(10, 18) : ago(0.3, 10);
      if (adopted >= ref - 8 * YEAR && r < 0.35) {
        const earlier = Math.round(adopted - between(rng, 7, 12) * YEAR);
        const steps: Step[] = [{ status: "council_adopted", day: earlier }];
        if (rng() < 0.3) steps.push({ status: "funding_eligible", day: after(earlier, 0.2, 1) });
        steps.push({ status: "updating", day: Math.round(adopted - between(rng, 0.4, 2.5) * YEAR) });
        steps.push({ status: "council_adopted", day: adopted });
        return steps;
      }
      if (r < 0.75) {
        return [
          { status: "drafting", day: Math.round(adopted - between(rng, 0.4, 2.5) * YEAR) },
          { status: "council_adopted", day: adopted },
        ];
      }
      return [{ status: "council_adopted", day: adopted }];
    }
    case "funding_eligible": {
      const adopted = ago(0.5, 11);
      const steps: Step[] = [];
      if (r < 0.7) steps.push({ status: "drafting", day: Math.round(adopted - between(rng, 0.4, 2.5) * YEAR) });
      steps.push({ status: "council_adopted", day: adopted });
      steps.push({ status: "funding_eligible", day: after(adopted, 0.15, 1.2) });
      return steps;
    }
    case "updating": {
      const adopted = ago(4, 14);
      const steps: Step[] = [];
      if (r < 0.6) steps.push({ status: "drafting", day: Math.round(adopted - between(rng, 0.4, 2.5) * YEAR) });
      steps.push({ status: "council_adopted", day: adopted });
      if (rng() < 0.4) steps.push({ status: "funding_eligible", day: after(adopted, 0.2, 1) });
      steps.push({ status: "updating", day: ago(0.05, 2.5) });
      return steps;
    }
  }
}

/** The shortest path to `final`, spread evenly over the window (for municipalities that exist only briefly). */
function compactTemplate(final: Status, start: number, ref: number): Step[] {
  const paths: Record<Status, Status[]> = {
    none: ["none"],
    drafting: ["drafting"],
    council_adopted: ["drafting", "council_adopted"],
    funding_eligible: ["council_adopted", "funding_eligible"],
    updating: ["council_adopted", "updating"],
  };
  const path = paths[final];
  if (ref - start < (path.length + 1) * MIN_GAP_DAYS) return [];
  return path.map((status, i) => ({ status, day: Math.round(start + ((ref - start) * (i + 1)) / (path.length + 1)) }));
}

function fits(steps: Step[], start: number, ref: number): boolean {
  return steps.every(
    (s, i) => s.day >= start && s.day <= ref && (i === 0 || s.day - (steps[i - 1] as Step).day >= MIN_GAP_DAYS),
  );
}

/** Who reported it: FS INGE only since it exists; SMR alone recognises funding eligibility; imports carry old records. */
function sourceFor(rng: Rng, day: number, event: Status | "confirmation"): EventSource {
  if (event === "funding_eligible") return "smr";
  if (day >= toDay(FS_INGE_SINCE)) return weighted(rng, { municipality: 0.5, fs_inge: 0.35, smr: 0.15 });
  if (event === "confirmation") return weighted(rng, { municipality: 0.8, smr: 0.2 });
  return weighted(rng, { municipality: 0.55, smr: 0.2, import: 0.25 });
}

function noteFor(rng: Rng, status: Status, previous: Status | undefined, day: number, m: DemoMunicipality): string | null {
  if (rng() > 0.4) return null;
  const council = m.type === "gemeinde" ? "Gemeinderat" : "Stadtrat";
  const notes: Record<Status, string[]> = {
    none:
      previous === "drafting"
        ? ["Erarbeitung vorerst eingestellt"]
        : previous === "council_adopted"
          ? ["Konzept ausgelaufen, keine Fortschreibung geplant"]
          : ["Derzeit kein Konzept geplant", "Auskunft der Gemeindeverwaltung: kein Konzept vorhanden"],
    drafting: [
      "Planungsbüro beauftragt",
      "Bürgerbeteiligung läuft",
      ...(day >= toDay(FS_INGE_SINCE) ? ["Erstberatung vor Ort durch FS INGE"] : []),
    ],
    council_adopted: [`Beschluss des ${council}s`, `${council} hat das Konzept einstimmig beschlossen`],
    funding_eligible: ["Als Fördergrundlage anerkannt"],
    updating: ["Fortschreibung für die neue Förderperiode", "Fortschreibung beauftragt"],
  };
  return pick(rng, notes[status]);
}

/** Offices record on weekdays: a Saturday or Sunday moves on by two days. */
function officeDay(day: number): number {
  const weekday = (day + 4) % 7; // day 0 = 1970-01-01, a Thursday; 0 = Sunday, 6 = Saturday
  return weekday === 6 || weekday === 0 ? day + 2 : day;
}

/**
 * A recording time a few days after the effective day, in office hours, and never before `earliest`
 * nor after `limit` (now, or the municipality's last day): a time that would lie beyond the limit
 * is drawn anew between the two.
 */
function recordingInstant(rng: Rng, day: number, delayDays: number, earliest: number, limit: number): number {
  const instant = berlinInstant(officeDay(day + delayDays), Math.round(between(rng, 8 * 60, 17.5 * 60)));
  if (instant <= limit) return Math.max(instant, earliest);
  const morning = Math.max(earliest, berlinInstant(day, 7 * 60));
  const lower = morning <= limit ? morning : Math.max(earliest, berlinInstant(day, 0));
  const minute = 60_000;
  return Math.max(lower, Math.min(limit, Math.round(between(rng, lower, limit) / minute) * minute));
}

function historyOf(m: DemoMunicipality, final: Status, now: number, seed: number): DemoEvent[] {
  const rng = mulberry32(hash(m.ags, seed));
  const today = berlinDay(now);
  const start = Math.max(toDay(EARLIEST), m.validFrom ? toDay(m.validFrom) : Number.NEGATIVE_INFINITY);
  const ref = m.validTo ? Math.min(today, toDay(m.validTo) - 1) : today;
  if (ref < start) return [];
  // Nothing is recorded after the municipality's last day, nor after now.
  const limit = Math.min(now, berlinInstant(ref, 23 * 60 + 59));

  let steps: Step[] | undefined;
  for (let attempt = 0; attempt < 30 && !steps; attempt++) {
    const candidate = template(rng, final, ref);
    if (fits(candidate, start, ref)) steps = candidate;
  }
  steps ??= compactTemplate(final, start, ref);

  const kind: ConceptKind =
    rng() < ({ gemeinde: 0.75, stadt: 0.2, grosse_kreisstadt: 0, kreisfreie_stadt: 0 } as const)[m.type] ? "INGEKO" : "INSEK";
  const events: Omit<DemoEvent, "version">[] = [];
  let documentUrl: string | null = null;
  let horizonYear: number | null = null;
  let lastRecorded = Number.NEGATIVE_INFINITY;
  let previous: Status | undefined;

  for (const step of steps) {
    let councilResolutionDate: string | null = null;
    if (step.status === "council_adopted") {
      const resolution = Math.max(start, step.day - Math.floor(between(rng, 0, 29)));
      councilResolutionDate = fromDay(resolution);
      const year = Number(councilResolutionDate.slice(0, 4));
      documentUrl = rng() < 0.65 ? `https://example.org/insek-demo/${m.ags}/${kind.toLowerCase()}-${year}.pdf` : null;
      horizonYear = year + 10 + Math.floor(rng() * 6);
    } else if (step.status === "none" || step.status === "drafting") {
      documentUrl = null;
      horizonYear = step.status === "drafting" && rng() < 0.5 ? Number(fromDay(step.day).slice(0, 4)) + 12 : null;
    }
    const delayRoll = rng();
    const delay = Math.floor(delayRoll < 0.6 ? between(rng, 0, 4) : delayRoll < 0.95 ? between(rng, 4, 15) : between(rng, 15, 41));
    const recorded = recordingInstant(rng, step.day, delay, lastRecorded, limit);
    lastRecorded = recorded;
    events.push({
      ags: m.ags,
      type: "status",
      status: step.status,
      conceptKind: step.status === "none" ? null : kind,
      effectiveDate: fromDay(step.day),
      recordedAt: new Date(recorded).toISOString(),
      source: sourceFor(rng, step.day, step.status),
      note: noteFor(rng, step.status, previous, step.day, m),
      councilResolutionDate,
      documentUrl: step.status === "none" || step.status === "drafting" ? null : documentUrl,
      horizonYear,
    });
    previous = step.status;
  }

  // About half of the municipalities with a history confirmed it within the last two years.
  if (events.length > 0 && rng() < (m.validTo ? 0.3 : 0.55)) {
    const from = Math.max(berlinDay(lastRecorded) + 1, ref - 730);
    // Density rising linearly towards today: most confirmations answer a recent request.
    const days = Array.from({ length: rng() < 0.7 ? 1 : 2 }, () => Math.round(from + (ref - from) * Math.sqrt(rng())))
      .filter((day) => day >= from)
      .sort((a, b) => a - b);
    for (const day of days) {
      const recorded = recordingInstant(rng, day, 0, lastRecorded, limit);
      lastRecorded = recorded;
      events.push({
        ags: m.ags,
        type: "confirmation",
        status: null,
        conceptKind: null,
        effectiveDate: fromDay(berlinDay(recorded)),
        recordedAt: new Date(recorded).toISOString(),
        source: sourceFor(rng, day, "confirmation"),
        note: null,
        councilResolutionDate: null,
        documentUrl: null,
        horizonYear: null,
      });
    }
  }
  // Versions follow the recording order, which the events were generated in.
  return events.map((e, i) => ({ ...e, version: i + 1 }));
}

/** The demo history of all municipalities (current and dissolved), sorted by AGS and version. */
export function generateDemoHistory(
  municipalities: readonly DemoMunicipality[],
  now: Date,
  seed: number = DEMO_SEED,
): DemoEvent[] {
  const sorted = [...municipalities].sort((a, b) => a.ags.localeCompare(b.ags));
  const rng = mulberry32(seed);
  const existing = sorted.filter((m) => m.validTo === null);
  const finals = assignTodayStatuses(rng, existing);
  // Dissolved municipalities end with the same mix, drawn one by one.
  for (const m of sorted) {
    if (m.validTo === null) continue;
    finals.set(
      m.ags,
      weighted(rng, { none: 0.12, drafting: 0.15, council_adopted: 0.48, funding_eligible: 0.15, updating: 0.1 }),
    );
  }
  return sorted.flatMap((m) => historyOf(m, finals.get(m.ags) ?? "none", now.getTime(), seed));
}
