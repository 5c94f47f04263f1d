import type { Role, SessionUser } from "@insek/contracts";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { LoadingState } from "./query-state";
import { paths } from "../lib/paths";
import { useSession } from "../lib/api/get-session";
import "../styles/workspace.css";

export const STAFF_ROLES: readonly Role[] = ["smr", "advisor"];

export function isStaff(user: SessionUser | undefined): boolean {
  return user !== undefined && STAFF_ROLES.includes(user.role);
}

/** Renders its children for signed-in accounts of the given roles; explains otherwise. */
export function RoleGate({ roles, children }: { roles: readonly Role[]; children: (user: SessionUser) => ReactNode }) {
  const { t } = useTranslation("advisory");
  const session = useSession();
  if (session.isPending) return <LoadingState />;
  const user = session.data?.user;
  if (!user) {
    return (
      <p className="notice notice--info">
        {t("common.signInRequired")} <Link to={paths.login}>{t("common.signIn")}</Link>
      </p>
    );
  }
  if (!roles.includes(user.role)) {
    return <p className="notice notice--info">{roles.length === 1 && roles[0] === "smr" ? t("common.smrOnly") : t("common.notAllowed")}</p>;
  }
  return <>{children(user)}</>;
}

/** The sections of /beratungen; assignments are SMR's. */
export function ConsultationsSubnav({ user }: { user: SessionUser }) {
  const { t } = useTranslation("advisory");
  const { t: tw } = useTranslation("workflows");
  const { pathname } = useLocation();
  const items = [
    { to: paths.consultations, label: t("nav.log") },
    ...(user.role === "smr" ? [{ to: paths.assignments, label: t("nav.assignments") }] : []),
    ...(user.role === "smr" ? [{ to: paths.portfolio, label: t("nav.portfolios") }] : []),
    { to: paths.updateRequests, label: t("nav.requests") },
    { to: paths.municipalityContacts, label: tw("contacts.nav") },
  ];
  return (
    <nav className="subnav" aria-label={t("nav.sectionLabel")}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={pathname === item.to ? "page" : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A link with a copy button; falls back to a hint when the clipboard is unavailable (e.g. plain http). */
/** `label` names what the link is for (e.g. the municipality), so that every copy button says which link it copies. */
export function CopyableLink({ href, label }: { href: string; label: string }) {
  const { t } = useTranslation("advisory");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(href);
      setState("copied");
    } catch {
      setState("failed");
    }
  };
  return (
    <span className="link-copy">
      <a href={href}>
        <code>{href}</code>
      </a>
      <button type="button" className="button button--secondary" aria-label={t("common.copyFor", { label })} onClick={() => void copy()}>
        {t("common.copy")}
      </button>
      <span role="status">{state === "copied" ? t("common.copied") : state === "failed" ? t("common.copyFailed") : ""}</span>
    </span>
  );
}
