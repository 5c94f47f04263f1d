import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadingState } from "../../components/query-state";
import { FundingBreadcrumb } from "../../features/funding/components/funding-breadcrumb";
import { ProgrammeAdmin } from "../../features/funding/components/programme-admin";
import "../../features/funding/funding.css";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /foerderung/programme: the programmes; SMR administrators edit them. */
export function FundingProgrammesPage() {
  const { t } = useTranslation("funding");
  useDocumentTitle(t("programmes.title"));
  const session = useSession();
  const user = session.data?.user;
  const admin = user?.role === "smr" && user.admin;
  return (
    <div className="funding-programmes-page">
      <FundingBreadcrumb current={t("programmes.title")} />
      <h1>{t("programmes.title")}</h1>
      <p className="lead">{t("programmes.intro")}</p>
      {session.isPending ? (
        <LoadingState />
      ) : user ? (
        <>
          {admin ? null : <p className="notice">{t("common.notAdmin")}</p>}
          <ProgrammeAdmin canEdit={admin} />
        </>
      ) : (
        <p className="notice">
          {t("programmes.signIn")} <Link to={paths.login}>{t("common.signIn")}</Link>
        </p>
      )}
    </div>
  );
}
