import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
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
  const items = [
    { to: paths.overview, label: t("nav.overview") },
    { to: paths.municipalities, label: t("nav.municipalities") },
  ];
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
