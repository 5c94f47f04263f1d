import {
  ADOPTED_STATUSES,
  type Campaign,
  ERROR_CODES,
  type EventInput,
  type Rules,
  type StatusEvent,
  type TokenEventInput,
  type UpdateRequest,
  type UpdateRequestAnswer,
  type UpdateRequestForm,
  type UpdateRequestPreview,
  tokenEventInputSchema,
} from "@insek/contracts";
import type { Db } from "@insek/db";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, type FieldIssue, NotFoundError, ValidationError, outOfScope } from "../../lib/errors.js";
import { isoTimestamp, isoTimestampOrNull } from "../../lib/timestamps.js";
import type { RequestContext } from "../../lib/request-context.js";
import { recordAudit } from "../audit/audit.service.js";
import { requireSignedIn } from "../../lib/access.js";
import { canWriteMunicipality } from "../accounts/accounts.service.js";
import { secretHash } from "../accounts/secrets.js";
import { correctableSources, recordedViaOf } from "../events/event-visibility.js";
import { checkEvent, recordEventIn } from "../events/events.service.js";
import type { EventDeps } from "../events/events.types.js";
import { toInsekRecord } from "../records/record.js";
import { districtExists } from "../districts/districts.repo.js";
import { atRiskOn } from "../funding/funding.repo.js";
import { findMunicipality } from "../municipalities/municipalities.repo.js";
import { insertOutboxMessages } from "../mail/outbox.repo.js";
import { LINK_PLACEHOLDER, linkToken, newLinkNonce, updateRequestLink } from "./update-request-links.js";
import { updateRequestMail } from "./update-request-mail.js";
import * as repo from "./update-requests.repo.js";

/** Changes to these statuses wait for an advisor's (or SMR's) review; funding_eligible is SMR's alone anyway. */
export const REVIEWED_STATUSES: readonly string[] = ADOPTED_STATUSES;

const DAY_MS = 86_400_000;

/** Scope of a campaign as stored and shown. */
type Scope = { ags: string[] } | { district: string } | { stale: true } | { fundingAtRisk: true };

export interface CreateInput {
  ags?: string[] | undefined;
  district?: string | undefined;
  stale?: true | undefined;
  /** The municipalities with a running measure at risk today (funding, decision 0034). */
  fundingAtRisk?: true | undefined;
  validDays: number;
  message?: string | null | undefined;
}

/**
 * What the service needs of the request and the app: the request context (who, from where, the clock and
 * the database), the status rules, the key and address of the links, and the mail delivery. Routes build it.
 */
export interface UpdateRequestContext extends RequestContext {
  rules: Rules;
  linkSecret: string;
  publicUrl: string;
  /** The mail plugin's delivery (`smtp` queues, `outbox` holds) and its sender's wake-up. */
  mail: { delivery: "smtp" | "outbox"; kick(): void };
}

function eventDeps(ctx: UpdateRequestContext, db: Db = ctx.db): EventDeps {
  return { db, clock: ctx.clock, rules: ctx.rules };
}


function toCampaign(row: repo.CampaignRow): Campaign {
  return {
    id: Number(row.id),
    createdAt: isoTimestamp(row.created_at),
    createdBy: { id: row.created_by, displayName: row.creator_name, email: row.creator_email },
    scope: row.scope as Scope,
    validDays: row.valid_days,
    expiresAt: isoTimestamp(row.expires_at),
    counts: {
      requests: Number(row.requests),
      held: Number(row.held),
      queued: Number(row.queued),
      sent: Number(row.sent),
      failed: Number(row.failed),
      noRecipient: Number(row.no_recipient),
      opened: Number(row.opened),
      answered: Number(row.answered),
      expired: Number(row.expired),
      pendingReview: Number(row.pending_review),
    },
  };
}

export type UpdateRequestView = UpdateRequest & { proposedEvent?: TokenEventInput | null };

function toRequest(row: repo.RequestRow): UpdateRequestView {
  return {
    id: Number(row.id),
    campaignId: Number(row.campaign_id),
    ags: row.ags,
    municipalityName: row.municipality_name,
    recipients: row.recipients,
    delivery: row.mail_state === null || row.mail_state === "held" ? "outbox" : "smtp",
    mailState: row.mail_state,
    expiresAt: isoTimestamp(row.expires_at),
    openedAt: isoTimestampOrNull(row.opened_at),
    answeredAt: isoTimestampOrNull(row.answered_at),
    response: row.response,
    state: row.state,
    review: row.review_state,
    eventId: row.event_id === null ? null : Number(row.event_id),
    proposedEvent: (row.proposed_event ?? null) as TokenEventInput | null,
  };
}

