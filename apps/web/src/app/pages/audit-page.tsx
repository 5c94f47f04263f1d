import { useTranslation } from "react-i18next";
import { RoleGate } from "../../components/workspace";
import { AuditLog } from "../../features/audit/components/audit-log";
import { useDocumentTitle } from "../../lib/use-document-title";

const SMR_ONLY = ["smr"] as const;

/** /protokoll: the audit log, for SMR. */
export function AuditPage() {
  const { t } = useTranslation("audit");
  useDocumentTitle(t("title"));
  return (
    <>
      <h1>{t("title")}</h1>
      <RoleGate roles={SMR_ONLY}>
        {() => (
          <>
            <p className="lead">{t("intro")}</p>
            <AuditLog />
          </>
        )}
      </RoleGate>
    </>
  );
}
