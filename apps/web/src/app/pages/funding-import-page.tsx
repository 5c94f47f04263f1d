import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LoadingState } from "../../components/query-state";
import { FundingBreadcrumb } from "../../features/funding/components/funding-breadcrumb";
import { MeasureImport } from "../../features/funding/components/measure-import";
import "../../features/funding/funding.css";
import { useSession } from "../../lib/api/get-session";
import { paths } from "../../lib/paths";
import { useDocumentTitle } from "../../lib/use-document-title";


/** /foerderung/import: SMR and FS INGE upload a programme list (dry run first). */
export function FundingImportPage() {
  const { t } = useTranslation("funding");
  useDocumentTitle(t("import.title"));
  const session = useSession();
  const user = session.data?.user;
  return (
    <div className="funding-import-page">
      <FundingBreadcrumb current={t("import.title")} />
      <h1>{t("import.title")}</h1>
      <p className="lead">{t("import.intro")}</p>
      {session.isPending ? (
        <LoadingState />
      ) : user?.role === "smr" || user?.role === "advisor" ? (
        <MeasureImport />
      ) : user ? (
        <p className="notice">{t("import.forbidden")}</p>
      ) : (
        <p className="notice">
          {t("import.signIn")} <Link to={paths.login}>{t("common.signIn")}</Link>
        </p>
      )}
    </div>
  );
}
