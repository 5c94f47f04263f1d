import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { LoadingState } from "../../components/query-state";
import { useSession } from "../../lib/api/get-session";
import { LoginForm } from "../../features/auth/components/login-form";
import { homePath } from "../../lib/home-path";
import { useDocumentTitle } from "../../lib/use-document-title";

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const session = useSession();
  useDocumentTitle(t("auth.loginTitle"));

  return (
    <>
      <h1>{t("auth.loginTitle")}</h1>
      {session.isPending ? (
        <LoadingState />
      ) : session.data ? (
        <p className="notice notice--info" role="status">
          {t("auth.alreadySignedIn", { name: session.data.user.displayName })}{" "}
          <Link to={homePath(session.data.user)}>{t("toHome", { ns: "workflows" })}</Link>
        </p>
      ) : (
        <>
          <p className="lead">{t("auth.loginIntro")}</p>
          <LoginForm
            onSuccess={(state) => {
              const params = new URLSearchParams(window.location.search);
              const back = params.get("zurueck");
              // Only paths inside this site, never another origin; without one, the role's own start page.
              void navigate(back?.startsWith("/") && !back.startsWith("//") ? back : homePath(state.user));
            }}
          />
        </>
      )}
    </>
  );
}
