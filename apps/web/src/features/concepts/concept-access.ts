import type { SessionUser } from "@insek/contracts";

/**
 * What the page offers an account; the server decides (an advisor only within their assignments, a
 * municipality only for concepts it is a member of) and the forms show its 403.
 */
export function mayCreateConcepts(user: SessionUser | null | undefined): boolean {
  // Municipality accounts edit the concepts they are members of; SMR and FS INGE create them.
  return user?.role === "smr" || user?.role === "advisor";
}

export function mayEditConcept(user: SessionUser | null | undefined, members: readonly { ags: string }[]): boolean {
  if (user?.role === "smr" || user?.role === "advisor") return true;
  return user?.role === "municipality" && members.some((member) => user.ags.includes(member.ags));
}

/** The members whose council resolution this account may record. */
export function resolutionMembers<M extends { ags: string }>(user: SessionUser | null | undefined, members: readonly M[]): M[] {
  if (user?.role === "smr" || user?.role === "advisor") return [...members];
  if (user?.role === "municipality") return members.filter((member) => user.ags.includes(member.ags));
  return [];
}

/** A concept id from the URL, or null: a malformed id cannot exist, so the page says so without asking. */
export function conceptIdOf(raw: string | undefined): number | null {
  return raw !== undefined && /^[1-9]\d{0,9}$/.test(raw) && Number(raw) <= 2_147_483_647 ? Number(raw) : null;
}
