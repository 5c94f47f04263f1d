import { z } from "zod";
import { errorResponseSchema } from "./errors.js";
import { insekRecordSchema, statusEventSchema, tokenEventInputSchema } from "./insek.js";
import { agsSchema, districtKeySchema, isoDateSchema, municipalityTypeSchema, quarterSchema, queryBooleanSchema, textSchema } from "./vocabulary.js";

/*
 * The FS INGE advisory workspace (issue "FS INGE advisory workspace"): assignments, portfolio,
 * consultations and update requests. Paths and keys are part of the public API (product.md).
 */

const emailSchema = z.email().max(254).transform((v) => v.toLowerCase());
const idParam = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const numericIdParamsSchema = z.object({ id: idParam });

/** A person as other accounts see them. */
export const personRefSchema = z.object({ id: z.string(), displayName: z.string(), email: z.string().nullable() });
export type PersonRef = z.infer<typeof personRefSchema>;

// ---------------------------------------------------------------------------------------------
// Assignments advisor <-> municipality

/**
 * Body of POST /api/assignments. `to` is the last day of the assignment (inclusive; open-ended when
 * absent). Either one `ags` or a whole `district` (bulk: every municipality of the district on `from`).
 */
export const assignmentCreateSchema = z
  .object({
    advisorEmail: emailSchema,
    ags: agsSchema.optional(),
    district: districtKeySchema.optional().describe("Bulk: assign every municipality of this district"),
    from: isoDateSchema,
    to: isoDateSchema.nullish().describe("Last day (inclusive); open-ended when absent"),
  })
  .strict()
  .superRefine((input, ctx) => {
    if ((input.ags === undefined) === (input.district === undefined)) {
      ctx.addIssue({ code: "custom", path: ["ags"], message: "give exactly one of ags or district" });
    }
    if (input.to && input.to < input.from) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "must not lie before from" });
    }
  });
export type AssignmentCreate = z.infer<typeof assignmentCreateSchema>;

export const assignmentSchema = z.object({
  id: z.number().int(),
  advisor: personRefSchema,
  ags: agsSchema,
  municipalityName: z.string(),
  districtKey: districtKeySchema,
  from: isoDateSchema,
  /** Last day (inclusive), null when open-ended. */
  to: isoDateSchema.nullable(),
  /** Holds today. */
  active: z.boolean(),
});
export type Assignment = z.infer<typeof assignmentSchema>;

export const assignmentListSchema = z.object({ items: z.array(assignmentSchema) });
/**
 * Answer of POST /api/assignments (one item, or one per municipality of the district). Bulk by district:
 * municipalities the advisor already holds an overlapping assignment for are left out and listed in
 * `skipped` (a single `ags` with an overlap is refused with 409 ASSIGNMENT_OVERLAP instead).
 */
export const assignmentCreatedSchema = assignmentListSchema.extend({
  skipped: z.array(z.object({ ags: agsSchema, municipalityName: z.string(), overlapsAssignmentId: z.number().int() })),
});

export const assignmentQuerySchema = z.object({
  /** The advisor's e-mail or account id. */
  advisor: textSchema.trim().min(1).max(254).optional(),
  ags: agsSchema.optional(),
  district: districtKeySchema.optional(),
  /** Only assignments holding today. */
  active: queryBooleanSchema.optional(),
});

// ---------------------------------------------------------------------------------------------
// Portfolio

export const portfolioQuerySchema = z.object({
  /** SMR only: another advisor's portfolio (e-mail or id). */
  advisor: textSchema.trim().min(1).max(254).optional(),
});

export const portfolioItemSchema = z.object({
  ags: agsSchema,
  name: z.string(),
  type: municipalityTypeSchema,
  districtKey: districtKeySchema,
  districtName: z.string(),
  population: z.number().int().nullable(),
  record: insekRecordSchema,
  assignedFrom: isoDateSchema,
  assignedTo: isoDateSchema.nullable(),
  /** Date of the latest consultation that concerned it. */
  lastContact: isoDateSchema.nullable(),
  /** The next contact agreed in the latest consultation that set one. */
  nextContact: isoDateSchema.nullable(),
  /** The next contact lies before today. */
  overdue: z.boolean(),
  /** The next contact falls in the current week (Monday to Sunday) or is overdue: the "Wiedervorlage". */
  followUpDue: z.boolean(),
  /** Open update request answers waiting for review. */
  pendingReviews: z.number().int(),
  /** No consultation ever concerned it (no last contact): flagged like `overdue` (issue 17). */
  neverContacted: z.boolean(),
});
export type PortfolioItem = z.infer<typeof portfolioItemSchema>;

