import {
  PRACTICE_ACTIONS,
  type PracticeAction,
  type PracticeActor,
  type PracticeDetail,
  type SessionUser,
  practicePosition,
  practiceStep,
} from "@insek/contracts";

/** Editors (SMR and FS INGE) review and publish; municipality accounts and editors propose. */
export function isEditor(user: SessionUser | null | undefined): boolean {
  return user?.role === "smr" || user?.role === "advisor";
}

export function mayPropose(user: SessionUser | null | undefined): boolean {
  return isEditor(user) || user?.role === "municipality";
}

/** Who the account is for this entry, as the workflow table names it (the server decides again). */
export function actorOf(user: SessionUser | null | undefined, practice: Pick<PracticeDetail, "municipalities" | "author">): PracticeActor | null {
  if (!user) return null;
  if (isEditor(user)) return "editor";
  if (practice.author?.id === user.id) return "owner";
  if (user.role === "municipality" && practice.municipalities.some((municipality) => user.ags.includes(municipality.ags))) return "owner";
  return "other";
}

/** The actions the workflow table allows this account on this entry now ("edit" included). */
export function allowedActions(user: SessionUser | null | undefined, practice: Pick<PracticeDetail, "municipalities" | "author" | "state" | "revision">): PracticeAction[] {
  const actor = actorOf(user, practice);
  if (actor === null) return [];
  const position = practicePosition(practice.state, practice.revision?.state ?? null);
  return PRACTICE_ACTIONS.filter((action) => "next" in practiceStep(position, action, actor));
}

/** Adopters are recorded by FS INGE, SMR and municipality accounts, on published entries. */
export function mayRecordAdopter(user: SessionUser | null | undefined, practice: Pick<PracticeDetail, "state">): boolean {
  return practice.state === "published" && (isEditor(user) || user?.role === "municipality");
}

/** A practice id from the URL, or null (a malformed id cannot exist). */
export function practiceIdOf(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}
