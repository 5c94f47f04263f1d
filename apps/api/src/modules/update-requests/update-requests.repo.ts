import type { MailState, Rules } from "@insek/contracts";
import { type Db, queryRows, schema } from "@insek/db";
import { type SQL, and, eq, gt, isNull, sql } from "drizzle-orm";
import { type RecordRow, recordsOn } from "../records/records.sql.js";

const { updateRequestCampaigns, updateRequests } = schema;

/** A municipality an update request goes to, with its record today. */
export interface TargetRow extends RecordRow {
  district_name: string;
}

/** Which municipalities a campaign may go to: a list of AGS, a district, and for an advisor those assigned today. */
export interface TargetFilter {
  ags?: readonly string[];
  district?: string;
  /** Only the municipalities assigned to this advisor on `today`. */
  advisorUserId?: string;
}

/** Municipalities existing today that match the filter, with their record; by AGS. */
export async function targetsToday(db: Db, rules: Rules, today: string, filter: TargetFilter): Promise<TargetRow[]> {
  const conditions: SQL[] = [];
  if (filter.advisorUserId !== undefined) conditions.push(assignedTo(filter.advisorUserId, today));
  if (filter.ags !== undefined) conditions.push(filter.ags.length > 0 ? sql`m.ags in (${sql.join(filter.ags.map((a) => sql`${a}`), sql`, `)})` : sql`false`);
  if (filter.district !== undefined) conditions.push(sql`m.district_key = ${filter.district}`);
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
  return queryRows<TargetRow>(
    db,
    sql`select r.*, d.name as district_name
        from (${recordsOn(today, rules, where)}) r
        join districts d on d.key = r.district_key
        order by r.ags`,
  );
}

/** `m.ags` is assigned to the advisor on `day`. */
function assignedTo(advisorUserId: string, day: string): SQL {
  return sql`m.ags in (select a.ags from advisor_assignments a
    where a.advisor_user_id = ${advisorUserId} and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to > ${day}::date))`;
}

/**
 * The requests (`r`) an advisor may see, as the outbox: those of campaigns they created; and, like pending
 * reviews, those to municipalities assigned to them on `day`.
 */
function advisorRequestScope(advisorUserId: string, day: string): SQL {
  return sql`(r.campaign_id in (select oc.id from update_request_campaigns oc where oc.created_by = ${advisorUserId})
    or r.ags in (select a.ags from advisor_assignments a
      where a.advisor_user_id = ${advisorUserId} and a.valid_from <= ${day}::date and (a.valid_to is null or a.valid_to > ${day}::date)))`;
}

/**
 * Where each AGS's request goes: its contact's address (municipality_contacts, decision 0028) first, then the
 * e-mails of the active municipality accounts linked to it; each address once.
 */
export async function recipientsOf(db: Db, ags: string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (ags.length === 0) return map;
  const list = sql.join(ags.map((a) => sql`${a}`), sql`, `);
  const rows = await queryRows<{ ags: string; email: string }>(
    db,
    sql`select ags, email from (
          select c.ags, lower(c.email) as email, 0 as rank from municipality_contacts c where c.ags in (${list})
          union all
          select um.ags, lower(u.email) as email, 1 as rank from user_municipalities um join users u on u.id = um.user_id
          where um.ags in (${list}) and u.role = 'municipality' and u.disabled_at is null
        ) a
        order by ags, rank, email`,
  );
  for (const row of rows) {
    const known = map.get(row.ags) ?? [];
    if (!known.includes(row.email)) map.set(row.ags, [...known, row.email]);
  }
  return map;
}

export async function insertCampaign(db: Db, row: typeof updateRequestCampaigns.$inferInsert): Promise<number> {
  const [created] = await db.insert(updateRequestCampaigns).values(row).returning({ id: updateRequestCampaigns.id });
  if (!created) throw new Error("campaign insert returned nothing");
  return created.id;
}