/**
 * The municipalities a campaign goes to. Advisors: a list may name only municipalities assigned to
 * them today (403 otherwise); a district, "stale" or "fundingAtRisk" means those of their assigned municipalities.
 */
async function resolveTargets(ctx: UpdateRequestContext, input: CreateInput, today: string): Promise<{ scope: Scope; targets: repo.TargetRow[] }> {
  const { db, rules } = ctx;
  const { user } = requireSignedIn(ctx.principal);
  const advisorScope: repo.TargetFilter = user.role === "advisor" ? { advisorUserId: user.id } : {};

  if (input.ags) {
    const list = [...new Set(input.ags)];
    const rows = await repo.targetsToday(db, rules, today, { ags: list });
    const found = new Set(rows.map((r) => r.ags));
    const unknown: FieldIssue[] = [];
    input.ags.forEach((ags, i) => {
      if (!found.has(ags)) unknown.push({ path: `body.ags.${i}`, code: ERROR_CODES.unknownAgs, message: `no municipality ${ags} exists today` });
    });
    if (unknown.length > 0) throw new ValidationError("Unknown municipality", unknown, 422, ERROR_CODES.unknownAgs);
    if (user.role === "advisor") {
      const inScope = new Set((await repo.targetsToday(db, rules, today, { ...advisorScope, ags: list })).map((r) => r.ags));
      const outside: FieldIssue[] = [];
      input.ags.forEach((ags, i) => {
        if (!inScope.has(ags)) outside.push({ path: `body.ags.${i}`, code: ERROR_CODES.outOfScope, message: `${ags} is not assigned to you today` });
      });
      if (outside.length > 0) throw new AppError(403, ERROR_CODES.outOfScope, "A municipality is outside your portfolio", outside);
    }
    return { scope: { ags: list }, targets: rows };
  }
  if (input.district !== undefined) {
    const district = input.district;
    if (!(await districtExists(db, district))) {
      throw new ValidationError(`Unknown district ${district}`, [{ path: "body.district", code: ERROR_CODES.unknownDistrict, message: `no district with key ${district}` }], 422, ERROR_CODES.unknownDistrict);
    }
    return { scope: { district }, targets: await repo.targetsToday(db, rules, today, { ...advisorScope, district }) };
  }
  if (input.fundingAtRisk) {
    // The at-risk list of GET /api/measures/at-risk for today: municipalities on today's map, after mergers.
    const atRisk = [...new Set((await atRiskOn(db, rules, today, {})).map((r) => r.ags))];
    return { scope: { fundingAtRisk: true }, targets: await repo.targetsToday(db, rules, today, { ...advisorScope, ags: atRisk }) };
  }
  const all = await repo.targetsToday(db, rules, today, advisorScope);
  return { scope: { stale: true }, targets: all.filter((r) => r.stale) };
}

/**
 * Who a campaign with this input would go to, without sending anything: the same targets and the same
 * addresses `createCampaign` takes (and the same 403/422 answers), so the sender can confirm first.
 */
export async function previewCampaign(ctx: UpdateRequestContext, input: CreateInput): Promise<UpdateRequestPreview> {
  const today = todayInSaxony(ctx.clock);
  const { scope, targets } = await resolveTargets(ctx, input, today);
  if (targets.length === 0) throw noTargets(scope);
  const recipients = await repo.recipientsOf(ctx.db, targets.map((t) => t.ags));
  const items = targets.map((t) => ({ ags: t.ags, municipalityName: t.display_name, recipients: recipients.get(t.ags) ?? [] }));
  const withAddress = items.filter((item) => item.recipients.length > 0).length;
  return { delivery: ctx.mail.delivery, requests: items.length, withAddress, withoutAddress: items.length - withAddress, items };
}

function noTargets(scope: Scope): ValidationError {
  const path = "ags" in scope ? "body.ags" : "district" in scope ? "body.district" : "fundingAtRisk" in scope ? "body.fundingAtRisk" : "body.stale";
  return new ValidationError("No municipality matches", [{ path, code: ERROR_CODES.noRecipients, message: "no municipality to ask" }], 422, ERROR_CODES.noRecipients);
}

