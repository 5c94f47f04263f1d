import { type Db, queryRows, schema } from "@insek/db";
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { isoTimestamp } from "../../lib/timestamps.js";

const { outboxMessages } = schema;

export type OutboxState = (typeof schema.OUTBOX_STATES)[number];

export interface NewOutboxMessage {
  createdAt: Date;
  recipients: string[];
  subject: string;
  bodyText: string;
  state: OutboxState;
  updateRequestId: number | null;
}

export async function insertOutboxMessages(db: Db, rows: NewOutboxMessage[]): Promise<void> {
  // In slices: one statement per few hundred rows keeps the parameter count far below the driver's limit.
  for (let i = 0; i < rows.length; i += 200) {
    await db.insert(outboxMessages).values(rows.slice(i, i + 200));
  }
}

export interface OutboxRow {
  id: number;
  createdAt: string;
  recipients: string[];
  subject: string;
  body: string;
  state: OutboxState;
  attempts: number;
  sentAt: string | null;
  lastError: string | null;
  updateRequestId: number | null;
  ags: string | null;
  municipalityName: string | null;
  /** What the link of the message is written from (update_requests); never shown. */
  linkNonce: string | null;
  tokenHash: string | null;
}

interface RawOutboxRow extends Omit<OutboxRow, "id" | "createdAt" | "sentAt" | "updateRequestId"> {
  id: number | string;
  createdAt: Date | string;
  sentAt: Date | string | null;
  updateRequestId: number | string | null;
}


function toOutboxRow(r: RawOutboxRow): OutboxRow {
  return {
    ...r,
    id: Number(r.id),
    createdAt: isoTimestamp(r.createdAt),
    sentAt: r.sentAt === null ? null : isoTimestamp(r.sentAt),
    updateRequestId: r.updateRequestId === null ? null : Number(r.updateRequestId),
  };
}

const columns = sql`o.id, o.created_at as "createdAt", o.recipients, o.subject, o.body_text as body, o.state, o.attempts,
  o.sent_at as "sentAt", o.last_error as "lastError", o.update_request_id as "updateRequestId",
  r.ags, (select m.display_name from municipalities m where m.ags = r.ags) as "municipalityName",
  r.link_nonce as "linkNonce", r.token_hash as "tokenHash"`;

export interface OutboxFilter {
  state?: OutboxState | undefined;
  campaignId?: number | undefined;
  /** Advisors: only the messages of campaigns they created. */
  createdBy?: string | undefined;
  limit: number;
}

export async function listOutbox(db: Db, filter: OutboxFilter): Promise<OutboxRow[]> {
  const rows = await queryRows<RawOutboxRow>(
    db,
    sql`select ${columns}
        from outbox_messages o
        left join update_requests r on r.id = o.update_request_id
        left join update_request_campaigns c on c.id = r.campaign_id
        where (${filter.state ?? null}::text is null or o.state = ${filter.state ?? null})
          and (${filter.campaignId ?? null}::bigint is null or c.id = ${filter.campaignId ?? null})
          and (${filter.createdBy ?? null}::uuid is null or c.created_by = ${filter.createdBy ?? null})
        order by o.created_at desc, o.id desc
        limit ${filter.limit}`,
  );
  return rows.map(toOutboxRow);
}

export async function outboxMessage(db: Db, id: number): Promise<(OutboxRow & { campaignCreatedBy: string | null }) | undefined> {
  const [row] = await queryRows<RawOutboxRow & { campaignCreatedBy: string | null }>(
    db,
    sql`select ${columns}, c.created_by::text as "campaignCreatedBy"
        from outbox_messages o
        left join update_requests r on r.id = o.update_request_id
        left join update_request_campaigns c on c.id = r.campaign_id
        where o.id = ${id}`,
  );
  return row ? { ...toOutboxRow(row), campaignCreatedBy: row.campaignCreatedBy } : undefined;
}

/** Marks a held or failed message as sent by hand; false when it is not (any more) in such a state. */
export async function markSentByHand(db: Db, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(outboxMessages)
    .set({ state: "sent", sentAt: at, lastError: null })
    .where(and(eq(outboxMessages.id, id), inArray(outboxMessages.state, ["held", "failed"])))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}

/** Ids of the messages the sender should (re)try: queued ones, and failed ones below the attempt limit. */
export async function deliverableIds(db: Db, maxAttempts: number, includeFailed: boolean, limit = 500): Promise<number[]> {
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        or(eq(outboxMessages.state, "queued"), includeFailed ? eq(outboxMessages.state, "failed") : undefined),
        lt(outboxMessages.attempts, maxAttempts),
      ),
    )
    .orderBy(asc(outboxMessages.createdAt), asc(outboxMessages.id))
    .limit(limit);
  return rows.map((r) => Number(r.id));
}

export interface Deliverable {
  id: number;
  recipients: string[];
  subject: string;
  /** With the link placeholder (update-request-links.ts). */
  body: string;
  updateRequestId: number | null;
  linkNonce: string | null;
  tokenHash: string | null;
}

/**
 * The message if it is still to be delivered. `lock`: take its row lock and skip it when another
 * process holds it (PostgreSQL, inside the sending transaction), so that two processes never send it both.
 */
export async function claimDeliverable(db: Db, id: number, maxAttempts: number, lock: boolean): Promise<Deliverable | undefined> {
  const [row] = await queryRows<Omit<Deliverable, "id" | "updateRequestId"> & { id: number | string; updateRequestId: number | string | null }>(
    db,
    sql`select o.id, o.recipients, o.subject, o.body_text as body, o.update_request_id as "updateRequestId",
          r.link_nonce as "linkNonce", r.token_hash as "tokenHash"
        from outbox_messages o left join update_requests r on r.id = o.update_request_id
        where o.id = ${id} and o.state in ('queued', 'failed') and o.attempts < ${maxAttempts}
        ${lock ? sql`for update of o skip locked` : sql``}`,
  );
  return row ? { ...row, id: Number(row.id), updateRequestId: row.updateRequestId === null ? null : Number(row.updateRequestId) } : undefined;
}

export async function markDelivered(db: Db, id: number, at: Date): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ state: "sent", sentAt: at, attempts: sql`${outboxMessages.attempts} + 1`, lastError: null })
    .where(eq(outboxMessages.id, id));
}

/** Gives a message up at once (it cannot be sent as it is): failed, with no attempts left. */
export async function markUndeliverable(db: Db, id: number, maxAttempts: number, error: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ state: "failed", attempts: sql`greatest(${outboxMessages.attempts}, ${maxAttempts})`, lastError: error.slice(0, 1000) })
    .where(eq(outboxMessages.id, id));
}

export async function markFailed(db: Db, id: number, error: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ state: "failed", attempts: sql`${outboxMessages.attempts} + 1`, lastError: error.slice(0, 1000) })
    .where(eq(outboxMessages.id, id));
}
