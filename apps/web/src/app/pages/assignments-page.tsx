import { useTranslation } from "react-i18next";
import { AssignmentsView } from "../../features/assignments/components/assignments-view";
import { ConsultationsSubnav, RoleGate } from "../../components/workspace";
import { useDocumentTitle } from "../../lib/use-document-title";

/** /beratungen/zuordnungen (SMR): advisor assignments. */
export function AssignmentsPage() {
  const { t } = useTranslation("advisory");
  useDocumentTitle(t("assignments.title"));
  return (
    <>
      <h1>{t("assignments.title")}</h1>
      <RoleGate roles={["smr"]}>
        {(user) => (
          <>
            <ConsultationsSubnav user={user} />
            <p className="lead">{t("assignments.intro")}</p>
            <AssignmentsView />
          </>
        )}
      </RoleGate>
    </>
  );
}