export async function createCampaign(ctx: UpdateRequestContext, input: CreateInput) {
  const { db: database, clock, linkSecret, publicUrl, mail } = ctx;
  const { user } = requireSignedIn(ctx.principal);
  const now = clock();
  const today = todayInSaxony(clock);
  const { scope, targets } = await resolveTargets(ctx, input, today);
  if (targets.length === 0) throw noTargets(scope);
  const expiresAt = new Date(now.getTime() + input.validDays * DAY_MS);
  const message = input.message?.trim() ? input.message.trim() : null;
  const links = new Map<number, string>();

  const campaignId = await database.transaction(async (tx) => {
    const id = await repo.insertCampaign(tx, { createdBy: user.id, createdAt: now, scope, validDays: input.validDays, expiresAt, message });
    const recipients = await repo.recipientsOf(tx, targets.map((t) => t.ags));
    // The token is derived from a stored nonce and a key outside the database; only its hash is kept.
    const nonces = targets.map(() => newLinkNonce());
    const tokens = nonces.map((nonce) => linkToken(linkSecret, nonce));
    const created = await repo.insertRequests(
      tx,
      targets.map((t, i) => ({
        campaignId: id,
        ags: t.ags,
        tokenHash: secretHash(tokens[i] ?? ""),
        linkNonce: nonces[i] ?? null,
        expiresAt,
        recipients: recipients.get(t.ags) ?? [],
      })),
    );
    const byAgs = new Map(targets.map((t, i) => [t.ags, { target: t, token: tokens[i] ?? "" }]));
    await insertOutboxMessages(
      tx,
      created.map(({ id: requestId, ags }) => {
        const entry = byAgs.get(ags);
        if (!entry) throw new Error(`request for ${ags} without a target`);
        links.set(requestId, updateRequestLink(publicUrl, entry.token));
        const to = recipients.get(ags) ?? [];
        // Stored with the placeholder: the link is written in when the mail is sent or shown to staff.
        const { subject, text } = updateRequestMail({
          municipalityName: entry.target.display_name,
          ags,
          record: toInsekRecord(entry.target),
          link: LINK_PLACEHOLDER,
          expiresAt,
          message,
        });
        return {
          createdAt: now,
          recipients: to,
          subject,
          bodyText: text,
          // Without SMTP, or without an address to send to, staff send it by hand from the outbox.
          state: mail.delivery === "smtp" && to.length > 0 ? "queued" : "held",
          updateRequestId: requestId,
        };
      }),
    );
    await recordAudit(
      ctx,
      "update_request.campaign.created",
      `update_request_campaign:${id}`,
      { scope, requests: created.length, validDays: input.validDays, expiresAt: expiresAt.toISOString(), delivery: mail.delivery },
      { db: tx },
    );
    return id;
  });
  mail.kick();

  const [campaign] = await repo.listCampaigns(database, now, { campaignId });
  if (!campaign) throw new Error(`campaign ${campaignId} vanished`);
  const requests = await repo.listRequests(database, now, { campaignId });
  return {
    campaign: toCampaign(campaign),
    requests: requests.map((r) => {
      const { proposedEvent: _omit, ...rest } = toRequest(r);
      return { ...rest, link: links.get(Number(r.id)) ?? "" };
    }),
  };
}

/** SMR: every campaign; an advisor: as the outbox, with the requests to their municipalities (repo.advisorRequestScope). */
function advisorOf(ctx: RequestContext): { id: string; day: string } | undefined {
  const { user } = requireSignedIn(ctx.principal);
  return user.role === "smr" ? undefined : { id: user.id, day: todayInSaxony(ctx.clock) };
}

export async function listCampaigns(ctx: RequestContext): Promise<Campaign[]> {
  return (await repo.listCampaigns(ctx.db, ctx.clock(), { advisor: advisorOf(ctx) })).map(toCampaign);
}

export async function campaignRequests(ctx: RequestContext, campaignId: number): Promise<UpdateRequestView[]> {
  const now = ctx.clock();
  const advisor = advisorOf(ctx);
  const [campaign] = await repo.listCampaigns(ctx.db, now, { campaignId, advisor });
  // Another advisor's campaign is unknown to this one (404, as in the outbox).
  if (!campaign) throw new NotFoundError(ERROR_CODES.updateRequestNotFound, `No update request campaign ${campaignId}`);
  const visibleToAdvisor = advisor ? { advisorUserId: advisor.id, day: advisor.day } : undefined;
  return (await repo.listRequests(ctx.db, now, { campaignId, ...(visibleToAdvisor ? { visibleToAdvisor } : {}) })).map(toRequest);
}

/**
 * Answers waiting for review: all for SMR, those of the municipalities assigned today for an advisor. Each
 * carries today's record (and the note behind it) beside what was reported, to compare before deciding.
 */
