import type { MeasureState } from "@insek/contracts";
import { hash, mulberry32 } from "../../lib/seeded-random.js";
import type { DemoEvent, DemoMunicipality } from "./demo-history.js";

/*
 * The demo's funded measures (decision 0034): plausible Gesamtmaßnahmen across the programmes, made up like
 * the whole demo history and labelled so (origin `demo`, "(Demo)" in the name, a note). Most go to the larger
 * towns; a share goes on purpose to towns whose demo record has no current concept or one about to lapse, so
 * that the at-risk list and the update requests to "funding at risk" have something to show.
 */

export interface DemoMeasurePlan {
  ags: string;
  programmeId: string;
  name: string;
  startYear: number;
  endYear: number | null;
  state: MeasureState;
  /** Federal amounts (euros) per year. */
  amounts: { year: number; federal: number; land: number; municipal: number }[];
}

const AREAS = ["Altstadt", "Innenstadt", "Stadtkern", "Bahnhofsvorstadt", "Gründerzeitviertel", "Wohngebiet Nord", "Quartier am Markt", "Südvorstadt", "Neubaugebiet West", "Ortsmitte"];

const SEED = 20_151_204;
/** Years the currency rule counts an adoption as current by default (RULE_CURRENCY_YEARS). */
const CURRENCY_YEARS = 10;

/** Each municipality's latest adoption date in the demo history (council resolution, else effective date). */
type AdoptionEvent = Pick<DemoEvent, "ags" | "type" | "status" | "effectiveDate" | "councilResolutionDate">;

function latestAdoption(events: readonly AdoptionEvent[]): Map<string, string> {
  const latest = new Map<string, string>();
  for (const e of events) {
    if (e.type !== "status" || e.status !== "council_adopted") continue;
    const on = e.councilResolutionDate ?? e.effectiveDate;
    if ((latest.get(e.ags) ?? "") < on) latest.set(e.ags, on);
  }
  return latest;
}

/**
 * The demo measures for a history: about 45 of the largest municipalities with a current concept and 15 of
 * the largest without one (or with one lapsing within a year), each with one to three measures.
 */
export function planDemoMeasures(municipalities: readonly DemoMunicipality[], events: readonly AdoptionEvent[], today: string): DemoMeasurePlan[] {
  const year = Number(today.slice(0, 4));
  const adopted = latestAdoption(events);
  const soon = `${year - CURRENCY_YEARS + 1}${today.slice(4)}`;
  const exposed = (ags: string) => (adopted.get(ags) ?? "") < soon;
  const towns = municipalities
    .filter((m) => m.validTo === null && (m.population ?? 0) >= 2001)
    .sort((a, b) => (b.population ?? 0) - (a.population ?? 0) || a.ags.localeCompare(b.ags));
  const chosen = [...towns.filter((m) => !exposed(m.ags)).slice(0, 45), ...towns.filter((m) => exposed(m.ags)).slice(0, 15)].sort((a, b) =>
    a.ags.localeCompare(b.ags),
  );

  const plans: DemoMeasurePlan[] = [];
  for (const town of chosen) {
    const random = mulberry32(hash(town.ags, SEED));
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const population = town.population ?? 0;
    const areas = [...AREAS].sort(() => random() - 0.5);
    const measure = (programmeId: string, startYear: number, endYear: number | null, state: MeasureState, scale: number): DemoMeasurePlan => {
      const last = Math.min(endYear ?? year, year);
      const amounts = [];
      for (let y = startYear; y <= last; y += 1) {
        if (random() < 0.3 && y !== startYear) continue;
        const federal = Math.round((scale * (0.5 + random())) / 1000) * 1000;
        amounts.push({ year: y, federal, land: federal, municipal: Math.round(federal / 2) });
      }
      return { ags: town.ags, programmeId, name: `${areas.pop() ?? pick(AREAS)} (Demo)`, startYear, endYear, state, amounts };
    };
    const scale = population > 100_000 ? 1_200_000 : population > 20_000 ? 500_000 : 180_000;
    // Every chosen town: one running measure of the programmes since 2020.
    plans.push(measure(pick(["lebendige-zentren", "lebendige-zentren", "sozialer-zusammenhalt", "wachstum-nachhaltige-erneuerung"]), year - 1 - Math.floor(random() * 5), null, "running", scale));
    // Many: an earlier programme, settled or fully funded.
    if (random() < 0.6) {
      const [programmeId, from, to] = pick([
        ["staedtebaulicher-denkmalschutz", 1991, 2019],
        ["stadtumbau-ost", 2002, 2016],
        ["soziale-stadt", 1999, 2019],
        ["aktive-stadt-und-ortsteilzentren", 2008, 2019],
      ] as const);
      const start = from + Math.floor(random() * 6);
      const end = Math.min(to, start + 8 + Math.floor(random() * 6));
      plans.push(measure(programmeId, start, end, random() < 0.7 ? "settled" : "fully_funded", scale));
    }
    // Larger towns: an EFRE area (at least 5,000 inhabitants), sometimes paused.
    if (population >= 5000 && random() < 0.35) plans.push(measure("efre-nachhaltige-stadtentwicklung", 2022, 2027, random() < 0.85 ? "running" : "paused", scale));
  }
  return plans;
}
