import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";

/** "page" on the exact page, "true" on a section's subpages (e.g. a municipality's detail page). */
function ariaCurrent(pathname: string, to: string): "page" | "true" | undefined {
  if (pathname === to) return "page";
  if (to !== "/" && pathname.startsWith(`${to}/`)) return "true";
  return undefined;
}

export function MainNav() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const session = useSession();
  const user = session.data?.user;
  const items: { to: string; label: string }[] = [
    { to: paths.overview, label: t("nav.overview") },
    { to: paths.municipalities, label: t("nav.municipalities") },
    { to: paths.concepts, label: t("nav.concepts", { ns: "concepts" }) },
    // Read by everyone where public access is on, as the concepts are (the API answers 401 otherwise).
    { to: paths.funding, label: t("nav.funding", { ns: "funding" }) },
    { to: paths.practices, label: t("nav", { ns: "practices" }) },
  ];
  // A municipality account's own record is one click away.
  if (user?.role === "municipality" && user.ags.length > 0) {
    const [only] = user.ags;
    items.push(
      user.ags.length === 1 && only !== undefined
        ? { to: paths.municipality(only), label: t("auth.myMunicipality") }
        : { to: paths.myMunicipalities, label: t("auth.myMunicipalities") },
    );
  }
  // The FS INGE advisory workspace: an advisor's portfolio, the consultations for SMR and FS INGE.
  if (user?.role === "advisor") items.push({ to: paths.portfolio, label: t("nav.portfolio", { ns: "advisory" }) });
  if (user?.role === "advisor" || user?.role === "smr") {
    items.push({ to: paths.consultations, label: t("nav.consultations", { ns: "advisory" }) });
  }
  if (user?.role === "smr") items.push({ to: paths.auditLog, label: t("nav", { ns: "audit" }) });
  if (user?.role === "smr" && user.admin) items.push({ to: paths.accounts, label: t("nav.accounts") });
  return (
    <nav className="main-nav" aria-label={t("nav.label")}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={ariaCurrent(pathname, item.to)}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