export const portfolioSchema = z.object({
  advisor: personRefSchema,
  today: isoDateSchema,
  weekStart: isoDateSchema,
  weekEnd: isoDateSchema,
  items: z.array(portfolioItemSchema),
});
export type Portfolio = z.infer<typeof portfolioSchema>;

// ---------------------------------------------------------------------------------------------
// Consultations

/** Telefonberatung, Erstberatung vor Ort, Seminar/Workshop, E-Mail, Videokonferenz. */
export const CONSULTATION_KINDS = ["phone", "on_site", "seminar", "email", "video"] as const;
export const consultationKindSchema = z.enum(CONSULTATION_KINDS);
export type ConsultationKind = z.infer<typeof consultationKindSchema>;

/** Erstellung, Fortschreibung, Beteiligung, Förderung, Sonstiges. */
export const CONSULTATION_TOPICS = ["preparation", "update", "participation", "funding", "other"] as const;
export const consultationTopicSchema = z.enum(CONSULTATION_TOPICS);
export type ConsultationTopic = z.infer<typeof consultationTopicSchema>;

const consultationFields = {
  date: isoDateSchema,
  kind: consultationKindSchema,
  ags: z
    .array(agsSchema)
    .min(1)
    .max(500)
    .refine((list) => new Set(list).size === list.length, "lists a municipality twice"),
  topics: z
    .array(consultationTopicSchema)
    .min(1)
    .refine((list) => new Set(list).size === list.length, "lists a topic twice"),
  /** What "other" means here. */
  topicOther: textSchema.trim().max(200).nullish(),
  summary: textSchema.trim().min(1).max(8000),
  nextStep: textSchema.trim().max(2000).nullish(),
  nextContactDate: isoDateSchema.nullish(),
  internal: z.boolean().default(false),
  /** The Praxisbeispiel the consultation gave rise to (decision 0033); 422 CONSULTATION_PRACTICE_NOT_FOUND for an unknown one. */
  practiceId: z.number().int().positive().max(2_147_483_647).nullish(),
};

function checkConsultationDates(input: { date?: string | undefined; nextContactDate?: string | null | undefined }, ctx: z.RefinementCtx) {
  if (input.date && input.nextContactDate && input.nextContactDate < input.date) {
    ctx.addIssue({ code: "custom", path: ["nextContactDate"], message: "must not lie before the consultation" });
  }
}

/** Body of POST /api/consultations. */
export const consultationInputSchema = z.object(consultationFields).strict().superRefine(checkConsultationDates);
export type ConsultationInput = z.input<typeof consultationInputSchema>;

/** Body of PATCH /api/consultations/:id: the fields to change. */
export const consultationUpdateSchema = z
  .object({ ...consultationFields, internal: z.boolean() })
  .partial()
  .strict()
  .superRefine(checkConsultationDates);
export type ConsultationUpdate = z.infer<typeof consultationUpdateSchema>;

