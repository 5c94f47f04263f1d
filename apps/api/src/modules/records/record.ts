import type { EventSource, InsekRecord, Status } from "@insek/contracts";
import { isoTimestampOrNull } from "../../lib/timestamps.js";
import type { RecordRow } from "./records.sql.js";


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
    lastActivityAt: isoTimestampOrNull(row.last_activity_at),
    lastConfirmedAt: isoTimestampOrNull(row.last_confirmed_at),
    source: row.source as EventSource | null,
    documentUrl: row.document_url,
    horizonYear: row.horizon_year,
    version: row.version,
  };
}