export async function pendingReviews(ctx: UpdateRequestContext): Promise<UpdateRequestView[]> {
  const { db, clock, rules } = ctx;
  const { user } = requireSignedIn(ctx.principal);
  const today = todayInSaxony(clock);
  const assignedTo = user.role === "smr" ? undefined : { advisorUserId: user.id, day: today };
  const rows = await repo.listRequests(db, clock(), { pendingReview: true, ...(assignedTo ? { assignedTo } : {}) });
  const current = await repo.currentRecords(db, rules, today, rows.map((r) => r.ags));
  return rows.map((row) => {
    const found = current.get(row.ags);
    return { ...toRequest(row), current: found ? { record: toInsekRecord(found.row), note: found.note } : null };
  });
}

/** Issue paths of the status rules name the event's fields as `body.<field>`; here they sit under `prefix`. */
function movedIssues(error: unknown, prefix: string): unknown {
  if (!(error instanceof AppError) || !error.issues) return error;
  const issues = error.issues.map((i) => ({ ...i, path: i.path.replace(/^body\./, `${prefix}.`) }));
  return new AppError(error.statusCode, error.code, error.message, issues);
}

export async function reviewRequest(ctx: UpdateRequestContext, id: number, input: { decision: "accept" | "reject"; note?: string | null | undefined }) {
  const { db: database, clock } = ctx;
  const principal = requireSignedIn(ctx.principal);
  const { user } = principal;
  const found = await repo.requestExists(database, id);
  if (!found) throw new NotFoundError(ERROR_CODES.updateRequestNotFound, `No update request ${id}`);
  if (!(await canWriteMunicipality(ctx, found.ags))) throw outOfScope(`Municipality ${found.ags} is not assigned to you today`);
  const note = input.note?.trim() ? input.note.trim() : null;
  const now = clock();
  try {
    return await database.transaction(async (tx) => {
      const decided = await repo.decideReview(tx, id, { state: input.decision === "accept" ? "accepted" : "rejected", by: user.id, at: now, note });
      if (!decided) throw new AppError(409, ERROR_CODES.reviewNotPending, "This answer is not waiting for review (any more)");
      let event: StatusEvent | null = null;
      if (input.decision === "accept") {
        const proposed = tokenEventInputSchema.parse(decided.proposedEvent);
        const created = await recordEventIn(tx, eventDeps(ctx, tx), decided.ags, { ...proposed, source: "municipality" }, "current", {
          userId: user.id,
          via: recordedViaOf(principal),
          updateRequestId: id,
          defaultSource: "municipality",
          correctable: correctableSources(user.role),
          afterWrite: (w, { event: e, version }) =>
            recordAudit(ctx, "status_event.created", `municipality:${decided.ags}`, {
              eventId: e.id, type: e.type, status: e.status, effectiveDate: e.effectiveDate, version, updateRequestId: id,
            }, { db: w }),
        });
        await repo.setEvent(tx, id, created.event.id);
        event = created.event;
      }
      await recordAudit(ctx, `update_request.review.${input.decision === "accept" ? "accepted" : "rejected"}`, `municipality:${decided.ags}`, {
        updateRequestId: id,
        eventId: event?.id ?? null,
        note,
      }, { db: tx });
      const [row] = await repo.listRequests(tx, now, { id });
      if (!row) throw new Error(`update request ${id} vanished`);
      return { request: toRequest(row), event };
    });
  } catch (error) {
    throw movedIssues(error, "proposedEvent");
  }
}

// ---------------------------------------------------------------------------------------------
// The municipality's side: the single-use link

function gone(message: string): AppError {
  return new AppError(410, ERROR_CODES.updateRequestGone, message);
}

/** The request behind a link that can still be answered; 410 for an unknown, used or expired one. */
async function usableRequest(ctx: RequestContext, token: string): Promise<repo.TokenRequestRow> {
  const { db, clock } = ctx;
  const row = await repo.requestByTokenHash(db, secretHash(token));
  // Unknown links answer like used ones: a guess learns nothing.
  if (!row) throw gone("This link is not valid (any more)");
  if (row.answered_at !== null) throw gone("This link has been used already");
  if (row.expires_at.getTime() <= clock().getTime()) throw gone("This link has expired");
  return row;
}

const tokenActor = (id: number) => ({ userId: null, label: `update-request:${id}` });

/**
 * The person behind a link acted on the page (first click, key press or input): the request counts as
 * opened, once, audited once. Idempotent: later calls change nothing. 410 for unknown and expired links.
 */