export async function insertRequests(db: Db, rows: (typeof updateRequests.$inferInsert)[]): Promise<{ id: number; ags: string }[]> {
  const out: { id: number; ags: string }[] = [];
  for (let i = 0; i < rows.length; i += 200) {
    const created = await db
      .insert(updateRequests)
      .values(rows.slice(i, i + 200))
      .returning({ id: updateRequests.id, ags: updateRequests.ags });
    out.push(...created);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading campaigns and requests

export interface CampaignRow {
  id: number | string;
  created_at: Date | string;
  created_by: string;
  creator_name: string;
  creator_email: string;
  scope: unknown;
  valid_days: number;
  expires_at: Date | string;
  requests: number | string;
  held: number | string;
  queued: number | string;
  sent: number | string;
  failed: number | string;
  no_recipient: number | string;
  opened: number | string;
  answered: number | string;
  expired: number | string;
  pending_review: number | string;
}

/** The state of the request's latest outbox message (`r`): queued, sent, failed or held. */
const mailStateOf = sql`(select o.state from outbox_messages o where o.update_request_id = r.id order by o.id desc limit 1)`;

/**
 * A request's state (exclusive): answered, else expired (its link lapsed), else opened, else sent (its e-mail
 * went out, by SMTP or marked sent by hand), else unsent. `now` is the application's clock.
 */
function stateOf(now: Date): SQL {
  return sql`case when r.answered_at is not null then 'answered'
    when r.expires_at <= ${now.toISOString()}::timestamptz then 'expired'
    when r.opened_at is not null then 'opened'
    when ${mailStateOf} = 'sent' then 'sent' else 'unsent' end`;
}

/**
 * Campaigns with their counts. `advisor`: only campaigns with a request they may see (advisorRequestScope)
 * or that they created, counted over those requests only.
 */
export async function listCampaigns(
  db: Db,
  now: Date,
  options: { campaignId?: number | undefined; advisor?: { id: string; day: string } | undefined } = {},
): Promise<CampaignRow[]> {
  const { campaignId, advisor } = options;
  return queryRows<CampaignRow>(
    db,
    sql`select c.id, c.created_at, c.created_by::text as created_by, u.display_name as creator_name, u.email as creator_email,
          c.scope, c.valid_days, c.expires_at,
          count(s.id) as requests,
          count(*) filter (where s.mail_state = 'held') as held,
          count(*) filter (where s.mail_state = 'queued') as queued,
          count(*) filter (where s.mail_state = 'sent') as sent,
          count(*) filter (where s.mail_state = 'failed') as failed,
          count(*) filter (where s.id is not null and cardinality(s.recipients) = 0) as no_recipient,
          count(*) filter (where s.opened_at is not null or s.answered_at is not null) as opened,
          count(*) filter (where s.answered_at is not null) as answered,
          count(*) filter (where s.answered_at is null and s.expires_at <= ${now.toISOString()}::timestamptz) as expired,
          count(*) filter (where s.review_state = 'pending') as pending_review
        from update_request_campaigns c
        join users u on u.id = c.created_by
        left join (select r.id, r.campaign_id, r.review_state, r.recipients, r.opened_at, r.answered_at, r.expires_at,
            ${mailStateOf} as mail_state from update_requests r
          where ${advisor ? advisorRequestScope(advisor.id, advisor.day) : sql`true`}) s on s.campaign_id = c.id
        where ${campaignId === undefined ? sql`true` : sql`c.id = ${campaignId}`}
        group by c.id, u.display_name, u.email
        ${advisor ? sql`having c.created_by = ${advisor.id} or count(s.id) > 0` : sql``}
        order by c.created_at desc, c.id desc
        limit 500`,
  );
}

export interface RequestRow {
  id: number | string;
  campaign_id: number | string;
  ags: string;
  municipality_name: string;
  recipients: string[];
  mail_state: MailState | null;
  expires_at: Date | string;
  opened_at: Date | string | null;
  answered_at: Date | string | null;
  response: "confirm" | "change" | null;
  state: "unsent" | "sent" | "opened" | "answered" | "expired";
  review_state: "pending" | "accepted" | "rejected" | null;
  event_id: number | string | null;
  proposed_event: unknown;
}

/** Which update requests to list; all given conditions hold. */
export interface RequestFilter {
  id?: number;
  campaignId?: number;
  /** Answers waiting for review. */
  pendingReview?: true;
  /** Requests to municipalities assigned to this advisor on `day`. */
  assignedTo?: { advisorUserId: string; day: string };
  /** The requests an advisor may see, as the outbox (advisorRequestScope). */
  visibleToAdvisor?: { advisorUserId: string; day: string };
}

export async function listRequests(db: Db, now: Date, filter: RequestFilter): Promise<RequestRow[]> {
  const conditions: SQL[] = [];
  if (filter.id !== undefined) conditions.push(sql`r.id = ${filter.id}`);
  if (filter.campaignId !== undefined) conditions.push(sql`r.campaign_id = ${filter.campaignId}`);
  if (filter.pendingReview) conditions.push(sql`r.review_state = 'pending'`);
  if (filter.assignedTo) conditions.push(assignedTo(filter.assignedTo.advisorUserId, filter.assignedTo.day));
  if (filter.visibleToAdvisor) conditions.push(advisorRequestScope(filter.visibleToAdvisor.advisorUserId, filter.visibleToAdvisor.day));
  const where = conditions.length > 0 ? sql.join(conditions, sql` and `) : sql`true`;
  return queryRows<RequestRow>(
    db,
    sql`select r.id, r.campaign_id, r.ags, m.display_name as municipality_name, r.recipients,
          ${mailStateOf} as mail_state,
          r.expires_at, r.opened_at, r.answered_at, r.response, ${stateOf(now)} as state, r.review_state, r.event_id, r.proposed_event
        from update_requests r
        join municipalities m on m.ags = r.ags
        where ${where}
        order by r.answered_at nulls last, r.ags, r.id
        limit 5000`,
  );
}

export interface TokenRequestRow {
  id: number;
  campaign_id: number;
  ags: string;
  expires_at: Date;
  opened_at: Date | null;
  answered_at: Date | null;
  message: string | null;
}

export async function requestByTokenHash(db: Db, tokenHash: string): Promise<TokenRequestRow | undefined> {
  const [row] = await queryRows<Omit<TokenRequestRow, "id" | "campaign_id" | "expires_at" | "opened_at" | "answered_at"> & {
    id: number | string;
    campaign_id: number | string;
    expires_at: Date | string;
    opened_at: Date | string | null;
    answered_at: Date | string | null;
  }>(
    db,
    sql`select r.id, r.campaign_id, r.ags, r.expires_at, r.opened_at, r.answered_at, c.message
        from update_requests r join update_request_campaigns c on c.id = r.campaign_id
        where r.token_hash = ${tokenHash}`,
  );
  if (!row) return undefined;
  const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));
  return {
    ...row,
    id: Number(row.id),
    campaign_id: Number(row.campaign_id),
    expires_at: date(row.expires_at),
    opened_at: row.opened_at === null ? null : date(row.opened_at),
    answered_at: row.answered_at === null ? null : date(row.answered_at),
  };
}