export const consultationSchema = z.object({
  id: z.number().int(),
  date: isoDateSchema,
  kind: consultationKindSchema,
  municipalities: z.array(z.object({ ags: agsSchema, name: z.string() })),
  topics: z.array(consultationTopicSchema),
  topicOther: z.string().nullable(),
  summary: z.string(),
  nextStep: z.string().nullable(),
  nextContactDate: isoDateSchema.nullable(),
  internal: z.boolean(),
  /** The Praxisbeispiel it gave rise to, null when none. */
  practiceId: z.number().int().nullable(),
  advisor: personRefSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Consultation = z.infer<typeof consultationSchema>;

export const consultationListSchema = z.object({ items: z.array(consultationSchema), total: z.number().int() });

/** GET /api/consultations?ags=&advisor=&from=&to= */
export const consultationQuerySchema = z.object({
  ags: agsSchema.optional(),
  /** E-mail or account id. */
  advisor: textSchema.trim().min(1).max(254).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  kind: consultationKindSchema.optional(),
  district: districtKeySchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** GET /api/consultations/stats?from=&to= (activity statistics for SMR). */
/** The web's consultation list filter (what it sends; the server applies the defaults). */
export type ConsultationFilter = z.input<typeof consultationQuerySchema>;

/** GET /api/municipalities/:ags/consultations?limit=&offset= */
export const consultationPageQuerySchema = consultationQuerySchema.pick({ limit: true, offset: true });

/** GET /api/export/consultations-report.xlsx: `quarter`, or `from` and `to` (both inclusive), or neither. */
export const consultationReportQuerySchema = z
  .object({
    quarter: quarterSchema.optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .strict();
export type ConsultationReportQuery = z.input<typeof consultationReportQuerySchema>;

export const consultationStatsQuerySchema = z.object({ from: isoDateSchema, to: isoDateSchema });

export const consultationStatsSchema = z.object({
  from: isoDateSchema,
  to: isoDateSchema,
  total: z.number().int(),
  municipalitiesReached: z.number().int(),
  perMonth: z.array(z.object({ month: z.string(), consultations: z.number().int(), municipalitiesReached: z.number().int() })),
  perKind: z.array(z.object({ kind: consultationKindSchema, consultations: z.number().int() })),
  perDistrict: z.array(
    z.object({ districtKey: districtKeySchema, name: z.string(), consultations: z.number().int(), municipalitiesReached: z.number().int() }),
  ),
});
export type ConsultationStats = z.infer<typeof consultationStatsSchema>;

// ---------------------------------------------------------------------------------------------
// Update requests

/** Body of POST /api/update-requests: exactly one of `ags`, `district`, `stale`. */
export const updateRequestCreateSchema = z
  .object({
    ags: z.array(agsSchema).min(1).max(500).optional(),
    district: districtKeySchema.optional(),
    stale: z.literal(true).optional().describe("Every municipality whose record is stale today"),
    validDays: z.number().int().min(1).max(90).default(21),
    /** A personal line added to the e-mail. */
    message: textSchema.trim().max(2000).nullish(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const targets = [input.ags, input.district, input.stale].filter((t) => t !== undefined).length;
    if (targets !== 1) ctx.addIssue({ code: "custom", path: ["ags"], message: "give exactly one of ags, district or stale" });
  });
export type UpdateRequestCreate = z.input<typeof updateRequestCreateSchema>;

/**
 * A request's state (exclusive, first that holds): answered, expired, opened, sent (its e-mail went out), else
 * unsent (held in the outbox, queued or failed: nobody has been reached yet). Decision 0028.
 */
export const UPDATE_REQUEST_STATES = ["unsent", "sent", "opened", "answered", "expired"] as const;
export const updateRequestStateSchema = z.enum(UPDATE_REQUEST_STATES);
export const REVIEW_STATES = ["pending", "accepted", "rejected"] as const;
export const reviewStateSchema = z.enum(REVIEW_STATES);
export const DELIVERIES = ["smtp", "outbox"] as const;

/** An outbox message's state: queued for SMTP, sent, failed (after retries), or held (no SMTP: sent by hand). */
export const MAIL_STATES = ["queued", "sent", "failed", "held"] as const;
export const mailStateSchema = z.enum(MAIL_STATES);
export type MailState = z.infer<typeof mailStateSchema>;

export const updateRequestSchema = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  ags: agsSchema,
  municipalityName: z.string(),
  recipients: z.array(z.string()),
  delivery: z.enum(DELIVERIES),
  /** The outbox message's state: queued, sent, failed or held (no SMTP). */
  mailState: mailStateSchema.nullable(),
  expiresAt: z.string(),
  openedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  response: z.enum(["confirm", "change"]).nullable(),
  state: updateRequestStateSchema,
  review: reviewStateSchema.nullable(),
  /** The status event the answer produced (at once, or when its review accepted it). */
  eventId: z.number().int().nullable(),
  /** Only in the answer of POST /api/update-requests: the single-use link. */
  link: z.string().optional(),
  /** Staff views: the change the municipality reported (kept until reviewed when it needs review). */
  proposedEvent: tokenEventInputSchema.nullable().optional(),
  /**
   * Answers waiting for review: the record as it stands today, and the note of the status event behind it,
   * to compare with `proposedEvent` field by field before accepting.
   */
  current: z.object({ record: insekRecordSchema, note: z.string().nullable() }).nullable().optional(),
});
export type UpdateRequest = z.infer<typeof updateRequestSchema>;

export const campaignSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  createdBy: personRefSchema,
  scope: z.union([z.object({ ags: z.array(agsSchema) }), z.object({ district: districtKeySchema }), z.object({ stale: z.literal(true) })]),
  validDays: z.number().int(),
  expiresAt: z.string(),
  /**
   * What happened, each counted on its own (decision 0028): the e-mails by their state (`held` in the outbox for
   * hand delivery, `queued` for SMTP, `sent`, `failed`), `noRecipient` (no address known), and the answers
   * cumulatively: `opened` includes the answered ones, `answered` the ones waiting for review.
   */
  counts: z.object({
    requests: z.number().int(),
    held: z.number().int(),
    queued: z.number().int(),
    sent: z.number().int(),
    failed: z.number().int(),
    noRecipient: z.number().int(),
    opened: z.number().int(),
    answered: z.number().int(),
    /** Not answered, and the link has lapsed. */
    expired: z.number().int(),
    pendingReview: z.number().int(),
  }),
});
export type Campaign = z.infer<typeof campaignSchema>;

/**
 * Answer of POST /api/update-requests/preview: who a campaign with this body would go to, before it is sent.
 * `delivery` says whether addressed messages are e-mailed (smtp) or held in the outbox for hand delivery.
 */
export const updateRequestPreviewSchema = z.object({
  delivery: z.enum(DELIVERIES),
  requests: z.number().int(),
  withAddress: z.number().int(),
  withoutAddress: z.number().int(),
  items: z.array(z.object({ ags: agsSchema, municipalityName: z.string(), recipients: z.array(z.string()) })),
});
export type UpdateRequestPreview = z.infer<typeof updateRequestPreviewSchema>;

export const updateRequestCreatedSchema = z.object({ campaign: campaignSchema, requests: z.array(updateRequestSchema) });
/** GET /api/update-requests: the campaign view. */
export const campaignListSchema = z.object({ items: z.array(campaignSchema) });
/** GET /api/update-requests/campaigns/:id and GET /api/update-requests/pending. */
export const updateRequestListSchema = z.object({ items: z.array(updateRequestSchema) });

export const tokenParamsSchema = z.object({ token: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/, "malformed token") });

/** GET /api/update-requests/by-token/:token: the municipality's current record, to pre-fill the form. */
export const updateRequestFormSchema = z.object({
  municipality: z.object({ ags: agsSchema, name: z.string(), districtName: z.string() }),
  record: insekRecordSchema,
  /**
   * The record version shown. No If-Match: an answer applies to the record as it is when it arrives, and the
   * status rules decide (a confirmation always fits; a change the record moved past answers 422).
   */
  version: z.number().int(),
  expiresAt: z.string(),
  /** Changes to these statuses wait for an advisor's confirmation before they count. */
  reviewedStatuses: z.array(z.string()),
  /** The personal line the sender added to the request, if any. */
  message: z.string().nullable().optional(),
});
export type UpdateRequestForm = z.infer<typeof updateRequestFormSchema>;

/** POST /api/update-requests/by-token/:token */
export const updateRequestAnswerSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("confirm"), note: textSchema.trim().max(4000).nullish() }).strict(),
  z.object({ action: z.literal("change"), event: tokenEventInputSchema }).strict(),
]);
export type UpdateRequestAnswer = z.infer<typeof updateRequestAnswerSchema>;

