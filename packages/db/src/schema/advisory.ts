import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  char,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./accounts.js";
import { practices } from "./practices.js";
import { municipalities } from "./registry.js";
import { statusEvents } from "./status.js";

export const CONSULTATION_KIND_VALUES = ["phone", "on_site", "seminar", "email", "video"] as const;
export const CONSULTATION_TOPIC_VALUES = ["preparation", "update", "participation", "funding", "other"] as const;

/**
 * One FS INGE consultation (telephone, on site, seminar, ...). Changes are audited; a consultation is
 * withdrawn (deleted_at), never removed, so the activity report of a past quarter stays reproducible.
 */
export const consultations = pgTable(
  "consultations",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    date: date("date", { mode: "string" }).notNull(),
    kind: text("kind", { enum: CONSULTATION_KIND_VALUES }).notNull(),
    topics: text("topics").array().notNull(),
    /** Free text when the topics include "other". */
    topicOther: text("topic_other"),
    summary: text("summary").notNull(),
    nextStep: text("next_step"),
    nextContactDate: date("next_contact_date", { mode: "string" }),
    /** Internal: shown to SMR and FS INGE only, never to municipality accounts. */
    internal: boolean("internal").notNull().default(false),
    /** The advisor (or SMR account) who held and recorded it. */
    advisorUserId: uuid("advisor_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
    deletedAt: timestamp("deleted_at", { withTimezone: true, mode: "date" }),
    /** The Praxisbeispiel the consultation gave rise to (decision 0033). */
    practiceId: bigint("practice_id", { mode: "number" }).references(() => practices.id),
  },
  (t) => [
    index("consultations_date_idx").on(t.date),
    index("consultations_practice_idx").on(t.practiceId),
    index("consultations_advisor_idx").on(t.advisorUserId, t.date),
    check("consultations_kind", sql`${t.kind} in ('phone', 'on_site', 'seminar', 'email', 'video')`),
    check(
      "consultations_topics",
      sql`cardinality(${t.topics}) > 0 and ${t.topics} <@ array['preparation', 'update', 'participation', 'funding', 'other']::text[]`,
    ),
    check("consultations_next_contact", sql`${t.nextContactDate} is null or ${t.nextContactDate} >= ${t.date}`),
  ],
);

/** The municipalities a consultation concerned (a seminar has many). */
export const consultationMunicipalities = pgTable(
  "consultation_municipalities",
  {
    consultationId: bigint("consultation_id", { mode: "number" })
      .notNull()
      .references(() => consultations.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
  },
  (t) => [primaryKey({ columns: [t.consultationId, t.ags] }), index("consultation_municipalities_ags_idx").on(t.ags)],
);

/** One sending of update requests: to listed municipalities, a district, or every stale record. */
export const updateRequestCampaigns = pgTable("update_request_campaigns", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  createdBy: uuid("created_by")
    .notNull()
    .references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
  /** `{ "ags": [...] }`, `{ "district": "14625" }` or `{ "stale": true }`. */
  scope: jsonb("scope").notNull(),
  validDays: integer("valid_days").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  message: text("message"),
});

export const UPDATE_REQUEST_RESPONSES = ["confirm", "change"] as const;
export const REVIEW_STATES = ["pending", "accepted", "rejected"] as const;

/**
 * One municipality's update request with its single-use token (only the SHA-256 is stored). The answer
 * is either recorded at once as a status event (`event_id`) or, where the rules need it, kept as
 * `proposed_event` until an advisor or SMR accepts (then `event_id`) or rejects it.
 */
export const updateRequests = pgTable(
  "update_requests",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    campaignId: bigint("campaign_id", { mode: "number" })
      .notNull()
      .references(() => updateRequestCampaigns.id),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    tokenHash: text("token_hash").notNull().unique(),
    /**
     * The token is HMAC(LINK_SECRET, link_nonce): the key lives outside the database, so the nonce and
     * the hash open nothing, yet the application can write the link again (decision 0017). Null: a
     * request from before, whose link cannot be written again.
     */
    linkNonce: text("link_nonce"),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** The addresses the request went to (the municipality's accounts); empty: only in the outbox. */
    recipients: text("recipients").array().notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true, mode: "date" }),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "date" }),
    response: text("response", { enum: UPDATE_REQUEST_RESPONSES }),
    eventId: bigint("event_id", { mode: "number" }).references(() => statusEvents.id),
    proposedEvent: jsonb("proposed_event"),
    reviewState: text("review_state", { enum: REVIEW_STATES }),
    reviewedBy: uuid("reviewed_by").references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true, mode: "date" }),
    reviewNote: text("review_note"),
  },
  (t) => [
    index("update_requests_campaign_idx").on(t.campaignId),
    index("update_requests_ags_idx").on(t.ags),
    index("update_requests_review_idx").on(t.reviewState),
    check("update_requests_response", sql`${t.response} is null or ${t.response} in ('confirm', 'change')`),
    check("update_requests_review", sql`${t.reviewState} is null or ${t.reviewState} in ('pending', 'accepted', 'rejected')`),
    check("update_requests_answered", sql`(${t.response} is null) = (${t.answeredAt} is null)`),
  ],
);

export const OUTBOX_STATES = ["queued", "sent", "failed", "held"] as const;

/**
 * Every e-mail the application writes. With SMTP configured a message is `queued` and then `sent` or
 * `failed`; without SMTP it is `held`: staff find it, with its link, in the outbox view. The text holds
 * a placeholder where the link goes; the link is written in when sending and showing (decision 0017).
 */
export const outboxMessages = pgTable(
  "outbox_messages",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    recipients: text("recipients").array().notNull(),
    subject: text("subject").notNull(),
    bodyText: text("body_text").notNull(),
    state: text("state", { enum: OUTBOX_STATES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true, mode: "date" }),
    lastError: text("last_error"),
    updateRequestId: bigint("update_request_id", { mode: "number" }).references(() => updateRequests.id),
  },
  (t) => [
    index("outbox_messages_state_idx").on(t.state, t.createdAt),
    index("outbox_messages_request_idx").on(t.updateRequestId),
    check("outbox_messages_state", sql`${t.state} in ('queued', 'sent', 'failed', 'held')`),
  ],
);

/**
 * The address update requests go to for a municipality (besides its accounts' e-mails), kept by SMR and FS
 * INGE, typed in or imported from a CSV (decision 0028). One per municipality; every change is audited.
 */
export const municipalityContacts = pgTable("municipality_contacts", {
  ags: char("ags", { length: 8 })
    .primaryKey()
    .references(() => municipalities.ags),
  email: text("email").notNull(),
  name: text("name"),
  /** The person's function, e.g. "Bauamtsleitung". */
  function: text("function_title"),
  updatedAt: timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull(),
  updatedBy: uuid("updated_by").references(() => users.id),
});
