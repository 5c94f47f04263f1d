import { type Account, type AccountCreate, type AccountUpdate, ERROR_CODES, type Role } from "@insek/contracts";
import type { Db } from "@insek/db";
import { todayInSaxony } from "../../lib/clock.js";
import { AppError, type FieldIssue, NotFoundError, ValidationError } from "../../lib/errors.js";
import type { RequestContext } from "../../lib/request-context.js";
import {
  type UserRow,
  advisorAssignedOn,
  findUserByEmail,
  findUserById,
  insertUser,
  knownAgs,
  listUsers,
  municipalitiesOfUser,
  municipalitiesOfUsers,
  replaceMunicipalitiesOfUser,
  updateUser,
} from "./accounts.repo.js";
import { revokeCredentials } from "./auth.service.js";
import { deleteUnusedResetTokensOf } from "./credentials.repo.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; typeof e === "object" && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

export function toAccount(user: UserRow, ags: string[]): Account {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    admin: user.admin,
    ags,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    passwordSet: user.passwordHash !== null,
  };
}

export async function listAccounts(db: Db): Promise<Account[]> {
  const users = await listUsers(db);
  const ags = await municipalitiesOfUsers(db, users.map((u) => u.id));
  return users.map((u) => toAccount(u, ags.get(u.id) ?? []));
}

export async function findAccountUser(db: Db, id: string): Promise<UserRow> {
  const user = UUID.test(id) ? await findUserById(db, id.toLowerCase()) : undefined;
  if (!user) throw new NotFoundError(ERROR_CODES.userNotFound, `No account with id ${id}`);
  return user;
}

/** The role rules of an account: admin only for smr; a municipality account speaks for at least one AGS, others for none. */
async function checkRoleShape(db: Db, shape: { role: Role; admin: boolean; ags: string[] }): Promise<void> {
  const issues: FieldIssue[] = [];
  if (shape.admin && shape.role !== "smr") issues.push({ path: "body.admin", code: ERROR_CODES.validation, message: "only an smr account can be an administrator" });
  if (shape.role === "municipality" && shape.ags.length === 0) {
    issues.push({ path: "body.ags", code: ERROR_CODES.validation, message: "a municipality account needs at least one AGS" });
  }
  if (shape.role !== "municipality" && shape.ags.length > 0) {
    issues.push({ path: "body.ags", code: ERROR_CODES.validation, message: "only municipality accounts are linked to AGS (advisors get assignments)" });
  }
  if (issues.length > 0) throw new ValidationError("The account's role does not fit", issues, 422);
  const known = await knownAgs(db, shape.ags);
  const unknown = shape.ags.filter((a) => !known.has(a));
  if (unknown.length > 0) {
    throw new ValidationError(
      `Unknown AGS: ${unknown.join(", ")}`,
      unknown.map((a) => ({ path: "body.ags", code: ERROR_CODES.unknownAgs, message: `no municipality with AGS ${a}` })),
      422,
      ERROR_CODES.unknownAgs,
    );
  }
}

/** Creates an account without a password; its holder sets one through a one-time link. */
export async function createAccount(db: Db, input: AccountCreate, now: Date): Promise<UserRow> {
  const ags = [...new Set(input.ags ?? [])].sort();
  const shape = { role: input.role, admin: input.admin ?? false, ags };
  await checkRoleShape(db, shape);
  if (await findUserByEmail(db, input.email)) throw new AppError(409, ERROR_CODES.emailTaken, "An account with this e-mail address exists");
  const user = await insertUser(db, { email: input.email, displayName: input.displayName, role: shape.role, admin: shape.admin, createdAt: now }).catch(
    (error: unknown) => {
      // Two administrators creating the same address at once: the unique index decides.
      if (isUniqueViolation(error)) throw new AppError(409, ERROR_CODES.emailTaken, "An account with this e-mail address exists");
      throw error;
    },
  );
  await replaceMunicipalitiesOfUser(db, user.id, ags);
  return user;
}

export interface AccountChange {
  user: UserRow;
  ags: string[];
  /** What changed, for the audit log: field -> { from, to }. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Changes an account. Disabling ends its sessions, revokes its API tokens for good and voids the unused
 * one-time links it made or that were made for it (auth.service.ts `revokeCredentials`). Administrators cannot disable, demote or re-role themselves: an
 * instance must never lose its last administrator by accident.
 */
export async function updateAccount(db: Db, actorId: string, id: string, input: AccountUpdate, now: Date): Promise<AccountChange> {
  const user = await findAccountUser(db, id);
  const currentAgs = await municipalitiesOfUser(db, user.id);
  if (user.id === actorId && (input.disabled === true || input.admin === false || (input.role !== undefined && input.role !== user.role))) {
    throw new AppError(422, ERROR_CODES.ownAccountChange, "You cannot disable, demote or change the role of your own account");
  }
  const role = input.role ?? user.role;
  const admin = role === "smr" ? (input.admin ?? user.admin) : (input.admin ?? false);
  const ags = input.ags ? [...new Set(input.ags)].sort() : role === "municipality" ? currentAgs : [];
  await checkRoleShape(db, { role, admin, ags });

  const changes: AccountChange["changes"] = {};
  const set: Partial<UserRow> = {};
  if (role !== user.role) {
    set.role = role;
    changes.role = { from: user.role, to: role };
  }
  if (admin !== user.admin) {
    set.admin = admin;
    changes.admin = { from: user.admin, to: admin };
  }
  if (input.displayName !== undefined && input.displayName !== user.displayName) {
    set.displayName = input.displayName;
    changes.displayName = { from: user.displayName, to: input.displayName };
  }
  if (input.disabled !== undefined && input.disabled !== (user.disabledAt !== null)) {
    set.disabledAt = input.disabled ? now : null;
    changes.disabled = { from: user.disabledAt !== null, to: input.disabled };
  }
  if (ags.join() !== currentAgs.join()) changes.ags = { from: currentAgs, to: ags };

  const updated = Object.keys(set).length > 0 ? ((await updateUser(db, user.id, set)) ?? user) : user;
  if (changes.ags) await replaceMunicipalitiesOfUser(db, user.id, ags);
  if (changes.disabled && input.disabled === true) {
    const { revokedTokens } = await revokeCredentials(db, user.id, now);
    await deleteUnusedResetTokensOf(db, user.id);
    if (revokedTokens > 0) changes.activeApiKeys = { from: revokedTokens, to: 0 };
  }
  return { user: updated, ags, changes };
}

/**
 * Whether the principal may write for the municipality: smr always, an advisor assigned to it today, a
 * municipality account linked to it. Services call this for every AGS a request names.
 */
export async function canWriteMunicipality(ctx: Pick<RequestContext, "principal" | "clock" | "db">, ags: string): Promise<boolean> {
  const principal = ctx.principal;
  if (principal.kind !== "user") return false;
  const { user } = principal;
  if (user.role === "smr") return true;
  if (user.role === "municipality") return user.ags.includes(ags);
  return advisorAssignedOn(ctx.db, user.id, ags, todayInSaxony(ctx.clock));
}