export const updateRequestAnswerResultSchema = z.object({
  /** `recorded`: in the history now; `pending_review`: waits for an advisor's confirmation. */
  outcome: z.enum(["recorded", "pending_review"]),
  event: statusEventSchema.nullable(),
});

/** POST /api/update-requests/:id/review (staff): accept or reject an answer waiting for review. */
export const updateRequestReviewSchema = z
  .object({ decision: z.enum(["accept", "reject"]), note: textSchema.trim().max(2000).nullish() })
  .strict();
/** Answer of POST /api/update-requests/:id/review: the request after the decision, and the event an acceptance recorded. */
export const updateRequestReviewResultSchema = z.object({ request: updateRequestSchema, event: statusEventSchema.nullable() });

export const outboxMessageSchema = z.object({
  id: z.number().int(),
  createdAt: z.string(),
  recipients: z.array(z.string()),
  subject: z.string(),
  body: z.string(),
  state: mailStateSchema,
  sentAt: z.string().nullable(),
  lastError: z.string().nullable(),
  updateRequestId: z.number().int().nullable(),
  /** The municipality an update request's message is for. */
  ags: agsSchema.nullable().optional(),
  municipalityName: z.string().nullable().optional(),
  /** The single-use link in the text (update requests), to copy when sending by hand. */
  link: z.string().nullable().optional(),
});
export const outboxListSchema = z.object({ items: z.array(outboxMessageSchema) });

