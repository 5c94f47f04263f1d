/**
 * A deterministic synthetic INSEK history for benchmarks: for every municipality one event per month
 * (a confirmation, or now and then a status change along the allowed transitions), written straight
 * into status_events with multi-row INSERTs (unnest of column arrays), not through the API.
 *
 * Every history obeys the rules the API enforces (apps/api/src/modules/events/status-rules.ts):
 * versions 1..n per municipality, transitions from STATUS_TRANSITIONS only, a council resolution date
 * (not after the effective date) on every adoption, funding_eligible only by source "smr" and only
 * after an adoption, a concept kind on every status other than "none", confirmations effective on
 * the day they were recorded, effective dates within the municipality's existence, from 1990 on and
 * never in the future. municipalities.record_version is set to the number of events afterwards.
 */
import { STATUS_TRANSITIONS, type Status, type TransitionFrom } from "@insek/contracts";
import pg from "pg";
import { DAY_MS, type Rng, fromDay, hash, mulberry32, toDay } from "../src/lib/seeded-random.js";

export interface HistoryMunicipality {
  ags: string;
  /** First day of existence (null: long before). */
  validFrom: string | null;
  /** First day on which it no longer exists (null: exists). */
  validTo: string | null;
}

export interface HistoryOptions {
  /** Months of history ending with the current month. */
  months: number;
  /** Today in Saxony (YYYY-MM-DD): no effective date after it. */
  today: string;
  /** Now: no recorded_at after it. */
  now: Date;
  seed: number;
  /** Share of months with a status change instead of a confirmation. */
  changeShare?: number;
}

const EARLIEST = "1990-01-01";

/** Weights of the next status, per current status; only allowed transitions (checked below). */
const NEXT: Record<TransitionFrom, Partial<Record<Status, number>>> = {
  initial: { none: 0.2, drafting: 0.5, council_adopted: 0.3 },
  none: { drafting: 0.8, council_adopted: 0.2 },
  drafting: { council_adopted: 0.7, none: 0.3 },
  council_adopted: { funding_eligible: 0.4, updating: 0.5, none: 0.1 },
  funding_eligible: { updating: 0.6, council_adopted: 0.3, none: 0.1 },
  updating: { council_adopted: 0.9, none: 0.1 },
};
for (const [from, weights] of Object.entries(NEXT) as [TransitionFrom, Partial<Record<Status, number>>][]) {
  for (const to of Object.keys(weights) as Status[]) {
    if (!(STATUS_TRANSITIONS[from] as readonly Status[]).includes(to)) throw new Error(`bench history: ${from} -> ${to} is not allowed`);
  }
}

function nextStatus(rng: Rng, from: TransitionFrom): Status {
  const entries = Object.entries(NEXT[from]) as [Status, number][];
  let r = rng() * entries.reduce((s, [, w]) => s + w, 0);
  for (const [status, w] of entries) {
    r -= w;
    if (r <= 0) return status;
  }
  return (entries[entries.length - 1] as [Status, number])[0];
}

/** One generated row of status_events (without id, recorded_by, note and the other nullable extras). */
export interface SyntheticEvent {
  ags: string;
  type: "status" | "confirmation";
  status: Status | null;
  conceptKind: "INSEK" | "INGEKO" | null;
  effectiveDate: string;
  recordedAt: string;
  source: "municipality" | "fs_inge" | "smr";
  councilResolutionDate: string | null;
  version: number;
}

/** Column arrays of a batch of rows for `insert … select * from unnest(…)`. */
export class Batch {
  ags: string[] = [];
  type: string[] = [];
  status: (string | null)[] = [];
  conceptKind: (string | null)[] = [];
  effectiveDate: string[] = [];
  recordedAt: string[] = [];
  source: string[] = [];
  councilResolutionDate: (string | null)[] = [];
  version: number[] = [];
  get size() {
    return this.ags.length;
  }
}

/** The history of one municipality as rows (for checks; the loader appends to column arrays instead). */
export function historyOf(m: HistoryMunicipality, options: HistoryOptions): SyntheticEvent[] {
  const batch = new Batch();
  appendHistory(batch, m, options);
  return batch.ags.map((ags, i) => ({
    ags,
    type: batch.type[i] as SyntheticEvent["type"],
    status: (batch.status[i] ?? null) as Status | null,
    conceptKind: (batch.conceptKind[i] ?? null) as SyntheticEvent["conceptKind"],
    effectiveDate: batch.effectiveDate[i] ?? "",
    recordedAt: batch.recordedAt[i] ?? "",
    source: batch.source[i] as SyntheticEvent["source"],
    councilResolutionDate: batch.councilResolutionDate[i] ?? null,
    version: batch.version[i] ?? 0,
  }));
}