/** Sets opened_at the first time; true when this call did. */
export async function markOpened(db: Db, id: number, at: Date): Promise<boolean> {
  const rows = await db
    .update(updateRequests)
    .set({ openedAt: at })
    .where(and(eq(updateRequests.id, id), isNull(updateRequests.openedAt)))
    .returning({ id: updateRequests.id });
  return rows.length > 0;
}

/**
 * Uses the token up: the conditional UPDATE is the single-use guarantee. Under concurrency the second
 * transaction waits for the first's row lock and then finds answered_at set: no row, so it is refused.
 */
export async function claimAnswer(
  db: Db,
  id: number,
  at: Date,
  answer: { response: "confirm" | "change"; proposedEvent: unknown; reviewState: "pending" | null },
): Promise<boolean> {
  const rows = await db
    .update(updateRequests)
    .set({
      answeredAt: at,
      response: answer.response,
      openedAt: sql`coalesce(${updateRequests.openedAt}, ${at.toISOString()}::timestamptz)`,
      proposedEvent: answer.proposedEvent,
      reviewState: answer.reviewState,
    })
    .where(and(eq(updateRequests.id, id), isNull(updateRequests.answeredAt), gt(updateRequests.expiresAt, at)))
    .returning({ id: updateRequests.id });
  return rows.length > 0;
}

export async function setEvent(db: Db, id: number, eventId: number): Promise<void> {
  await db.update(updateRequests).set({ eventId }).where(eq(updateRequests.id, id));
}

export interface ReviewTarget {
  id: number;
  ags: string;
  proposedEvent: unknown;
}

/** Decides a pending review (conditional on it still pending); undefined when it is not pending. */
export async function decideReview(
  db: Db,
  id: number,
  decision: { state: "accepted" | "rejected"; by: string; at: Date; note: string | null },
): Promise<ReviewTarget | undefined> {
  const [row] = await db
    .update(updateRequests)
    .set({ reviewState: decision.state, reviewedBy: decision.by, reviewedAt: decision.at, reviewNote: decision.note })
    .where(and(eq(updateRequests.id, id), eq(updateRequests.reviewState, "pending")))
    .returning({ id: updateRequests.id, ags: updateRequests.ags, proposedEvent: updateRequests.proposedEvent });
  return row;
}

export async function requestExists(db: Db, id: number): Promise<{ ags: string } | undefined> {
  const [row] = await db.select({ ags: updateRequests.ags }).from(updateRequests).where(eq(updateRequests.id, id));
  return row;
}

/** Today's record of each AGS, with the note of the live status event behind it (staff see internal notes). */
export async function currentRecords(db: Db, rules: Rules, today: string, ags: readonly string[]): Promise<Map<string, { row: RecordRow; note: string | null }>> {
  const map = new Map<string, { row: RecordRow; note: string | null }>();
  if (ags.length === 0) return map;
  const list = sql.join([...new Set(ags)].map((a) => sql`${a}`), sql`, `);
  const rows = await queryRows<RecordRow & { status_note: string | null }>(
    db,
    sql`select r.*, (select e.note from status_events e
          where e.ags = r.ags and e.type = 'status' and e.effective_date <= ${today}::date
            and e.id not in (select s.supersedes from status_events s where s.supersedes is not null and s.ags = r.ags)
          order by e.effective_date desc, e.id desc limit 1) as status_note
        from (${recordsOn(today, rules, sql`m.ags in (${list})`)}) r`,
  );
  for (const { status_note, ...row } of rows) map.set(row.ags, { row, note: status_note });
  return map;
}
