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
import { municipalities } from "./registry.js";

export const ROLES = ["smr", "advisor", "municipality"] as const;

/**
 * Accounts. Never deleted (the audit log refers to them): an account is disabled instead. The password
 * hash is argon2id; null until the account's holder sets one through a one-time link.
 */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** Account management; only an smr account can hold it. */
    admin: boolean("admin").notNull().default(false),
    passwordHash: text("password_hash"),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "date" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [
    check("users_email_lower_case", sql`${t.email} = lower(${t.email})`),
    check("users_role", sql`${t.role} in ('smr', 'advisor', 'municipality')`),
    check("users_admin_is_smr", sql`not ${t.admin} or ${t.role} = 'smr'`),
  ],
);

/** The municipalities (AGS) a municipality account speaks for. */
export const userMunicipalities = pgTable(
  "user_municipalities",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ags] }), index("user_municipalities_ags_idx").on(t.ags)],
);

/**
 * An FS INGE advisor's portfolio. Active on day d when valid_from <= d and (valid_to is null or
 * d < valid_to): valid_to is the first day the assignment no longer holds, as in the registry.
 */
export const advisorAssignments = pgTable(
  "advisor_assignments",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    advisorUserId: uuid("advisor_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ags: char("ags", { length: 8 })
      .notNull()
      .references(() => municipalities.ags),
    validFrom: date("valid_from", { mode: "string" }).notNull(),
    validTo: date("valid_to", { mode: "string" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [
    index("advisor_assignments_advisor_idx").on(t.advisorUserId, t.ags),
    index("advisor_assignments_ags_idx").on(t.ags),
    check("advisor_assignments_range", sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/**
 * Server-side sessions, shared by every API process. The id is the SHA-256 of the random token in the
 * cookie, so a copy of this table does not let anyone sign in.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    /** The idle timeout counts from here. */
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "date" }).notNull(),
    /** The absolute timeout. */
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    /** When the account's password was last confirmed in this session (POST /api/auth/reauth); account administration needs it recent. */
    reauthenticatedAt: timestamp("reauthenticated_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Named API tokens for scripts (Authorization: Bearer). Only the SHA-256 of the token is stored. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "date" }),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "date" }),
  },
  (t) => [index("api_tokens_user_idx").on(t.userId)],
);

/** One-time links to set a password (new accounts, resets). Only the SHA-256 of the token is stored. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "date" }),
    /** The administrator whose session made the link: it stops working when that account is disabled or reset. */
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [index("password_reset_tokens_user_idx").on(t.userId), index("password_reset_tokens_created_by_idx").on(t.createdBy)],
);

/** Login attempts as counted until migration 0011; no longer written (login_throttle counts), to be dropped later. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    email: text("email").notNull(),
    address: text("address").notNull(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull(),
    success: boolean("success").notNull(),
  },
  (t) => [index("login_attempts_email_idx").on(t.email, t.at), index("login_attempts_address_idx").on(t.address, t.at)],
);

/**
 * Sign-in throttling counters, shared by every API process (decision 0016). One row per key:
 * `pair:<email> <address>` (failures of one account from one address), `address:<address>` (failures from
 * an address, any account), `account:<email>` (failures of an account from anywhere). An attempt reserves
 * its count with one conditional upsert before the password is checked, so parallel attempts cannot get
 * past the limit; a success gives its reservation back.
 */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  /** The counting window starts at its first failure and lasts 15 minutes. */
  windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
  failures: integer("failures").notNull(),
  lastFailureAt: timestamp("last_failure_at", { withTimezone: true, mode: "date" }).notNull(),
});

/**
 * Refused (throttled) sign-in requests, counted per address and 15-minute window: the audit log gets one
 * row when an address is first refused in a window, this table the count of all of them.
 */
export const loginRefusals = pgTable(
  "login_refusals",
  {
    address: text("address").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true, mode: "date" }).notNull(),
    refused: integer("refused").notNull(),
    firstAt: timestamp("first_at", { withTimezone: true, mode: "date" }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.windowStart] })],
);

/**
 * Who did what, when and from where: every write and every login attempt. Append-only: a database
 * trigger refuses UPDATE, DELETE and TRUNCATE (migration 0004). Never holds passwords or tokens.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp("at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    /** The actor's e-mail at the time, "anonymous" or "system". */
    actorLabel: text("actor_label").notNull(),
    address: text("address"),
    requestId: text("request_id"),
    action: text("action").notNull(),
    target: text("target"),
    details: jsonb("details"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_action_idx").on(t.action, t.at),
  ],
);
