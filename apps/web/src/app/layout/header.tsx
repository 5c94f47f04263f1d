import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../../lib/api/get-session";
import { useLogout } from "../../features/auth/api/logout";
import { paths } from "../../lib/paths";
import { LanguageSwitch } from "./language-switch";
import { MainNav } from "./main-nav";

function AccountMenu() {
  const { t } = useTranslation();
  const session = useSession();
  const logout = useLogout();
  const [announcement, setAnnouncement] = useState("");
  const user = session.data?.user;
  return (
    <div className="account-menu">
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {user ? (
        <>
          <span className="account-menu__name">{t("auth.signedInAs", { name: user.displayName })}</span>
          <button
            type="button"
            className="button button--secondary"
            disabled={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSuccess: () => setAnnouncement(t("auth.loggedOut")) })}
          >
            {t("auth.logout")}
          </button>
        </>
      ) : session.isPending ? null : (
        <Link to={paths.login}>{t("auth.login")}</Link>
      )}
    </div>
  );
}

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__bar container">
        <p className="site-title">
          <Link to={paths.overview}>{t("app.name")}</Link>
        </p>
        <AccountMenu />
        <LanguageSwitch />
      </div>
      <div className="container">
        <MainNav />
      </div>
    </header>
  );
}
