import { type Db, queryRows } from "@insek/db";
import { sql } from "drizzle-orm";

/** Who recorded an event as stored (decision 0024): the typed columns, the account's e-mail, and the old text column. */
export interface StoredRecordedBy {
  email: string | null;
  userId: string | null;
  via: string;
  updateRequestId: number | null;
  legacy: string | null;
}

export async function storedRecordedBy(db: Db, eventId: number): Promise<StoredRecordedBy> {
  const [row] = await queryRows<{ email: string | null; user_id: string | null; via: string; update_request_id: string | null; legacy: string | null }>(
    db,
    sql`select u.email, e.recorded_by_user_id as user_id, e.recorded_via as via, e.update_request_id::text as update_request_id,
          e.recorded_by as legacy
        from status_events e left join users u on u.id = e.recorded_by_user_id where e.id = ${eventId}`,
  );
  if (!row) throw new Error(`no event ${eventId}`);
  return {
    email: row.email,
    userId: row.user_id,
    via: row.via,
    updateRequestId: row.update_request_id === null ? null : Number(row.update_request_id),
    legacy: row.legacy,
  };
}