/** GET /api/outbox?state=&campaign=&limit= */
export const outboxQuerySchema = z.object({
  state: mailStateSchema.optional(),
  campaign: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export type OutboxQuery = z.input<typeof outboxQuerySchema>;

/** GET /api/export/outbox.csv?state=&campaign=: the messages for hand delivery, with their links. */
export const outboxExportQuerySchema = outboxQuerySchema.pick({ state: true, campaign: true }).strict();
export type OutboxExportQuery = z.input<typeof outboxExportQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Advisor accounts (to choose from) and removing assignments together

/** GET /api/advisors: the advisor accounts, to choose from instead of typing an e-mail. */
export const advisorListSchema = z.object({
  items: z.array(personRefSchema.extend({ email: z.string(), active: z.boolean() })),
});
export type AdvisorList = z.infer<typeof advisorListSchema>;

/** Body of POST /api/assignments/remove: several assignments (e.g. a whole district) removed at once. */
export const assignmentRemoveSchema = z
  .object({
    ids: z
      .array(idParam)
      .min(1)
      .max(1000)
      .refine((list) => new Set(list).size === list.length, "lists an assignment twice"),
  })
  .strict();
export const assignmentRemovedSchema = z.object({ removed: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Municipality contacts: where update requests go (besides the municipality's accounts)

/** Body of PUT /api/municipalities/:ags/contact. */
export const municipalityContactInputSchema = z
  .object({
    email: emailSchema,
    name: textSchema.trim().max(200).nullish(),
    /** The person's function, e.g. "Bauamtsleitung". */
    function: textSchema.trim().max(200).nullish(),
  })
  .strict();
export type MunicipalityContactInput = z.input<typeof municipalityContactInputSchema>;

export const municipalityContactSchema = z.object({
  email: z.string(),
  name: z.string().nullable(),
  function: z.string().nullable(),
  updatedAt: z.string(),
  updatedBy: z.string().nullable(),
});
export type MunicipalityContact = z.infer<typeof municipalityContactSchema>;

/** One municipality (existing today) with its contact and the e-mails of its accounts. */
export const municipalityContactItemSchema = z.object({
  ags: agsSchema,
  municipalityName: z.string(),
  districtKey: districtKeySchema,
  districtName: z.string(),
  contact: municipalityContactSchema.nullable(),
  accountEmails: z.array(z.string()),
});
export type MunicipalityContactItem = z.infer<typeof municipalityContactItemSchema>;

/** GET /api/municipality-contacts?district=&q=&missing= */
export const municipalityContactQuerySchema = z.object({
  district: districtKeySchema.optional(),
  /** Name or AGS. */
  q: textSchema.trim().max(100).optional(),
  /** Only municipalities with no address at all (no contact, no account). */
  missing: queryBooleanSchema.optional(),
});
export type MunicipalityContactQuery = z.input<typeof municipalityContactQuerySchema>;

export const municipalityContactListSchema = z.object({
  items: z.array(municipalityContactItemSchema),
  total: z.number().int(),
  /** Of all municipalities existing today (not only the listed ones): how many have no address at all. */
  withoutAddress: z.number().int(),
});

/** The columns of a contact import file (German headers, matched case-insensitively). */
export const CONTACT_IMPORT_COLUMNS = { ags: "AGS", email: "E-Mail", name: "Name", function: "Funktion" } as const;

export const contactImportQuerySchema = z.object({
  dryRun: queryBooleanSchema.default(true).describe("true (default): check every row and write nothing"),
});

export const contactImportRowSchema = z.object({
  /** Line of the file, 1-based, the header being line 1. */
  row: z.number().int(),
  ags: z.string().nullable(),
  municipalityName: z.string().nullable(),
  /** What the row does (or would do): a new contact, a changed one, nothing (same as stored), or an error. */
  outcome: z.enum(["created", "updated", "unchanged", "error"]),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const contactImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** True only when the rows were written (a real run in which every row passed). */
  applied: z.boolean(),
  rows: z.array(contactImportRowSchema),
  summary: z.object({
    total: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    failed: z.number().int(),
  }),
});
export type ContactImportResult = z.infer<typeof contactImportResultSchema>;

/** 422 IMPORT_INVALID: a real run in which some row failed; nothing was written. */
export const contactImportFailedSchema = errorResponseSchema.extend(contactImportResultSchema.shape);
