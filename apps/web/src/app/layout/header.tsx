import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../../lib/paths";
import { LanguageSwitch } from "./language-switch";
import { MainNav } from "./main-nav";

export function Header() {
  const { t } = useTranslation();
  return (
    <header className="site-header">
      <div className="site-header__bar container">
        <p className="site-title">
          <Link to={paths.overview}>{t("app.name")}</Link>
        </p>
        <LanguageSwitch />
      </div>
      <div className="container">
        <MainNav />
      </div>
    </header>
  );
}
