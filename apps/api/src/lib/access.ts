import type { Role } from "@insek/contracts";
import { authenticationRequired } from "./errors.js";

/**
 * Who may call a route. Every route declares one as `config: { access: "<rule>" }`; app.ready() fails for
 * a route without one (plugins/route-access.ts), and the authorisation matrix test enumerates them.
 *
 * - `public`: anyone, always (health, login, the web app).
 * - `read`: anonymous visitors while public access is switched on; otherwise any signed-in account.
 * - `signedIn`: any signed-in account (session or API token).
 * - `session`: a signed-in browser session, not an API token (e.g. creating API tokens).
 * - `staff`: smr or advisor (reads that municipalities and the public never get).
 * - `smr`: smr accounts.
 * - `smrAdmin`: smr accounts with the admin flag (settings, reading the account list).
 * - `accountAdmin`: an smr administrator in a browser session whose password was confirmed within the last
 *   REAUTH_MINUTES (POST /api/auth/reauth): creating, changing, disabling and resetting accounts and
 *   revoking their tokens. Never an API token, so that a leaked token cannot mint accounts or links.
 * - `write:municipality`: writes to the municipality named by the route's `:ags`: smr, an advisor assigned
 *   to it today, or a municipality account linked to it. Services re-check the scope of AGS named in bodies.
 */
export const ACCESS_RULES = ["public", "read", "signedIn", "session", "staff", "smr", "smrAdmin", "accountAdmin", "write:municipality"] as const;
export type AccessRule = (typeof ACCESS_RULES)[number];

export function isAccessRule(value: unknown): value is AccessRule {
  return typeof value === "string" && (ACCESS_RULES as readonly string[]).includes(value);
}

export interface AuthSettings {
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /** Always mark the session cookie Secure (it is whenever the request arrives over HTTPS). */
  cookieSecure: boolean;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = { sessionIdleMinutes: 30, sessionAbsoluteHours: 12, cookieSecure: false };

export interface PrincipalUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  admin: boolean;
  /** Municipality accounts: the AGS they speak for. */
  ags: string[];
}

export type Principal =
  | { kind: "anonymous" }
  | { kind: "user"; via: "session"; user: PrincipalUser; sessionId: string; csrfToken: string; reauthenticatedAt: Date | null }
  | { kind: "user"; via: "token"; user: PrincipalUser; tokenId: string };

export type SignedIn = Extract<Principal, { kind: "user" }>;

export const ANONYMOUS: Principal = { kind: "anonymous" };

export type AccessDecision = "allow" | "unauthenticated" | "forbidden" | "outOfScope" | "reauthenticate";

export interface AccessLookups {
  publicAccess(): Promise<boolean>;
  /** May this account write for the municipality the route names (`:ags`), today? */
  municipalityInScope(user: PrincipalUser): Promise<boolean>;
  /** The time now (re-authentication is recent for REAUTH_MINUTES). */
  now(): Date;
}

/** Account administration needs the password confirmed in the session within this many minutes. */
export const REAUTH_MINUTES = 10;

/** The decision for one request; lookups are only made when the rule needs them. */
export async function decideAccess(rule: AccessRule, principal: Principal, lookups: AccessLookups): Promise<AccessDecision> {
  if (rule === "public") return "allow";
  if (principal.kind === "anonymous") {
    return rule === "read" && (await lookups.publicAccess()) ? "allow" : "unauthenticated";
  }
  const { user } = principal;
  switch (rule) {
    case "read":
    case "signedIn":
      return "allow";
    case "session":
      return principal.via === "session" ? "allow" : "forbidden";
    case "staff":
      return user.role === "smr" || user.role === "advisor" ? "allow" : "forbidden";
    case "smr":
      return user.role === "smr" ? "allow" : "forbidden";
    case "smrAdmin":
      return user.role === "smr" && user.admin ? "allow" : "forbidden";
    case "accountAdmin": {
      if (user.role !== "smr" || !user.admin || principal.via !== "session") return "forbidden";
      const confirmed = principal.reauthenticatedAt?.getTime();
      const now = lookups.now().getTime();
      return confirmed !== undefined && now - confirmed <= REAUTH_MINUTES * 60_000 ? "allow" : "reauthenticate";
    }
    case "write:municipality":
      return (await lookups.municipalityInScope(user)) ? "allow" : "outOfScope";
  }
}

/** The `source` a status event recorded by this account carries. */
export function eventSourceOf(user: PrincipalUser): "smr" | "fs_inge" | "municipality" {
  return user.role === "smr" ? "smr" : user.role === "advisor" ? "fs_inge" : "municipality";
}

/**
 * What a reader may see beyond the public record: internal notes, consultation logs and people's names
 * are for smr and FS INGE only.
 */
export function canSeeInternal(principal: Principal): boolean {
  return principal.kind === "user" && (principal.user.role === "smr" || principal.user.role === "advisor");
}

/** People's names (who recorded a change) are shown to signed-in accounts only. */
export function canSeeNames(principal: Principal): boolean {
  return principal.kind === "user";
}

/** The signed-in principal, or 401. */
export function requireSignedIn(principal: Principal): SignedIn {
  if (principal.kind !== "user") throw authenticationRequired();
  return principal;
}
