import type { SessionUser } from "@insek/contracts";
import { paths } from "./paths";

/**
 * Where a person lands after signing in: the page of their daily work. Advisors their portfolio,
 * a municipality its own record (the choice of its municipalities when it speaks for several),
 * SMR the overview of Saxony.
 */
export function homePath(user: Pick<SessionUser, "role" | "ags">): string {
  if (user.role === "advisor") return paths.portfolio;
  if (user.role === "municipality") {
    const [only] = user.ags;
    if (user.ags.length === 1 && only !== undefined) return paths.municipality(only);
    if (user.ags.length > 1) return paths.myMunicipalities;
    return paths.municipalities;
  }
  return paths.overview;
}
