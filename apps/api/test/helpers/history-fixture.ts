import { type Db, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";

/**
 * A small INSEK history written straight into status_events (not through the events API), so
 * that the statistics and list tests do not depend on the event rules. Every insert takes the
 * municipality's next record version and bumps municipalities.record_version in one statement.
 */
export interface FixtureEvent {
  ags: string;
  type?: "status" | "confirmation";
  status?: "none" | "drafting" | "council_adopted" | "funding_eligible" | "updating";
  conceptKind?: "INSEK" | "INGEKO";
  effectiveDate: string;
  /** ISO timestamp. */
  recordedAt: string;
  source?: "municipality" | "fs_inge" | "smr" | "import";
  councilResolutionDate?: string;
  supersedes?: number;
}

export async function recordFixtureEvent(db: Db, event: FixtureEvent): Promise<number> {
  const type = event.type ?? "status";
  const [row] = await queryRows<{ id: number | string }>(
    db,
    sql`with bumped as (
          update municipalities set record_version = record_version + 1
          where ags = ${event.ags}
          returning ags, record_version
        )
        insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source,
                                   council_resolution_date, supersedes, version)
        select b.ags, ${type}, ${event.status ?? null}, ${event.conceptKind ?? (type === "status" ? "INSEK" : null)},
               ${event.effectiveDate}::date, ${event.recordedAt}::timestamptz, ${event.source ?? "municipality"},
               ${event.councilResolutionDate ?? null}::date, ${event.supersedes ?? null}::bigint, b.record_version
        from bumped b
        returning id`,
  );
  if (!row) throw new Error(`no municipality ${event.ags}`);
  return Number(row.id);
}

/** The municipalities of the fixture (populations are read from the seeded registry by the tests). */
export const FIX = {
  leipzig: "14713000",
  chemnitz: "14511000",
  freiberg: "14522180",
  kamenz: "14625250",
  plauen: "14523320",
  eichigt: "14523080",
  colditz: "14729080",
  ostrau: "14522450",
  zschaitzOttewig: "14522620",
  jahnatal: "14522275",
} as const;

/**
 * The history (rules 10 years / 12 months / 12 months):
 * - Leipzig: drafting 2018, adopted 2020-06-10 (current until 2030-06-09), confirmed 2026-10-15.
 * - Chemnitz: adopted 2015-03-01 (current until 2025-02-28).
 * - Freiberg: adopted 2017-01-10 (current until 2027-01-09).
 * - Kamenz: adopted 2019-05-20, funding_eligible since 2021-02-01 (current until 2029-05-19).
 * - Plauen: adopted 2018-02-14 (current until 2028-02-13), updating since 2025-09-01, recorded 2025-12-10.
 * - Eichigt: drafting since 2024-03-15, nothing since.
 * - Colditz: adopted, entered by mistake with resolution 2017-09-01 (on 2017-09-05); corrected on
 *   2026-02-01 to the real resolution of 2016-09-01 (current until 2026-08-31).
 * - Ostrau (merged into Jahnatal on 2023-01-01): adopted 2018-06-01. Zschaitz-Ottewig: drafting 2019-03-01.
 * - Jahnatal (from 2023-01-01): drafting 2023-06-01, adopted 2024-09-01 (recorded 2024-09-03).
 */
export async function insertHistoryFixture(db: Db) {
  const add = (event: FixtureEvent) => recordFixtureEvent(db, event);
  const adopted = (ags: string, date: string, recordedAt: string) =>
    add({ ags, status: "council_adopted", effectiveDate: date, councilResolutionDate: date, recordedAt });

  await add({ ags: FIX.leipzig, status: "drafting", effectiveDate: "2018-03-01", recordedAt: "2018-03-02T09:00:00Z" });
  await adopted(FIX.leipzig, "2020-06-10", "2020-06-12T09:00:00Z");
  await add({ ags: FIX.leipzig, type: "confirmation", effectiveDate: "2026-10-15", recordedAt: "2026-10-15T08:00:00Z" });

  await adopted(FIX.chemnitz, "2015-03-01", "2015-03-05T09:00:00Z");

  await adopted(FIX.freiberg, "2017-01-10", "2017-01-12T09:00:00Z");

  await adopted(FIX.kamenz, "2019-05-20", "2019-05-22T09:00:00Z");
  await add({ ags: FIX.kamenz, status: "funding_eligible", source: "smr", effectiveDate: "2021-02-01", recordedAt: "2021-02-01T10:00:00Z" });

  await adopted(FIX.plauen, "2018-02-14", "2018-02-20T09:00:00Z");
  await add({ ags: FIX.plauen, status: "updating", effectiveDate: "2025-09-01", recordedAt: "2025-12-10T09:00:00Z" });

  await add({ ags: FIX.eichigt, status: "drafting", conceptKind: "INGEKO", effectiveDate: "2024-03-15", recordedAt: "2024-03-15T09:00:00Z" });

  const mistaken = await adopted(FIX.colditz, "2017-09-01", "2017-09-05T09:00:00Z");
  await add({
    ags: FIX.colditz,
    status: "council_adopted",
    effectiveDate: "2016-09-01",
    councilResolutionDate: "2016-09-01",
    recordedAt: "2026-02-01T09:00:00Z",
    source: "fs_inge",
    supersedes: mistaken,
  });

  await adopted(FIX.ostrau, "2018-06-01", "2018-06-05T09:00:00Z");
  await add({ ags: FIX.zschaitzOttewig, status: "drafting", effectiveDate: "2019-03-01", recordedAt: "2019-03-01T09:00:00Z" });

  await add({ ags: FIX.jahnatal, status: "drafting", effectiveDate: "2023-06-01", recordedAt: "2023-06-01T09:00:00Z" });
  await adopted(FIX.jahnatal, "2024-09-01", "2024-09-03T09:00:00Z");
}

export interface RegistryRow {
  ags: string;
  district_key: string;
  population: number | null;
  valid_from: string | null;
  valid_to: string | null;
}

/** The seeded registry, to compute expected totals and populations in the tests. */
export async function registryRows(db: Db): Promise<RegistryRow[]> {
  return queryRows<RegistryRow>(
    db,
    sql`select ags, district_key, population, valid_from::text as valid_from, valid_to::text as valid_to from municipalities`,
  );
}

export function existsOn(row: RegistryRow, date: string): boolean {
  return (row.valid_from === null || row.valid_from <= date) && (row.valid_to === null || row.valid_to > date);
}