export async function markOpened(ctx: RequestContext, token: string): Promise<void> {
  const { db: database, clock } = ctx;
  const found = await repo.requestByTokenHash(database, secretHash(token));
  // Answered means opened already (the answer sets opened_at): nothing to do, and the page's report that
  // raced its own answer is no error.
  if (found && found.answered_at !== null) return;
  const row = await usableRequest(ctx, token);
  await database.transaction(async (tx) => {
    if (await repo.markOpened(tx, row.id, clock())) {
      await recordAudit(ctx, "update_request.opened", `municipality:${row.ags}`, { updateRequestId: row.id }, { db: tx, actor: tokenActor(row.id) });
    }
  });
}

export async function tokenForm(ctx: UpdateRequestContext, token: string): Promise<UpdateRequestForm & { message: string | null }> {
  const { db, clock, rules } = ctx;
  const row = await usableRequest(ctx, token);
  // Reading is not opening: mail scanners fetch links too. The page reports the person's first action (markOpened).
  const municipality = await findMunicipality(db, rules, row.ags, todayInSaxony(clock));
  if (!municipality) throw gone("This link is not valid (any more)");
  return {
    municipality: { ags: municipality.ags, name: municipality.displayName, districtName: municipality.districtName },
    record: municipality.record,
    version: municipality.version,
    expiresAt: row.expires_at.toISOString(),
    reviewedStatuses: [...REVIEWED_STATUSES],
    message: row.message,
  };
}

export async function answerByToken(ctx: UpdateRequestContext, token: string, answer: UpdateRequestAnswer) {
  const { db: database, clock } = ctx;
  const row = await usableRequest(ctx, token);
  const now = clock();
  const today = todayInSaxony(clock);
  const actor = tokenActor(row.id);
  const ags = row.ags;

  const event: EventInput =
    answer.action === "confirm"
      ? { type: "confirmation", note: answer.note ?? null, source: "municipality" }
      : { ...answer.event, source: "municipality" };
  const needsReview = event.type === "status" && event.status !== undefined && REVIEWED_STATUSES.includes(event.status);
  const recordActor = (db: Db) => ({
    userId: null,
    via: "update_request" as const,
    updateRequestId: row.id,
    defaultSource: "municipality" as const,
    correctable: correctableSources("municipality"),
    afterWrite: async (w: Db, created: { event: StatusEvent; version: number }) =>
      recordAudit(ctx, "status_event.created", `municipality:${ags}`, {
        eventId: created.event.id, type: created.event.type, status: created.event.status,
        effectiveDate: created.event.effectiveDate, version: created.version, updateRequestId: row.id,
      }, { db: w, actor }),
    db,
  });

  try {
    return await database.transaction(async (tx) => {
      const proposed = needsReview && answer.action === "change" ? { ...answer.event, effectiveDate: answer.event.effectiveDate ?? today } : null;
      // First: use the token up (row lock); a second answer with the same token waits here, then is refused.
      const claimed = await repo.claimAnswer(tx, row.id, now, {
        response: answer.action,
        proposedEvent: proposed,
        reviewState: proposed ? "pending" : null,
      });
      if (!claimed) throw gone("This link has been used already");

      if (proposed) {
        // The rules are checked now, so the municipality learns of a mistake at once; nothing is written.
        await checkEvent(tx, eventDeps(ctx, tx), ags, { ...proposed, source: "municipality" }, { userId: null, via: "update_request", updateRequestId: row.id, defaultSource: "municipality", correctable: correctableSources("municipality") });
        await recordAudit(ctx, "update_request.answered", `municipality:${ags}`, {
          updateRequestId: row.id, response: answer.action, outcome: "pending_review", status: proposed.status ?? null,
        }, { db: tx, actor });
        return { outcome: "pending_review" as const, event: null };
      }
      const { afterWrite, userId, via, updateRequestId, defaultSource, correctable } = recordActor(tx);
      const created = await recordEventIn(tx, eventDeps(ctx, tx), ags, event, "current", { userId, via, updateRequestId, defaultSource, correctable, afterWrite });
      await repo.setEvent(tx, row.id, created.event.id);
      await recordAudit(ctx, "update_request.answered", `municipality:${ags}`, {
        updateRequestId: row.id, response: answer.action, outcome: "recorded", eventId: created.event.id,
      }, { db: tx, actor });
      return { outcome: "recorded" as const, event: created.event };
    });
  } catch (error) {
    throw movedIssues(error, answer.action === "change" ? "body.event" : "body");
  }
}
