import { z } from "zod";
import { agsSchema, isoDateSchema, textSchema } from "./vocabulary.js";

/**
 * Roles: `smr` (the ministry; reads everything, recognises funding eligibility, with `admin` also manages
 * accounts), `advisor` (FS INGE; writes for the municipalities assigned to them), `municipality` (writes
 * only its own records).
 */
export const ROLES = ["smr", "advisor", "municipality"] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase, short enough that hashing it cannot be used to exhaust the server. */
export const PASSWORD_MAX_LENGTH = 256;

/** An e-mail address, trimmed and lower-cased (accounts are matched case-insensitively). */
export const emailSchema = textSchema.trim().toLowerCase().pipe(z.email().max(254)).describe("E-mail address");

export const passwordSchema = textSchema
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH);

/** Body of POST /api/auth/login. */
export const loginInputSchema = z
  .object({
    email: textSchema.trim().toLowerCase().min(1).max(254),
    password: textSchema.min(1).max(PASSWORD_MAX_LENGTH),
  })
  .strict();
export type LoginInput = z.infer<typeof loginInputSchema>;

/** The signed-in account as the client sees it. */
export const sessionUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  role: roleSchema,
  admin: z.boolean(),
  /** The municipalities a municipality account speaks for (empty for other roles). */
  ags: z.array(agsSchema),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

/**
 * Answer of POST /api/auth/login and GET /api/auth/me. `csrfToken` goes into the `x-csrf-token` header of
 * every POST, PUT, PATCH and DELETE made with the session cookie; it is null for API-token requests,
 * which need none.
 */
export const authStateSchema = z.object({
  user: sessionUserSchema,
  csrfToken: z.string().nullable(),
});
export type AuthState = z.infer<typeof authStateSchema>;

/** Body of POST /api/auth/tokens. */
export const apiTokenCreateSchema = z
  .object({
    name: textSchema.trim().min(1).max(100),
    expiresInDays: z.number().int().min(1).max(365),
  })
  .strict();
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;

/** Answer of POST /api/auth/tokens: the only time the token itself is shown. */
export const apiTokenCreatedSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  token: z.string().describe("Send as `Authorization: Bearer <token>`; shown only once"),
  expiresAt: z.string(),
});
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type ApiToken = z.infer<typeof apiTokenSchema>;
export const apiTokenListSchema = z.object({ items: z.array(apiTokenSchema) });

export const idParamsSchema = z.object({ id: textSchema.describe("UUID") });
/** Path of DELETE /api/users/:id/tokens/:tokenId. */
export const userTokenParamsSchema = z.object({ id: textSchema.describe("UUID of the account"), tokenId: textSchema.describe("UUID of the token") });

/** Body of POST /api/auth/reauth: the signed-in account's password, confirmed before account administration. */
export const reauthInputSchema = z.object({ password: textSchema.min(1).max(PASSWORD_MAX_LENGTH) }).strict();
export type ReauthInput = z.infer<typeof reauthInputSchema>;
/** Answer of POST /api/auth/reauth: account administration is open to this session until then. */
export const reauthStateSchema = z.object({ reauthenticatedUntil: z.string() });
export type ReauthState = z.infer<typeof reauthStateSchema>;

/** An account as administrators see it. */
export const accountSchema = sessionUserSchema.extend({
  disabled: z.boolean(),
  disabledAt: z.string().nullable(),
  createdAt: z.string(),
  /** False until the holder has set a password through the one-time link. */
  passwordSet: z.boolean(),
});
export type Account = z.infer<typeof accountSchema>;
export const accountListSchema = z.object({ items: z.array(accountSchema) });

/** Body of POST /api/users. The administrator never chooses a password: the answer carries a one-time link. */
export const accountCreateSchema = z
  .object({
    email: emailSchema,
    displayName: textSchema.trim().min(1).max(200),
    role: roleSchema,
    admin: z.boolean().optional(),
    ags: z.array(agsSchema).max(50).optional(),
  })
  .strict();
export type AccountCreate = z.infer<typeof accountCreateSchema>;

/** Body of PATCH /api/users/:id. */
export const accountUpdateSchema = z
  .object({
    disabled: z.boolean().optional(),
    role: roleSchema.optional(),
    admin: z.boolean().optional(),
    ags: z.array(agsSchema).max(50).optional(),
    displayName: textSchema.trim().min(1).max(200).optional(),
  })
  .strict();
export type AccountUpdate = z.infer<typeof accountUpdateSchema>;

/** A one-time link to set a password (valid 24 hours, once). */
export const resetLinkSchema = z.object({ resetUrl: z.string(), expiresAt: z.string() });
export type ResetLink = z.infer<typeof resetLinkSchema>;

export const accountCreatedSchema = resetLinkSchema.extend({ user: accountSchema });
export type AccountCreated = z.infer<typeof accountCreatedSchema>;

/** Body of POST /api/auth/reset. */
export const passwordResetSchema = z
  .object({
    token: textSchema.min(1).max(200),
    password: passwordSchema,
  })
  .strict();
export type PasswordReset = z.infer<typeof passwordResetSchema>;

/**
 * The kinds of audit actions, by the first part of their dotted name (e.g. "auth.login.failed" is "auth"):
 * what the audit page offers as the action filter ("auth.*").
 */
export const AUDIT_ACTION_GROUPS = [
  "auth",
  "user",
  "status_event",
  "update_request",
  "outbox",
  "consultation",
  "assignment",
  "settings",
] as const;
export type AuditActionGroup = (typeof AUDIT_ACTION_GROUPS)[number];

/** The filters of the audit log (GET /api/audit and its CSV export). Dates are calendar days in Saxony, both inclusive. */
export const auditFilterSchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  actor: textSchema.trim().min(1).max(254).optional().describe("Account id or e-mail"),
  action: textSchema.trim().min(1).max(100).optional().describe('Exact action, or a prefix ending in "*" (e.g. "auth.*")'),
  ags: agsSchema
    .optional()
    .describe("Entries about this municipality: its status events and update requests, and entries whose details name it (consultations, assignments, accounts)"),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

/** Query of GET /api/audit: the filters and a page. */
export const auditQuerySchema = auditFilterSchema.extend({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorLabel: z.string(),
  address: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;
export const auditListSchema = z.object({ items: z.array(auditEntrySchema), total: z.number().int() });

/** Body of PUT /api/settings/public-access. */
export const publicAccessInputSchema = z.object({ enabled: z.boolean() }).strict();
/** Answer of GET /api/settings/public: whether anonymous visitors may read the dashboard and records. */
export const publicSettingsSchema = z.object({ publicAccess: z.boolean() });
export type PublicSettings = z.infer<typeof publicSettingsSchema>;