/** The history of one municipality, appended to `batch`; returns the number of events. */
export function appendHistory(batch: Batch, m: HistoryMunicipality, options: HistoryOptions): number {
  const rng = mulberry32(hash(m.ags, options.seed));
  const changeShare = options.changeShare ?? 0.1;
  const kind = rng() < 0.8 ? "INSEK" : "INGEKO";
  const todayDay = toDay(options.today);
  const nowMs = options.now.getTime() - 60_000;
  const [ty, tm] = options.today.split("-").map(Number) as [number, number];
  const fromDayOk = Math.max(toDay(EARLIEST), m.validFrom ? toDay(m.validFrom) : -Infinity);
  const toDayExcl = m.validTo ? toDay(m.validTo) : Infinity;
  let status: TransitionFrom = "initial";
  let version = 0;
  for (let i = options.months - 1; i >= 0; i--) {
    const monthStart = Date.UTC(ty, tm - 1 - i, 1) / DAY_MS;
    const day = monthStart + Math.floor(rng() * 28);
    const change: boolean = status === "initial" || rng() < changeShare;
    const pickNext: Status | null = change ? nextStatus(rng, status) : null;
    const lag = Math.floor(rng() * 4);
    const resolutionLag = Math.floor(rng() * 60);
    const sourcePick = rng();
    if (day > todayDay || day < fromDayOk || day >= toDayExcl) continue;
    const recordedDay = Math.min(pickNext ? day + lag : day, todayDay);
    const recordedMs = Math.min(recordedDay * DAY_MS + 9 * 3_600_000 + Math.floor(sourcePick * 3_600_000), nowMs);
    // A confirmation is effective on the (Saxon) day it was recorded: 09:00-10:00 UTC is daytime there.
    const effectiveDay = pickNext ? day : Math.floor(recordedMs / DAY_MS);
    if (effectiveDay < fromDayOk || effectiveDay >= toDayExcl) continue;
    version += 1;
    batch.ags.push(m.ags);
    batch.version.push(version);
    batch.effectiveDate.push(fromDay(effectiveDay));
    batch.recordedAt.push(new Date(recordedMs).toISOString());
    if (pickNext) {
      batch.type.push("status");
      batch.status.push(pickNext);
      batch.conceptKind.push(pickNext === "none" ? null : kind);
      batch.source.push(pickNext === "funding_eligible" ? "smr" : sourcePick < 0.6 ? "municipality" : "fs_inge");
      batch.councilResolutionDate.push(
        pickNext === "council_adopted" ? fromDay(Math.max(toDay(EARLIEST), fromDayOk, effectiveDay - resolutionLag)) : null,
      );
      status = pickNext;
    } else {
      batch.type.push("confirmation");
      batch.status.push(null);
      batch.conceptKind.push(null);
      batch.source.push(sourcePick < 0.7 ? "municipality" : "fs_inge");
      batch.councilResolutionDate.push(null);
    }
  }
  return version;
}

const INSERT = `
  insert into status_events (ags, type, status, concept_kind, effective_date, recorded_at, source, council_resolution_date, version)
  select * from unnest($1::char(8)[], $2::text[], $3::text[], $4::text[], $5::date[], $6::timestamptz[], $7::text[], $8::date[], $9::int[])`;

async function flush(client: pg.Client, batch: Batch): Promise<void> {
  if (batch.size === 0) return;
  await client.query(INSERT, [
    batch.ags,
    batch.type,
    batch.status,
    batch.conceptKind,
    batch.effectiveDate,
    batch.recordedAt,
    batch.source,
    batch.councilResolutionDate,
    batch.version,
  ]);
}

/**
 * Generates and inserts the history of every municipality of the database (which must have no events
 * yet), sets each municipality's record_version, and analyses the table. Returns the number of events.
 */
export async function loadSyntheticHistory(
  url: string,
  options: HistoryOptions & { batchRows?: number; onProgress?: (events: number) => void },
): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: existing } = await client.query<{ n: string }>("select count(*)::text as n from status_events");
    if (existing[0]?.n !== "0") throw new Error("status_events is not empty: the synthetic history needs an empty history");
    const { rows: municipalities } = await client.query<HistoryMunicipality>(
      `select ags, valid_from::text as "validFrom", valid_to::text as "validTo" from municipalities order by ags`,
    );
    const batchRows = options.batchRows ?? 20_000;
    let total = 0;
    let batch = new Batch();
    await client.query("begin");
    for (const m of municipalities) {
      total += appendHistory(batch, m, options);
      if (batch.size >= batchRows) {
        await flush(client, batch);
        batch = new Batch();
        options.onProgress?.(total);
      }
    }
    await flush(client, batch);
    await client.query(`
      update municipalities m set record_version = v.n
      from (select ags, max(version) as n from status_events group by ags) v
      where m.ags = v.ags`);
    await client.query("commit");
    // VACUUM too (outside the transaction): it sets the visibility map, so that the activity lookups
    // are index-only scans, as autovacuum leaves an append-only table in production.
    await client.query("vacuum analyze");
    return total;
  } catch (error) {
    await client.query("rollback").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}
