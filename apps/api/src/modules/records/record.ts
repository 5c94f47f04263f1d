import type { EventSource, InsekRecord, Status } from "@insek/contracts";
import type { RecordRow } from "./records.sql.js";

function isoTimestamp(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Shapes a `recordsOn` row into the API's record. */
export function toInsekRecord(row: RecordRow): InsekRecord {
  return {
    status: row.status as Status,
    conceptKind: row.concept_kind as InsekRecord["conceptKind"],
    statusSince: row.status_since,
    councilResolutionDate: row.council_resolution_date,
    currentUntil: row.current_until,
    current: row.current,
    expiring: row.expiring,
    stale: row.stale,
    lastActivityAt: isoTimestamp(row.last_activity_at),
    lastConfirmedAt: isoTimestamp(row.last_confirmed_at),
    source: row.source as EventSource | null,
    documentUrl: row.document_url,
    horizonYear: row.horizon_year,
    version: row.version,
  };
}
